"""The Home's work lists read most pressing first (``storage/ticket_work_lists.py``): the first
``limit`` by ``queue_order`` are among what is read, whatever the number of open tickets (in
memory, and on a real server when MONGODB_URI is set)."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.deadlines import queue_order
from bot.domain.models import SlaClocks, Status, Ticket, TicketType
from storage.client import Database
from storage.tickets import TicketRepository
from tests.fakes import T0, ticket

LIMIT = 5


async def _repo(database: Database, tickets: list[Ticket]) -> TicketRepository:
    repo = TicketRepository(database)
    await repo.create_indexes()
    await repo.import_tickets(tickets)
    return repo


def _first(tickets: list[Ticket], limit: int = LIMIT) -> list[str]:
    return [t.id for t in sorted(tickets, key=queue_order(T0))][:limit]


def _due(hours: float) -> SlaClocks:
    return SlaClocks(response_due=T0 + timedelta(hours=hours))


async def test_the_most_pressing_are_read_behind_many_older_ones(database: Database) -> None:
    older = [
        ticket(id=f"INC-{n}", at=T0 - timedelta(days=30, hours=-n), sla=_due(48 + n))
        for n in range(40)
    ]
    taken = ticket(  # responded to, then unassigned: its resolution clock runs, overdue
        id="INC-100",
        at=T0 - timedelta(hours=1),
        sla=SlaClocks(
            response_due=T0 - timedelta(hours=2),
            responded_at=T0 - timedelta(hours=3),
            resolution_due=T0 - timedelta(minutes=5),
        ),
    )
    urgent = ticket(id="INC-101", at=T0, sla=_due(0.25))
    emergency = ticket(id="EMG-102", type=TicketType.EMERGENCY, at=T0, sla=_due(3))
    elsewhere = ticket(id="INC-103", service="security", at=T0, sla=_due(0.1))
    everything = [*older, taken, urgent, emergency, elsewhere]
    repo = await _repo(database, everything)
    read = await repo.pressing_unassigned(["service_desk"], LIMIT)
    assert "INC-103" not in {t.id for t in read}
    mine = [t for t in everything if t.service == "service_desk"]
    assert _first(read) == _first(mine) == ["EMG-102", "INC-100", "INC-101", "INC-0", "INC-1"]


async def test_tickets_without_a_running_clock_come_after_and_are_read_too(
    database: Database,
) -> None:
    paused = ticket(
        id="INC-1",
        at=T0 - timedelta(days=3),
        status=Status.WAITING_ON_REQUESTER,
        sla=SlaClocks(responded_at=T0, resolution_due=T0, paused_at=T0),
    )
    clockless = [ticket(id=f"INC-{n}", at=T0 - timedelta(days=n)) for n in range(2, 6)]
    running = ticket(id="INC-9", at=T0, sla=_due(1))
    assigned = ticket(id="INC-10", at=T0, assignee="U5", status=Status.IN_PROGRESS, sla=_due(0))
    everything = [paused, *clockless, running, assigned]
    repo = await _repo(database, everything)
    queue = await repo.pressing_unassigned(["service_desk"], LIMIT)
    unassigned = [t for t in everything if t.assignee is None]
    assert _first(queue) == _first(unassigned) and _first(queue)[0] == "INC-9"
    assert len(queue) == 6  # all of them: fewer than the limit have a clock
    assert [t.id for t in await repo.pressing_assigned("U5", LIMIT)] == ["INC-10"]
