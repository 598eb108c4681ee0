"""The requester's DMs that still carry buttons, kept on the ticket's document (``requester_dms``)
so that the next message can take their buttons off (``bot/tickets/requester_dms.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pymongo import ReturnDocument

from bot.domain.models import MessageRef
from bot.domain.sent_dm import SentDm
from storage.client import store_errors as _store_errors


class TicketRequesterDms:
    """Mixed into ``TicketRepository`` (``storage/tickets.py``), which sets ``_tickets``."""

    _tickets: Any

    @_store_errors
    async def swap_requester_dms(self, ticket_id: str, live: Sequence[SentDm]) -> list[SentDm]:
        """Record ``live`` as the DMs with buttons now and return those recorded before, in one
        atomic update (bookkeeping, no history entry): of two messages sent at once, each
        retires what the other left, none twice."""
        document = await self._tickets.find_one_and_update(
            {"_id": ticket_id},
            {"$set": {"requester_dms": [_document(dm) for dm in live]}},
            projection={"requester_dms": 1},
            return_document=ReturnDocument.BEFORE,
        )
        return [_sent(item) for item in (document or {}).get("requester_dms") or ()]

    @_store_errors
    async def requester_dms(self, ticket_id: str) -> list[SentDm]:
        """The DMs recorded as carrying buttons now (oldest first)."""
        document = await self._tickets.find_one({"_id": ticket_id}, {"requester_dms": 1})
        return [_sent(item) for item in (document or {}).get("requester_dms") or ()]

    @_store_errors
    async def forget_requester_dm(self, ticket_id: str, ref: MessageRef) -> None:
        """``ref`` no longer carries buttons: off the record (the others, and one recorded
        meanwhile, stay)."""
        await self._tickets.update_one(
            {"_id": ticket_id},
            {"$pull": {"requester_dms": {"channel": ref.channel, "ts": ref.ts}}},
        )


def _document(dm: SentDm) -> dict[str, str]:
    return {"channel": dm.ref.channel, "ts": dm.ref.ts, "text": dm.text}


def _sent(item: dict[str, str]) -> SentDm:
    return SentDm(MessageRef(item["channel"], item["ts"]), item["text"])
