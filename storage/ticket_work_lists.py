"""The ticket repository's work lists, most pressing first: a service's unassigned queue and a
person's assigned tickets, as their App Home shows them (``bot/home/snapshot.py``).

The order is ``bot/domain/deadlines.queue_order``: emergencies, then by the due time of the
clock that runs (overdue ones have the earliest: they come first), then priority, then age. It
is not one stored field, so the list is read as the union of a few indexed reads, each cut at
``limit``, that together hold the first ``limit`` tickets of that order, whatever the number of
open tickets (before: the 200 oldest were read, then sorted: a new emergency behind 200 older
tickets was on nobody's Home):
- the emergencies (a small partial index: ``open_emergencies``);
- the tickets whose response clock runs, by its due time (``queue_by_response_due``);
- those whose resolution clock runs, by its due time (``queue_by_resolution_due``);
- when those are fewer than ``limit``: the ones without a running clock, oldest first (read by
  age, past the ones already read).
The caller sorts the union with ``queue_order`` and keeps the first ``limit``. A ticket with
no response target but a resolution one (none is filed so: both targets are set per priority)
is read only by age.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pymongo import ASCENDING

from bot.domain.models import OPEN_STATUSES, Status, Ticket, TicketType
from storage.client import store_errors as _store_errors
from storage.indexes import ensure_index
from storage.ticket_documents import AT_WORK, _listed

EMERGENCIES_INDEX = "open_emergencies"
RESPONSE_DUE_INDEX = "queue_by_response_due"
RESOLUTION_DUE_INDEX = "queue_by_resolution_due"
EMERGENCIES_MAX = 200  # open emergencies read, whatever ``limit``: a handful at a time

_RESPONSE_RUNS: dict[str, Any] = {
    "sla.responded_at": None,
    "sla.response_due": {"$type": "date"},
}
_RESOLUTION_RUNS: dict[str, Any] = {
    "sla.responded_at": {"$type": "date"},
    "sla.resolved_at": None,
    "sla.paused_at": None,
    "sla.resolution_due": {"$type": "date"},
}


class TicketWorkLists:
    """Mixed into ``TicketRepository`` (``storage/tickets.py``), which sets ``_tickets`` and
    calls ``create_work_list_indexes``."""

    _tickets: Any

    async def create_work_list_indexes(self) -> None:
        # Unassigned (``assignee`` null) in some services, or one person's in any service (the
        # service a range of the index then: read in the index, sorted past it, per person).
        for name, due in (
            (RESPONSE_DUE_INDEX, "sla.response_due"),
            (RESOLUTION_DUE_INDEX, "sla.resolution_due"),
        ):
            await ensure_index(
                self._tickets,
                [("assignee", ASCENDING), ("service", ASCENDING), ("status", ASCENDING), (due, 1)],
                name=name,
            )
        await ensure_index(  # the emergencies: a handful open at a time
            self._tickets,
            [("status", ASCENDING), ("service", ASCENDING), ("created_at", ASCENDING)],
            name=EMERGENCIES_INDEX,
            partialFilterExpression={"type": TicketType.EMERGENCY.value},
        )

    @_store_errors
    async def pressing_unassigned(
        self, services: Iterable[str], limit: int, statuses: Iterable[Status] = OPEN_STATUSES
    ) -> list[Ticket]:
        """The tickets of ``services`` nobody has (not a request awaiting approval) among which
        the first ``limit`` by ``queue_order`` are (more may come: sort, then cut)."""
        listed = {
            "assignee": None,
            "service": {"$in": list(services)},
            "status": {"$in": [s.value for s in statuses]},
            **AT_WORK,
        }
        return await self._pressing(listed, limit)

    @_store_errors
    async def pressing_assigned(
        self, assignee: str, limit: int, statuses: Iterable[Status] = OPEN_STATUSES
    ) -> list[Ticket]:
        """The tickets ``assignee`` has among which the first ``limit`` by ``queue_order``
        are (more may come: sort, then cut)."""
        listed = {"assignee": assignee, "status": {"$in": [s.value for s in statuses]}}
        return await self._pressing(listed, limit)

    async def _pressing(self, listed: dict[str, Any], limit: int) -> list[Ticket]:
        def read(extra: dict[str, Any], order: str, n: int) -> Any:
            cursor = self._tickets.find({**listed, **extra}, {"history": 0})
            return _listed(cursor.sort(order, ASCENDING), n)

        emergency = {"type": TicketType.EMERGENCY.value}
        emergencies = await read(emergency, "created_at", max(limit, EMERGENCIES_MAX))
        responding = await read(_RESPONSE_RUNS, "sla.response_due", limit)
        resolving = await read(_RESOLUTION_RUNS, "sla.resolution_due", limit)
        found: dict[str, Ticket] = {}
        for ticket in (*emergencies, *responding, *resolving):
            found.setdefault(ticket.id, ticket)
        clocked = len(responding) + len(resolving)
        if len(responding) < limit and len(resolving) < limit:
            # every ticket with a running clock is read: the rest, by age, past those
            for ticket in await read({}, "created_at", limit + clocked + len(emergencies)):
                found.setdefault(ticket.id, ticket)
        return list(found.values())
