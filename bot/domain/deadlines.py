"""The next deadline of a ticket as people see it (card, requester's DM, App Home): pure.

``next_deadline`` says which clock runs, when it is due, and how it stands *now*: running (with
the open time left), overdue (by how long, in wall time: how late the ticket really is), stopped
because the calendar is closed (with when it opens again), or paused while the ticket waits on
its requester. ``queue_order`` sorts a work queue by what is due first, with emergencies and
overdue tickets at the top.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from bot.domain import sla
from bot.domain.config import ServicesConfig
from bot.domain.due_times import calendar_of
from bot.domain.models import SlaClock, Ticket, TicketType

_NEVER = datetime.max.replace(tzinfo=UTC)


class DeadlineState(StrEnum):
    RUNNING = "running"
    OVERDUE = "overdue"
    CLOSED = "closed"  # outside the calendar's opening hours: the clock is not counting
    WAITING = "waiting"  # waiting on the requester: the resolution clock is paused


@dataclass(frozen=True)
class Deadline:
    clock: SlaClock
    due: datetime
    state: DeadlineState
    left: timedelta = timedelta(0)  # open time left (running, closed, waiting)
    late: timedelta = timedelta(0)  # wall time since the due time (overdue; waiting: at the pause)
    resumes_at: datetime | None = None  # closed: the next opening
    business_time: bool = False  # ``left`` counts opening hours, not the wall time to ``due``

    @property
    def held_late(self) -> bool:
        """Put on hold (waiting on the requester) once already late: nothing left, still late."""
        return self.state is DeadlineState.WAITING and self.left <= timedelta(0)


def next_deadline(ticket: Ticket, now: datetime, config: ServicesConfig) -> Deadline | None:
    """The deadline of ``ticket`` as of ``now``; ``None`` when no clock runs (closed tickets,
    tickets without targets)."""
    if not ticket.is_open:
        return None
    clocks = ticket.sla
    calendar = calendar_of(config, ticket)
    business = not calendar.always_open
    # Waiting on the requester: the response clock has stopped (the ticket left ``new``). Put
    # on hold once late, it stays late (no time left; ``late`` as of the pause).
    if clocks.paused_at is not None and clocks.resolution_due is not None:
        paused, due = clocks.paused_at, clocks.resolution_due
        left = calendar.between(paused, due)
        late = paused - due if due < paused else timedelta(0)
        return Deadline(
            SlaClock.RESOLUTION, due, DeadlineState.WAITING, left, late, business_time=business
        )
    chased = sla.running(clocks)
    if chased is None:
        return None
    clock, due = chased
    if due <= now:
        return Deadline(clock, due, DeadlineState.OVERDUE, late=now - due)
    left = calendar.between(now, due)
    if not calendar.is_open(now):
        opens = calendar.next_open(now)
        return Deadline(
            clock, due, DeadlineState.CLOSED, left, resumes_at=opens, business_time=True
        )
    # ``left`` is what runs of the calendar: told as opening hours when it closes before ``due``
    return Deadline(clock, due, DeadlineState.RUNNING, left, business_time=left != due - now)


def is_overdue(ticket: Ticket, now: datetime) -> bool:
    """Whether the clock a reminder chases has run out."""
    chased = sla.running(ticket.sla) if ticket.is_open else None
    return chased is not None and chased[1] <= now


def queue_order(now: datetime) -> _QueueKey:
    """A sort key for work queues: emergencies, then overdue tickets, then by due time (the
    soonest first), then priority, then age."""
    return _QueueKey(now)


@dataclass(frozen=True)
class _QueueKey:
    now: datetime

    def __call__(self, ticket: Ticket) -> tuple[bool, bool, datetime, str, datetime]:
        chased = sla.running(ticket.sla) if ticket.is_open else None
        due = chased[1] if chased else _NEVER
        return (
            ticket.type is not TicketType.EMERGENCY,
            not is_overdue(ticket, self.now),
            due,
            ticket.priority.value,
            ticket.created_at,
        )
