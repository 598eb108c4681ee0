"""Reports: ``/ticket stats``, ``/ticket export`` and the figures of the weekly digest.

Who sees what, and why:

- **Overall statistics** (``/ticket stats``, no service): anyone. They are counts and averages
  over everybody's tickets and name nobody; being open about how the helpdesk performs is
  part of the service.
- **A service's statistics**: the people who work that service (its roster in the services
  file — the same rule as working its tickets) and the admins. They are that team's own
  performance figures.
- In both, the *top problems* list only problems of the services the reader works: a problem's
  title is ticket content, which ``/ticket show`` keeps to the requester and the service's people.
  The open problems, and those left out of the list, are counted for everyone, as the tickets
  by type are (a count names nothing).
- **The CSV export**: agents only, meaning people who work at least one service, and only the
  tickets of the services they work: the rows carry titles and requesters, the same things
  ``/ticket show`` shows those people. The admins export every service.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain import stats as ticket_stats
from bot.domain.business_time import BusinessCalendar
from bot.domain.calendars import calendar_for
from bot.domain.clock import Clock
from bot.domain.config import ServicesConfig
from bot.domain.errors import GuichetError, NotAllowed
from bot.domain.models import TicketType
from bot.domain.periods import last_days
from bot.domain.stats import Stats, TicketFacts
from bot.reports.request import ReportRequest
from bot.tickets.ports import Directory
from storage.reports import ReportStore

log = logging.getLogger(__name__)

MAX_TICKETS = 20_000  # tickets one report reads at most (it says so when there were more)
MAX_OPEN_PROBLEMS = 500


class NotAnAgent(GuichetError):
    """Only people who work a support service may do this."""

    def __init__(self, user: str) -> None:
        super().__init__(f"{user} works no service")
        self.user = user


@dataclass(frozen=True)
class PeriodReport:
    stats: Stats
    tickets: tuple[TicketFacts, ...]


@dataclass(frozen=True)
class Export:
    start: datetime
    end: datetime
    services: tuple[str, ...]
    tickets: tuple[TicketFacts, ...]
    truncated: bool


class Reports:
    def __init__(
        self, store: ReportStore, directory: Directory, config: ServicesConfig, clock: Clock
    ) -> None:
        self.store = store
        self.directory = directory
        self.config = config
        self.clock = clock

    async def services_of(self, user: str) -> list[str]:
        """The services ``user`` works, in the services file's order."""
        services = list(self.config.services)
        works = await asyncio.gather(*(self.directory.works_for(s, user) for s in services))
        return [service for service, yes in zip(services, works, strict=True) if yes]

    # --- /ticket stats ------------------------------------------------------------------------
    async def stats_for(self, user: str, request: ReportRequest) -> Stats:
        """The statistics ``user`` asked for; raises ``NotAllowed`` for a service they do not
        work."""
        period = last_days(self.clock.now(), request.days)
        works = set(await self.services_of(user))
        if await self.directory.is_admin(user):
            works = set(self.config.services)
        if request.service is not None and request.service not in works:
            raise NotAllowed(request.service)
        scope = [request.service] if request.service is not None else None
        return await self.compute(
            period.start, period.end, period.now, scope, problem_services=works
        )

    async def compute(
        self,
        start: datetime,
        end: datetime,
        now: datetime,
        services: Sequence[str] | None,
        problem_services: set[str] | None = None,
    ) -> Stats:
        """The statistics of the tickets of ``services`` (``None``: all) filed in
        ``[start, end)``, as of ``now``; the top problems only of ``problem_services`` when
        given."""
        return (await self.period(start, end, now, services, problem_services)).stats

    async def period(
        self,
        start: datetime,
        end: datetime,
        now: datetime,
        services: Sequence[str] | None,
        problem_services: set[str] | None = None,
    ) -> PeriodReport:
        """``compute``, with the tickets it was computed from (a duplicate merged into another
        ticket is not counted: the problem was filed once)."""
        filed = await self.store.filed_between(start, end, services, MAX_TICKETS + 1, merged=False)
        truncated = len(filed) > MAX_TICKETS
        filed = filed[:MAX_TICKETS]
        if truncated:
            log.warning("report over %s tickets: only the first %s read", services, MAX_TICKETS)
        problems = {f.id: f for f in filed if f.type is TicketType.PROBLEM}
        for problem in await self.store.open_problems(services, MAX_OPEN_PROBLEMS):
            problems[problem.id] = problem
        referenced = {f.problem_id for f in filed if f.problem_id} - problems.keys()
        for problem in await self.store.by_ids(referenced):
            problems[problem.id] = problem
        # listed only to the people of their services; counted (naming nothing) for everyone
        listed = [
            k
            for k, p in problems.items()
            if problem_services is None or p.service in problem_services
        ]
        links = await self.store.links(listed)
        stats = ticket_stats.compute(
            filed,
            start,
            end,
            now,
            problems.values(),
            links,
            truncated=truncated,
            calendar_of=self._calendar_of,
            listed_services=problem_services,
        )
        return PeriodReport(stats=stats, tickets=tuple(filed))

    def _calendar_of(self, facts: TicketFacts) -> BusinessCalendar:
        """The calendar a ticket's clocks ran on: its times are counted on the same."""
        return calendar_for(self.config, facts.service, facts.priority, facts.type)

    # --- /ticket export -----------------------------------------------------------------------
    async def export_for(self, user: str, request: ReportRequest) -> Export:
        """The tickets ``user`` may export; raises ``NotAnAgent`` (works no service) or
        ``NotAllowed`` (asked for a service they do not work)."""
        admin = await self.directory.is_admin(user)
        if request.service is not None:
            if not admin and not await self.directory.works_for(request.service, user):
                raise NotAllowed(request.service)
            services = [request.service]
        else:
            services = list(self.config.services) if admin else await self.services_of(user)
            if not services:
                raise NotAnAgent(user)
        period = last_days(self.clock.now(), request.days)
        filed = await self.store.filed_between(period.start, period.end, services, MAX_TICKETS + 1)
        return Export(
            start=period.start,
            end=period.now,
            services=tuple(services),
            tickets=tuple(filed[:MAX_TICKETS]),
            truncated=len(filed) > MAX_TICKETS,
        )
