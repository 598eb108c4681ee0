"""The ticket look-ups of problems and storms: recent unlinked incidents of a service, the open
problems and emergencies, the incidents linked to one, the fan-outs still owed.

Same ``tickets`` collection as ``storage/tickets.py`` (whose document mapping it shares); every
write to a ticket still goes through ``TicketRepository.update_if`` except the fan-out's own
bookkeeping (``finish_fanout``), like the scheduler's due times.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from pymongo import ASCENDING

from bot.domain.models import OPEN_STATUSES, Status, Ticket, TicketType
from storage.client import Database
from storage.client import store_errors as _store_errors
from storage.indexes import ensure_index
from storage.ticket_documents import AT_WORK, MAX_LIST, _listed, _swept

LINKED_MAX = 10_000


class ProblemTickets:
    def __init__(self, database: Database) -> None:
        self._tickets = database.handle["tickets"]

    @_store_errors
    async def create_indexes(self) -> None:
        await ensure_index(
            self._tickets,
            [("problem_id", ASCENDING), ("status", ASCENDING), ("created_at", ASCENDING)],
            name="by_problem",
            partialFilterExpression={"problem_id": {"$type": "string"}},
        )
        await ensure_index(
            self._tickets,
            [("type", ASCENDING), ("status", ASCENDING), ("service", ASCENDING)],
            name="by_type",
        )
        await ensure_index(
            self._tickets,
            [("type", ASCENDING), ("sla.resolved_at", ASCENDING)],
            name="fixed_since",
        )
        await ensure_index(
            self._tickets,
            [("fanout_at", ASCENDING)],
            name="fanout_due",
            partialFilterExpression={"fanout_at": {"$type": "date"}},
        )

    @_store_errors
    async def recent_unlinked_incidents(
        self, service: str, since: datetime, limit: int = MAX_LIST
    ) -> list[Ticket]:
        """Open incidents of ``service`` filed since ``since`` and linked to no problem, oldest
        first (one range of the ``by_service`` index)."""
        cursor = self._tickets.find(
            {
                "service": service,
                "status": {"$in": _values(OPEN_STATUSES)},
                "created_at": {"$gte": since},
                "type": TicketType.INCIDENT.value,
                "problem_id": None,
            },
            {"history": 0},
        ).sort("created_at", ASCENDING)
        return await _listed(cursor, limit)

    @_store_errors
    async def open_of_type(
        self, ticket_type: TicketType, service: str | None = None, limit: int = MAX_LIST
    ) -> list[Ticket]:
        """Open tickets of ``ticket_type`` (of ``service`` when given), oldest first; not a
        request awaiting approval (no storm joins a problem or emergency nobody works yet)."""
        query: dict[str, Any] = {
            "type": ticket_type.value,
            "status": {"$in": _values(OPEN_STATUSES)},
            **AT_WORK,
        }
        if service is not None:
            query["service"] = service
        cursor = self._tickets.find(query, {"history": 0}).sort("created_at", ASCENDING)
        return await _listed(cursor, limit)

    @_store_errors
    async def fixed_since(
        self, types: Iterable[TicketType], since: datetime, limit: int = MAX_LIST
    ) -> list[Ticket]:
        """Tickets of ``types`` resolved (or since closed) at ``since`` or later, the latest
        fixed first (one range of the ``fixed_since`` index per type)."""
        cursor = self._tickets.find(
            {
                "type": {"$in": [ticket_type.value for ticket_type in types]},
                "sla.resolved_at": {"$gte": since},
                "status": {"$in": _values((Status.RESOLVED, Status.CLOSED))},
            },
            {"history": 0},
        ).sort("sla.resolved_at", -1)
        return await _listed(cursor, limit)

    @_store_errors
    async def linked_to(
        self, problem_id: str, statuses: Iterable[Status] | None = None, limit: int = LINKED_MAX
    ) -> list[Ticket]:
        """The incidents linked to ``problem_id`` (in those statuses), in filing order."""
        # ``$type`` spells out the ``by_problem`` index's partial filter, so the server uses it
        query: dict[str, Any] = {"problem_id": {"$eq": problem_id, "$type": "string"}}
        if statuses is not None:
            query["status"] = {"$in": _values(statuses)}
        cursor = self._tickets.find(query, {"history": 0}).sort("created_at", ASCENDING)
        return await _listed(cursor, limit)

    @_store_errors
    async def get_many(self, ticket_ids: Sequence[str]) -> list[Ticket]:
        """The tickets of ``ticket_ids`` that exist, in that order."""
        if not ticket_ids:
            return []
        cursor = self._tickets.find({"_id": {"$in": list(ticket_ids)}}, {"history": 0})
        found = {ticket.id: ticket for ticket in await _listed(cursor, len(ticket_ids))}
        return [found[ticket_id] for ticket_id in ticket_ids if ticket_id in found]

    @_store_errors
    async def fanouts_due(self, before: datetime, limit: int = 50) -> list[Ticket]:
        """Problems and emergencies whose incidents are owed their outcome since ``before`` or
        earlier (a fan-out cut short: its process died)."""
        due = {"fanout_at": {"$type": "date", "$lte": before}}  # the partial index's filter
        return await _swept(
            lambda: self._tickets.find(due, {"history": 0}).sort("fanout_at", ASCENDING), limit
        )

    @_store_errors
    async def finish_fanout(self, ticket_id: str, since: datetime) -> bool:
        """The fan-out owed since ``since`` is done (unless another one was owed meanwhile)."""
        result = await self._tickets.update_one(
            {"_id": ticket_id, "fanout_at": since}, {"$set": {"fanout_at": None}}
        )
        return result.modified_count == 1


def _values(statuses: Iterable[Status]) -> list[str]:
    return [status.value for status in statuses]
