"""The ticket repository's live pages: the emergencies paging a person now, not yet
acknowledged (their App Home shows them first, with Acknowledge); paging moved past a level
nobody on it could be paged at; a page that failed for good taken out of its reader's
count, and one given up unanswered counted as maybe sent."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from pymongo import ASCENDING, ReturnDocument

from bot.domain.models import OPEN_STATUSES, HistoryEntry, Paging, Ticket
from storage import codec
from storage.audit import PENDING
from storage.client import store_errors as _store_errors
from storage.ticket_documents import _entry_document, _listed

LIVE_PAGES_INDEX = "live_pages"
LIVE_PAGING: dict[str, Any] = {"paging.next_at": {"$type": "date"}}
"""A paging still running: its next page is due at a date (acknowledged or stopped: none). The
partial index's filter, so it holds a handful of tickets whatever the collection's size."""
_USER_ID = re.compile(r"^[A-Z0-9]{1,40}$")


class TicketPages:
    """Mixed into ``TicketRepository`` (``storage/tickets.py``), which sets ``_tickets`` and
    creates the partial ``live_pages`` index."""

    _tickets: Any

    @_store_errors
    async def live_pages(self, user: str, limit: int = 10) -> list[Ticket]:
        """The open tickets whose running paging has paged ``user`` (by direct message), the
        longest-paging first."""
        if not _USER_ID.match(user):  # a field name: never anything but a Slack user id
            return []
        cursor = self._tickets.find(
            {
                **LIVE_PAGING,
                f"paging.paged.{user}": {"$gte": 1},
                "status": {"$in": [s.value for s in OPEN_STATUSES]},
            },
            {"history": 0},
        ).sort("paging.started_at", ASCENDING)
        return await _listed(cursor, limit)

    @_store_errors
    async def skip_level(self, ticket_id: str, was: Paging, now: Paging, at: datetime) -> bool:
        """Paging moves past a level nobody on it could be paged at (``bot/paging/unreachable.py``):
        ``now`` replaces ``was``, due at ``at``, unless it changed meanwhile (acknowledged,
        stopped, escalated) or a scheduler tick holds the ticket (its hand-over: the next
        round, by the clock, comes anyway)."""
        result = await self._tickets.update_one(
            {
                "_id": ticket_id,
                "paging.level": was.level,
                "paging.skipped_to": was.skipped_to,
                "paging.acked_by": None,
                "paging.stopped_at": None,
                "handover": None,
            },
            {"$set": {"paging": codec.plain(now), "next_ping_at": at}},
        )
        return result.modified_count == 1

    @_store_errors
    async def uncount_page(self, ticket_id: str, user: str, queued_at: datetime) -> int | None:
        """A page to ``user`` queued at ``queued_at`` failed for good: it no longer counts among
        the pages they had (the number their next page says, their Home's count), if it belongs
        to the paging running now (one started again since, after a move, counts anew). Returns
        the pages still counted for them (0: their Home no longer shows it), ``None`` when
        nothing was uncounted."""
        if not _USER_ID.match(user):  # a field name: never anything but a Slack user id
            return None
        counted = f"paging.paged.{user}"
        document = await self._tickets.find_one_and_update(
            {"_id": ticket_id, counted: {"$gte": 1}, "paging.started_at": {"$lte": queued_at}},
            {"$inc": {counted: -1}},
            projection={counted: 1},
            return_document=ReturnDocument.AFTER,
        )
        if document is None:
            return None
        return int(((document.get("paging") or {}).get("paged") or {}).get(user, 0))

    @_store_errors
    async def unconfirm_page(
        self,
        entry: HistoryEntry,
        user: str,
        queued_at: datetime,
        audit_line: dict[str, Any] | None = None,
    ) -> bool:
        """A page to ``user`` queued at ``queued_at`` was given up after attempts whose answers
        were all lost: it stays in their count (it may have arrived), is counted among their
        unconfirmed pages, and ``entry`` says so in the history (with its ``audit_line``), in
        one update, if it belongs to the paging running now. False when nothing was written."""
        if not _USER_ID.match(user):  # a field name: never anything but a Slack user id
            return False
        update: dict[str, Any] = {
            "$inc": {f"paging.unconfirmed.{user}": 1},
            "$push": {"history": _entry_document(entry)},
        }
        if audit_line is not None:
            update["$push"][PENDING] = audit_line
        result = await self._tickets.update_one(
            {"_id": entry.ticket_id, "paging.started_at": {"$lte": queued_at}}, update
        )
        return result.modified_count == 1
