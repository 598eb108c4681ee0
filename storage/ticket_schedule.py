"""The ticket repository's scheduler side: the due tickets, their hand-over leases, and the
server's plan for the due query."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING

from bot.domain.models import Ticket
from storage.client import store_errors as _store_errors
from storage.query_plans import QueryPlan, plan_of
from storage.ticket_documents import _encode, _swept

DUE_INDEX = "by_next_ping"


class TicketSchedule:
    """Mixed into ``TicketRepository`` (``storage/tickets.py``), which sets ``_db`` and
    ``_tickets``."""

    _db: Any
    _tickets: Any

    # --- the scheduler's due work ----------------------------------------------------------
    # ``next_ping_at`` is the earliest due time of a ticket (reminder or page); while a tick
    # hands a ticket's messages to the outbox it holds a short lease there instead (see
    # ``bot/scheduler.py``). These writes touch only that bookkeeping; every change people see
    # goes through ``update_if`` (``Helpdesk.apply_change``).

    def _due_query(self, now: datetime) -> dict[str, Any]:
        return {"next_ping_at": {"$lte": now}}

    @_store_errors
    async def due(self, now: datetime, limit: int) -> list[Ticket]:
        """Tickets whose ``next_ping_at`` has passed, earliest first: one range scan of the
        ``by_next_ping`` index, whatever the number of tickets."""
        return await _swept(
            lambda: self._tickets.find(self._due_query(now), {"history": 0}).sort(
                "next_ping_at", ASCENDING
            ),
            limit,
        )

    @_store_errors
    async def extend_lease(self, ticket_id: str, due: datetime, lease: datetime) -> bool:
        """Take over a ticket whose hand-over lease ran out (its tick died midway)."""
        result = await self._tickets.update_one(
            {"_id": ticket_id, "next_ping_at": due, "handover": {"$ne": None}},
            {"$set": {"next_ping_at": lease}},
        )
        return result.modified_count == 1

    @_store_errors
    async def finish_handover(
        self, ticket_id: str, token: str, lease: datetime, next_ping_at: datetime | None
    ) -> None:
        """The hand-over ``token`` is in the outbox: forget it and set the next due time, unless
        a change made meanwhile already set one (then it stands)."""
        done = await self._tickets.update_one(
            {"_id": ticket_id, "handover.token": token, "next_ping_at": lease},
            {"$set": {"handover": None, "next_ping_at": next_ping_at}},
        )
        if done.modified_count == 0:
            await self._tickets.update_one(
                {"_id": ticket_id, "handover.token": token}, {"$set": {"handover": None}}
            )

    @_store_errors
    async def reschedule(
        self, ticket_id: str, due: datetime, changes: dict[str, Any], next_ping_at: datetime | None
    ) -> bool:
        """Move a due time that turned out to owe nothing (no message to send)."""
        result = await self._tickets.update_one(
            {"_id": ticket_id, "next_ping_at": due, "handover": None},
            {"$set": {**_encode(changes), "next_ping_at": next_ping_at}},
        )
        return result.modified_count == 1

    @_store_errors
    async def explain_due(self, now: datetime, limit: int) -> QueryPlan:
        """The server's plan for the ``due`` query (a real MongoDB server only)."""
        answer = await self._db.command(
            "explain",
            {
                "find": self._tickets.name,
                "filter": self._due_query(now),
                "sort": {"next_ping_at": 1},
                "limit": limit,
                "projection": {"history": 0},
            },
            verbosity="executionStats",
        )
        return plan_of(answer)
