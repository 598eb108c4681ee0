"""Ticket statistics: pure functions over the few fields of each ticket that reports read.

Definitions (the same in ``/ticket stats``, the weekly digest and the CSV export):

- **The tickets of a period** are those *filed* in it; they are counted by type and by their
  status now.
- **MTTA** (mean time to acknowledge): what the response clock ran, clocks started → first
  response, the moment the response clock stopped (``sla.responded_at``): the first claim or
  assignment, the first status change, or the acknowledgement of its page, whichever came first.
  Averaged over the tickets that have had one. The clocks start at the filing, or at the
  approval of a catalogue request (``sla.started_at``): the wait for its approvers is nobody's
  delay.
- **MTTR** (mean time to resolve): what the resolution clock ran, clocks started → resolved
  (``sla.resolved_at``, the last resolution), over the tickets now resolved or closed: not while
  the ticket waited on its requester, nor while it stood resolved before a reopening — the time
  its resolution target is measured against (as Jira Service Management's *Time to resolution*
  and Zendesk's *agent work time* count; README, Reports).
- Both times are **business time**, each stretch of a clock counted on the calendar it ran on
  (``Ticket.sla_ran``, settled at each change of the clocks: a ticket moved from a 24/7 service
  to office hours counts its weekend there), as its SLA clocks count them
  (``bot/domain/calendars.py``; wall-clock time for 24/7 calendars, P1 and emergencies). A
  ticket stored before that was kept (no ``sla.ran_until``) counts as before: its calendar now,
  from the start to the first response and to the last resolution, waits included.
- **SLA breached**: a ticket missed its *response* target (first response after
  ``response_due``, or none yet and ``response_due`` has passed) or its *resolution* target
  (resolved after ``resolution_due``; or still open and past it, counting a ticket waiting on the
  requester where its clock stopped, at ``paused_at``). A ticket missing both counts once; the
  rate is breached tickets / tickets with targets. A due time is the last moment its target is
  met: where the target's opening hours run out as the calendar closes, the next opening
  (``sla.due_after``), so a response then — none of the opening hours beyond it used — is met.
- **Cancelled** tickets count in the totals but not in MTTA, MTTR or the breach rate: their
  clocks stopped at the cancellation, which is nobody's response.
- **Awaiting approval**: a catalogue request its approvers have not decided yet counts in the
  total (it was filed) but under no status: it is nobody's work yet, so it is counted apart
  (``awaiting_approval``), never as a service's *New* backlog; its SLA clocks have not started,
  so it is in no time and no breach rate either.
- **Satisfaction**: the mean of the 1–5 ratings given, with how many tickets were rated.
- **Top problems**: problem tickets ranked by the number of tickets linked to them
  (``problem_id``), open ones first on a tie; only those of the services the reader works are
  listed (a title is ticket content), but the open ones are counted whoever reads, and those
  left out are counted too ("No problem tickets." under "Problem 2" by type said there were none).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import TypeVar

from bot.domain.approvals import ApprovalState
from bot.domain.business_time import ALWAYS_OPEN, BusinessCalendar
from bot.domain.catalogue_request import CatalogueRequest
from bot.domain.merging import merged_into
from bot.domain.models import OPEN_STATUSES, Priority, SlaRan, Status, Ticket, TicketType

TOP_PROBLEMS = 5
K = TypeVar("K")
RESOLVED_STATUSES: frozenset[Status] = frozenset({Status.RESOLVED, Status.CLOSED})


@dataclass(frozen=True)
class TicketFacts:
    """What the reports read of a ticket (a projection: no description, no history)."""

    id: str
    type: TicketType
    title: str
    service: str
    priority: Priority
    status: Status
    requester: str
    created_at: datetime
    assignee: str | None = None
    responded_at: datetime | None = None
    resolved_at: datetime | None = None
    response_due: datetime | None = None
    resolution_due: datetime | None = None
    paused_at: datetime | None = None
    started_at: datetime | None = None  # when the SLA clocks started (``SlaClocks.started_at``)
    # what each clock ran (``SlaRan``); ``None`` for documents stored before it was kept
    ran: SlaRan | None = None
    satisfaction: int | None = None
    problem_id: str | None = None  # the problem this ticket is linked to, when it is
    request: CatalogueRequest | None = None  # filed from the catalogue: the item and answers
    approval: str | None = None  # a catalogue request's approval (``Ticket.approval``)
    merged_into: str | None = None  # a duplicate closed into this other ticket

    @classmethod
    def of(cls, ticket: Ticket, problem_id: str | None = None) -> TicketFacts:
        return cls(
            id=ticket.id,
            type=ticket.type,
            title=ticket.title,
            service=ticket.service,
            priority=ticket.priority,
            status=ticket.status,
            requester=ticket.requester,
            created_at=ticket.created_at,
            assignee=ticket.assignee,
            responded_at=ticket.sla.responded_at,
            resolved_at=ticket.sla.resolved_at,
            response_due=ticket.sla.response_due,
            resolution_due=ticket.sla.resolution_due,
            paused_at=ticket.sla.paused_at,
            started_at=ticket.sla.started_at,
            ran=ticket.sla_ran if ticket.sla.ran_until else None,
            satisfaction=ticket.satisfaction,
            problem_id=problem_id,
            request=ticket.request,
            approval=ticket.approval,
            merged_into=merged_into(ticket.extra),
        )

    @property
    def clocks_started(self) -> datetime:
        """When its SLA clocks started: the filing, or a catalogue request's approval (a ticket
        stored before that was kept: its filing)."""
        return self.started_at or self.created_at

    @property
    def awaiting_approval(self) -> bool:
        """A catalogue request its approvers have not decided: filed, not its service's work yet
        (``Ticket.awaiting_approval``)."""
        return self.approval == ApprovalState.PENDING.value

    @property
    def cancelled(self) -> bool:
        return self.status is Status.CANCELLED

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class Breach:
    """Which targets a ticket missed, as of a moment."""

    response: bool = False
    resolution: bool = False

    def __bool__(self) -> bool:
        return self.response or self.resolution


def breach(facts: TicketFacts, now: datetime) -> Breach | None:
    """The targets ``facts`` missed as of ``now``; ``None`` when none applies (cancelled, or
    filed without targets)."""
    if facts.cancelled or (facts.response_due is None and facts.resolution_due is None):
        return None
    response = False
    if facts.response_due is not None:
        answered = facts.responded_at or now
        response = answered > facts.response_due
    resolution = False
    if facts.resolution_due is not None:
        if facts.status in RESOLVED_STATUSES:
            stopped = facts.resolved_at or now
        else:
            stopped = facts.paused_at or now
        resolution = stopped > facts.resolution_due
    return Breach(response=response, resolution=resolution)


CalendarOf = Callable[[TicketFacts], BusinessCalendar]


def _always(_facts: TicketFacts) -> BusinessCalendar:
    return ALWAYS_OPEN


def time_to_respond(
    facts: TicketFacts, calendar: BusinessCalendar = ALWAYS_OPEN
) -> timedelta | None:
    """What the response clock ran, clocks started → first response, each stretch in the
    business time of the calendar it ran on; for a ticket stored before that was kept, in the
    business time of ``calendar`` (its calendar now)."""
    if facts.cancelled or facts.responded_at is None:
        return None
    if facts.ran is not None:
        return facts.ran.response
    return calendar.between(facts.clocks_started, facts.responded_at)


def time_to_resolve(
    facts: TicketFacts, calendar: BusinessCalendar = ALWAYS_OPEN
) -> timedelta | None:
    """What the resolution clock ran, clocks started → (last) resolved: each stretch in the
    business time of the calendar it ran on, not while the ticket waited on its requester nor
    while it stood resolved before a reopening. For a ticket stored before that was kept, the
    business time of ``calendar`` (its calendar now) from the start to its resolution."""
    if facts.status not in RESOLVED_STATUSES or facts.resolved_at is None:
        return None
    if facts.ran is not None:
        return facts.ran.resolution
    return calendar.between(facts.clocks_started, facts.resolved_at)


@dataclass(frozen=True)
class ProblemLinks:
    """A problem ticket and how many tickets are linked to it."""

    problem: TicketFacts
    linked: int


@dataclass(frozen=True)
class Stats:
    start: datetime
    end: datetime
    total: int
    by_type: dict[TicketType, int]
    by_status: dict[Status, int]  # not the requests awaiting approval: ``awaiting_approval``
    mtta: timedelta | None
    responded: int  # tickets MTTA is averaged over
    mttr: timedelta | None
    resolved: int  # tickets MTTR is averaged over
    with_targets: int  # tickets the breach rate is counted over
    breached: int
    response_breaches: int
    resolution_breaches: int
    satisfaction: float | None
    rated: int
    top_problems: tuple[ProblemLinks, ...] = ()
    open_problems: int = 0  # every open problem ticket of the scope, listed or not
    unlisted_problems: int = 0  # problem tickets of services the reader does not work
    truncated: bool = False  # more tickets were filed than the report reads
    business_time: bool = False  # some times were counted in opening hours, not wall time
    awaiting_approval: int = 0  # filed requests still awaiting their approvers

    @property
    def breach_rate(self) -> float | None:
        return self.breached / self.with_targets if self.with_targets else None


def _mean(values: Sequence[timedelta]) -> timedelta | None:
    if not values:
        return None
    return sum(values, timedelta(0)) / len(values)


def compute(
    tickets: Iterable[TicketFacts],
    start: datetime,
    end: datetime,
    now: datetime,
    problems: Iterable[TicketFacts] = (),
    links: Mapping[str, int] | None = None,
    truncated: bool = False,
    calendar_of: CalendarOf = _always,
    listed_services: Collection[str] | None = None,
) -> Stats:
    """The statistics of ``tickets`` (those filed in ``[start, end)``) as of ``now``.

    ``problems`` are the candidate problem tickets (their open ones are counted; a ticket of
    another type among them, an emergency that storm mode links incidents to, is not) and ``links``
    how many tickets are linked to each problem id (missing: none); ``calendar_of`` gives the
    calendar each ticket's times are counted on (24/7 by default). Only the problems of
    ``listed_services`` (``None``: all) are listed; the others are counted.
    """
    filed = [facts for facts in tickets if start <= facts.created_at < end]
    calendars = [calendar_of(facts) for facts in filed]
    timed = list(zip(filed, calendars, strict=True))
    responses = [d for d in (time_to_respond(f, c) for f, c in timed) if d is not None]
    resolutions = [d for d in (time_to_resolve(f, c) for f, c in timed) if d is not None]
    breaches = [b for b in (breach(facts, now) for facts in filed) if b is not None]
    ratings = [facts.satisfaction for facts in filed if facts.satisfaction is not None]
    candidates = {p.id: p for p in problems if p.type is TicketType.PROBLEM}
    listed = {
        k: p
        for k, p in candidates.items()
        if listed_services is None or p.service in listed_services
    }
    return Stats(
        start=start,
        end=end,
        total=len(filed),
        by_type=_ordered(Counter(facts.type for facts in filed), TicketType),
        by_status=_ordered(Counter(f.status for f in filed if not f.awaiting_approval), Status),
        mtta=_mean(responses),
        responded=len(responses),
        mttr=_mean(resolutions),
        resolved=len(resolutions),
        with_targets=len(breaches),
        breached=sum(1 for b in breaches if b),
        response_breaches=sum(1 for b in breaches if b.response),
        resolution_breaches=sum(1 for b in breaches if b.resolution),
        satisfaction=sum(ratings) / len(ratings) if ratings else None,
        rated=len(ratings),
        top_problems=top_problems(listed.values(), links or {}),
        # problem tickets only (an emergency leading a storm is linked to as well, but it is no
        # problem ticket: "(1 open)" above "No problem tickets." lied), listed or not
        open_problems=sum(1 for p in candidates.values() if p.is_open),
        unlisted_problems=len(candidates) - len(listed),
        truncated=truncated,
        business_time=any(not calendar.always_open for calendar in calendars),
        awaiting_approval=sum(1 for facts in filed if facts.awaiting_approval),
    )


def top_problems(
    problems: Iterable[TicketFacts], links: Mapping[str, int], limit: int = TOP_PROBLEMS
) -> tuple[ProblemLinks, ...]:
    """Problem tickets by number of linked tickets, then open before finished, then oldest."""
    ranked = sorted(
        (ProblemLinks(p, links.get(p.id, 0)) for p in problems if p.type is TicketType.PROBLEM),
        key=lambda item: (-item.linked, not item.problem.is_open, item.problem.created_at),
    )
    return tuple(ranked[:limit])


def _ordered(counts: Counter[K], order: Iterable[K]) -> dict[K, int]:
    """The non-zero counts, in the vocabulary's order."""
    return {key: counts[key] for key in order if counts[key]}


@dataclass(frozen=True)
class Day:
    """The tickets filed on one local day, by type."""

    day: date
    counts: dict[TicketType, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def per_day(
    tickets: Iterable[TicketFacts], first: date, days: int, zone: tzinfo
) -> tuple[Day, ...]:
    """Tickets filed on each of ``days`` local days from ``first`` (in ``zone``), by type."""
    wanted = [first + timedelta(days=offset) for offset in range(days)]
    counts: dict[date, Counter[TicketType]] = {day: Counter() for day in wanted}
    for facts in tickets:
        local = facts.created_at.astimezone(zone).date()
        if local in counts:
            counts[local][facts.type] += 1
    return tuple(Day(day, _ordered(counts[day], TicketType)) for day in wanted)
