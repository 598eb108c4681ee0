"""The ticket repository's "to announce" marks: a filed ticket is marked until it has been
announced (posted, linked to its problem or held with a suggestion), so that what a crash
interrupted after the ack is found again by the scheduler (``bot/filing/unannounced.py``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING

from bot.domain.models import Ticket
from storage.client import store_errors as _store_errors
from storage.ticket_documents import _swept

ANNOUNCE_INDEX = "to_announce"


class TicketAnnouncements:
    """Mixed into ``TicketRepository`` (``storage/tickets.py``), which sets ``_tickets`` and
    creates the partial ``to_announce`` index (marked tickets only: a handful)."""

    _tickets: Any

    @_store_errors
    async def unannounced(self, before: datetime, limit: int = 50) -> list[Ticket]:
        """Tickets marked "to announce" since ``before`` or earlier, oldest first."""
        query = {"announce_at": {"$type": "date", "$lte": before}}  # the partial index's filter
        return await _swept(
            lambda: self._tickets.find(query, {"history": 0}).sort("announce_at", ASCENDING), limit
        )

    @_store_errors
    async def mark_announced(self, ticket_id: str) -> None:
        """The ticket has been announced: clear its mark (bookkeeping, no history entry)."""
        await self._tickets.update_one(
            {"_id": ticket_id, "announce_at": {"$ne": None}}, {"$set": {"announce_at": None}}
        )
