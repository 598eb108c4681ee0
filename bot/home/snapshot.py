"""What a person's App Home shows: their own tickets, and for the people who work a service,
the tickets assigned to them and their services' unassigned queue, sorted by what is due first
(emergencies and overdue tickets at the top; ``bot/domain/deadlines.py``)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.clock import Clock
from bot.domain.config import ServicesConfig
from bot.domain.deadlines import queue_order
from bot.domain.models import OPEN_STATUSES, Status, Ticket
from bot.tickets.ports import Directory
from storage.tickets import TicketRepository

CLOSED_STATUSES: frozenset[Status] = frozenset(Status) - OPEN_STATUSES

OPEN_MAX = 15
RECENT_MAX = 5
ASSIGNED_MAX = 15
QUEUE_MAX = 25
PAGES_MAX = 5  # live pages at the top (each with its buttons: two blocks)


@dataclass(frozen=True)
class HomeSnapshot:
    """One person's tickets, each list cut to what a Home tab shows; ``more_*`` says a list
    was cut."""

    user: str
    open: list[Ticket]
    recent: list[Ticket]
    services: list[str]  # the services the person may work; empty for a requester only
    assigned: list[Ticket]
    queue: list[Ticket]
    more_open: bool = False
    more_assigned: bool = False
    more_queue: bool = False
    at: datetime | None = None  # when it was taken: the deadlines on its lines count from it
    pages: list[Ticket] = field(default_factory=list)  # emergencies paging them, not acknowledged

    @property
    def is_agent(self) -> bool:
        return bool(self.services)


class Home:
    def __init__(
        self,
        tickets: TicketRepository,
        config: ServicesConfig,
        clock: Clock,
        directory: Directory,
    ) -> None:
        """The ticket desk's reads, not the desk itself: a paged person's tab is published
        again from the outbox's deliveries too, which the desk needs (``bot/app/build.py``)."""
        self.tickets = tickets
        self.config = config
        self.clock = clock
        self.directory = directory

    async def services_of(self, user: str) -> list[str]:
        """The services ``user`` may work, in the services file's order."""
        services = list(self.config.services)
        verdicts = await asyncio.gather(
            *(self.directory.works_for(service, user) for service in services)
        )
        return [service for service, works in zip(services, verdicts, strict=True) if works]

    async def snapshot(self, user: str) -> HomeSnapshot:
        """Raises ``StoreUnavailable``."""
        tickets = self.tickets
        services = await self.services_of(user)
        mine = await tickets.list_for_requester(user, OPEN_STATUSES, limit=OPEN_MAX + 1)
        # finished last, however long ago filed (not among the last filed, then sorted)
        recent = await tickets.list_last_changed_for_requester(user, CLOSED_STATUSES, RECENT_MAX)
        assigned: list[Ticket] = []
        queue: list[Ticket] = []
        now = self.clock.now()
        pages = await tickets.live_pages(user, limit=PAGES_MAX)
        if services:
            pressing = queue_order(now)
            # the most pressing of all (not of the oldest few hundred), one more to say "more"
            mine_now = await tickets.pressing_assigned(user, ASSIGNED_MAX + 1)
            assigned = sorted(mine_now, key=pressing)
            queue = sorted(await tickets.pressing_unassigned(services, QUEUE_MAX + 1), key=pressing)
        return HomeSnapshot(
            user=user,
            open=mine[:OPEN_MAX],
            recent=recent[:RECENT_MAX],
            services=services,
            assigned=assigned[:ASSIGNED_MAX],
            queue=queue[:QUEUE_MAX],
            more_open=len(mine) > OPEN_MAX,
            more_assigned=len(assigned) > ASSIGNED_MAX,
            more_queue=len(queue) > QUEUE_MAX,
            at=now,
            pages=pages,
        )
