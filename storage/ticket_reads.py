"""The ticket repository's reads: one ticket by id or by a Slack message, its history, and the
listings (by requester, service, assignee, status, the unassigned queue)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pymongo import ASCENDING, DESCENDING

from bot.domain.models import OPEN_STATUSES, HistoryEntry, Status, Ticket
from storage.client import store_errors as _store_errors
from storage.ticket_documents import (
    AT_WORK,
    MAX_LIST,
    _entry_from_document,
    _from_document,
    _listed,
)


class TicketReads:
    """Mixed into ``TicketRepository`` (``storage/tickets.py``), which sets ``_tickets``."""

    _tickets: Any

    @_store_errors
    async def get(self, ticket_id: str) -> Ticket | None:
        document = await self._tickets.find_one({"_id": ticket_id}, {"history": 0})
        return _from_document(document) if document else None

    @_store_errors
    async def find_by_message(self, channel: str, ts: str) -> Ticket | None:
        """The ticket whose channel message is ``channel``/``ts``."""
        return await self._find_one({"message.ts": ts, "message.channel": channel})

    @_store_errors
    async def find_by_requester_thread(self, channel: str, ts: str) -> Ticket | None:
        """The ticket whose requester DM thread starts at ``channel``/``ts``."""
        return await self._find_one(
            {"requester_thread.ts": ts, "requester_thread.channel": channel}
        )

    @_store_errors
    async def find_by_origin(self, channel: str, ts: str) -> Ticket | None:
        """The first ticket made from the Slack message ``channel``/``ts``, if any."""
        cursor = self._tickets.find(
            {"origin.ts": ts, "origin.channel": channel}, {"history": 0}
        ).sort("created_at", ASCENDING)
        found = await _listed(cursor, 1)
        return found[0] if found else None

    @_store_errors
    async def find_by_origin_key(self, key: str) -> Ticket | None:
        return await self._find_one({"origin.key": key})

    async def _find_one(self, query: dict[str, Any]) -> Ticket | None:
        document = await self._tickets.find_one(query, {"history": 0})
        return _from_document(document) if document else None

    @_store_errors
    async def history(self, ticket_id: str) -> list[HistoryEntry]:
        document = await self._tickets.find_one({"_id": ticket_id}, {"history": 1})
        if document is None:
            return []
        return [_entry_from_document(ticket_id, entry) for entry in document.get("history", [])]

    @_store_errors
    async def list_for_requester(
        self, requester: str, statuses: Iterable[Status], limit: int = MAX_LIST
    ) -> list[Ticket]:
        cursor = self._tickets.find(
            {"requester": requester, "status": {"$in": [s.value for s in statuses]}},
            {"history": 0},
        ).sort("created_at", DESCENDING)
        return await _listed(cursor, limit)

    @_store_errors
    async def list_last_changed_for_requester(
        self, requester: str, statuses: Iterable[Status], limit: int
    ) -> list[Ticket]:
        """The requester's tickets in ``statuses`` changed last first (their finished ones,
        however long ago they were filed; the requester index narrows, the person's tickets
        are sorted)."""
        cursor = self._tickets.find(
            {"requester": requester, "status": {"$in": [s.value for s in statuses]}},
            {"history": 0},
        ).sort("updated_at", DESCENDING)
        return await _listed(cursor, limit)

    @_store_errors
    async def linked_from(
        self, problem_id: str, services: Iterable[str], statuses: Iterable[Status], limit: int
    ) -> list[str]:
        """The ids of the tickets of ``services`` in ``statuses`` linked to ``problem_id``, at
        most ``limit``."""
        query = {
            # ``$type`` spells out the ``by_problem`` index's partial filter, so the server uses it
            "problem_id": {"$eq": problem_id, "$type": "string"},
            "status": {"$in": [s.value for s in statuses]},
            "service": {"$in": list(services)},
        }
        documents = await self._tickets.find(query, {"_id": 1}).to_list(limit)
        return [str(document["_id"]) for document in documents]

    @_store_errors
    async def list_for_service(
        self, service: str, statuses: Iterable[Status], limit: int = MAX_LIST
    ) -> list[Ticket]:
        cursor = self._tickets.find(
            {"service": service, "status": {"$in": [s.value for s in statuses]}},
            {"history": 0},
        ).sort("created_at", ASCENDING)
        return await _listed(cursor, limit)

    @_store_errors
    async def list_assigned(
        self, assignee: str, statuses: Iterable[Status] = OPEN_STATUSES, limit: int = MAX_LIST
    ) -> list[Ticket]:
        """Tickets assigned to ``assignee``, oldest first."""
        cursor = self._tickets.find(
            {"assignee": assignee, "status": {"$in": [s.value for s in statuses]}},
            {"history": 0},
        ).sort("created_at", ASCENDING)
        return await _listed(cursor, limit)

    @_store_errors
    async def list_unassigned(
        self,
        services: Iterable[str],
        statuses: Iterable[Status] = OPEN_STATUSES,
        limit: int = MAX_LIST,
    ) -> list[Ticket]:
        """The queue of ``services``: their tickets nobody has claimed, oldest first (not a
        request awaiting approval: nobody may claim it yet)."""
        cursor = self._tickets.find(
            {
                "service": {"$in": list(services)},
                "status": {"$in": [s.value for s in statuses]},
                "assignee": None,
                **AT_WORK,
            },
            {"history": 0},
        ).sort("created_at", ASCENDING)
        return await _listed(cursor, limit)

    @_store_errors
    async def list_by_status(
        self, statuses: Iterable[Status], limit: int = MAX_LIST
    ) -> list[Ticket]:
        cursor = self._tickets.find(
            {"status": {"$in": [s.value for s in statuses]}}, {"history": 0}
        ).sort("created_at", ASCENDING)
        return await _listed(cursor, limit)
