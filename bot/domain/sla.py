"""Service-level clocks: pure arithmetic, no I/O.

Each ticket has two clocks started at filing from its priority's targets (services file ``sla``):
the *response* clock stops when someone takes the ticket (an assignee is set, or it leaves
``new``); the *resolution* clock stops when it is resolved (or cancelled) and is paused while
waiting on the requester. A pause does not count against the team: on resume the resolution due
time moves out by the time spent paused. Reopening a resolved ticket restarts its resolution
clock the same way, as if the time it spent resolved had been a pause.

Every duration is counted in the business time of the ticket's calendar
(``bot/domain/calendars.py``; 24/7 by default, for P1 and for emergencies): a target of 4 h filed
at 17:00 on a Friday with office hours to 18:00 is due on Monday morning, a pause over a week-end
costs nothing, and a reminder due while the service is closed waits for its opening.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.domain.business_time import ALWAYS_OPEN, ZERO, BusinessCalendar
from bot.domain.config import SlaTarget
from bot.domain.models import OPEN_STATUSES, SlaClock, SlaClocks, SlaRan, Status


def start(
    created_at: datetime, target: SlaTarget, calendar: BusinessCalendar = ALWAYS_OPEN
) -> SlaClocks:
    """Both clocks running from ``created_at``, in the business time of ``calendar``."""
    return SlaClocks(
        response_due=due_after(calendar, created_at, target.response),
        resolution_due=due_after(calendar, created_at, target.resolution),
        started_at=created_at,
        ran_until=stored_instant(created_at),
    )


def stored_instant(at: datetime) -> datetime:
    """``at`` to the millisecond, as MongoDB stores it: a condition on the stored value (an
    update expecting ``sla.ran_until`` as read) then matches the one held in memory too."""
    return at.replace(microsecond=at.microsecond // 1000 * 1000)


def due_after(calendar: BusinessCalendar, start: datetime, duration: timedelta) -> datetime:
    """The due time of a target of ``duration`` from ``start``: the last moment at which it
    is met. Where the calendar closes just as the target's open time runs out (a 4 h target
    from 14:00 on a Friday that closes at 18:00), that is the next opening: a response on
    Monday at 08:30 uses no open time beyond the target, and the clock is stopped meanwhile, so
    the ticket is not late over the weekend (nor said to be), and a response then is met."""
    due = calendar.add(start, duration)
    return due if calendar.always_open else calendar.next_open(due)


def stop_response(clocks: SlaClocks, at: datetime) -> SlaClocks:
    if clocks.responded_at is not None:
        return clocks
    return replace(clocks, responded_at=at)


def pause(clocks: SlaClocks, at: datetime) -> SlaClocks:
    """Stop counting resolution time (waiting on the requester)."""
    if clocks.paused_at is not None or clocks.resolved_at is not None:
        return clocks
    return replace(clocks, paused_at=at)


def resume(clocks: SlaClocks, at: datetime, calendar: BusinessCalendar = ALWAYS_OPEN) -> SlaClocks:
    """Count resolution time again; the due time moves out by the open time spent paused."""
    if clocks.paused_at is None:
        return clocks
    return replace(
        clocks,
        resolution_due=_push(clocks.resolution_due, clocks.paused_at, at, calendar),
        paused_at=None,
    )


def stop_resolution(
    clocks: SlaClocks, at: datetime, calendar: BusinessCalendar = ALWAYS_OPEN
) -> SlaClocks:
    """Resolved (or cancelled): the resolution clock stops; a pause in progress ends first."""
    if clocks.resolved_at is not None:
        return clocks
    return replace(resume(clocks, at, calendar), resolved_at=at)


def reopen(clocks: SlaClocks, at: datetime, calendar: BusinessCalendar = ALWAYS_OPEN) -> SlaClocks:
    """A resolved ticket back in work: the resolution clock runs again from where it stopped."""
    if clocks.resolved_at is None:
        return clocks
    return replace(
        clocks,
        resolution_due=_push(clocks.resolution_due, clocks.resolved_at, at, calendar),
        resolved_at=None,
    )


def after_change(
    clocks: SlaClocks,
    status: Status,
    assignee: str | None,
    at: datetime,
    calendar: BusinessCalendar = ALWAYS_OPEN,
) -> SlaClocks:
    """The clocks once a ticket has ``status`` and ``assignee`` (as of ``at``)."""
    if assignee or status is not Status.NEW:
        clocks = stop_response(clocks, at)
    if status not in OPEN_STATUSES:
        return stop_resolution(clocks, at, calendar)
    if status is Status.WAITING_ON_REQUESTER:
        return pause(reopen(clocks, at, calendar), at)
    return resume(reopen(clocks, at, calendar), at, calendar)


def rebase(
    clocks: SlaClocks,
    at: datetime,
    old: BusinessCalendar,
    new: BusinessCalendar,
    old_target: SlaTarget | None = None,
    new_target: SlaTarget | None = None,
) -> SlaClocks:
    """The ticket moved to another calendar (a change of service or priority) or to other
    targets (a change of priority): each running clock keeps the business time it has run.
    With the same targets, what is left of it, counted on the old calendar, is counted again
    on the new one, and a clock already late stays late as it was. With other targets it is
    due once the new target's time has run: a P5 raised to P2 is due as a P2 filed when it
    was (overdue at once, since the moment it would have been due, when it has run longer),
    as ITIL tools recompute a priority's targets. A paused clock is re-based from where it
    was paused."""
    response_shift = resolution_shift = ZERO
    if old_target is not None and new_target is not None:
        response_shift = new_target.response - old_target.response
        resolution_shift = new_target.resolution - old_target.resolution
    if old is new and response_shift == resolution_shift == ZERO:
        return clocks
    response_due = clocks.response_due
    if clocks.responded_at is None and response_due is not None:
        response_due = _retarget(response_due, at, old, new, response_shift)
    resolution_due = clocks.resolution_due
    if clocks.resolved_at is None and resolution_due is not None:
        since = clocks.paused_at or at
        resolution_due = _retarget(resolution_due, since, old, new, resolution_shift)
    return replace(clocks, response_due=response_due, resolution_due=resolution_due)


def _retarget(
    due: datetime,
    since: datetime,
    old: BusinessCalendar,
    new: BusinessCalendar,
    shift: timedelta,
) -> datetime:
    """``due`` as of ``since`` once moved from calendar ``old`` to ``new`` with a target
    ``shift`` longer (shorter when negative)."""
    if due <= since and shift == ZERO:
        return due  # late already, and as late on any calendar
    left = old.between(since, due) - old.between(due, since) + shift  # < 0: late by that much
    return due_after(new, since, left) if left >= ZERO else new.before(since, -left)


def ran_since_settled(
    clocks: SlaClocks, at: datetime, calendar: BusinessCalendar, filed: datetime
) -> SlaRan:
    """The business time each clock ran since it was last settled (``clocks.ran_until``) up to
    ``at``, on ``calendar``: the one the clocks ran on meanwhile (nothing changes a calendar or
    starts, stops or pauses a clock but a change, which settles them first). A document older
    than ``ran_until`` counts from the clocks' start (``filed`` for the oldest), as reports
    counted it before: a resolution clock's earlier pauses included."""
    response = resolution = ZERO
    since = clocks.ran_until
    if since is None:
        start = clocks.started_at or filed
        if clocks.response_due is not None:
            response = calendar.between(start, clocks.responded_at or at)
        if clocks.resolution_due is not None:
            resolution = calendar.between(start, clocks.resolved_at or clocks.paused_at or at)
        return SlaRan(response, resolution)
    if clocks.responded_at is None and clocks.response_due is not None:
        response = calendar.between(since, at)
    if clocks.resolved_at is None and clocks.paused_at is None and clocks.resolution_due:
        resolution = calendar.between(since, at)
    return SlaRan(response, resolution)


def settle(ran: SlaRan, more: SlaRan) -> SlaRan:
    return SlaRan(ran.response + more.response, ran.resolution + more.resolution)


def running(clocks: SlaClocks) -> tuple[SlaClock, datetime] | None:
    """The clock a reminder chases and its due time: the response clock while it runs, then the
    resolution clock while it runs; ``None`` when neither does."""
    if clocks.responded_at is None and clocks.response_due is not None:
        return SlaClock.RESPONSE, clocks.response_due
    if clocks.resolved_at is None and clocks.paused_at is None and clocks.resolution_due:
        return SlaClock.RESOLUTION, clocks.resolution_due
    return None


def next_reminder(
    clocks: SlaClocks,
    at: datetime,
    every: timedelta,
    calendar: BusinessCalendar = ALWAYS_OPEN,
) -> datetime | None:
    """When the owner should next be reminded, as of ``at``.

    At the due time if it is still ahead; once late, on the grid ``due + k * every`` (so a
    reminder just sent, or a change just made, is followed by the next one ``every`` later,
    and reminders never drift with the scheduler's tick). A reminder that would fall while the
    calendar is closed waits for its next opening (nobody is told at 3 a.m. on a Sunday that a
    P4 is late); 24/7 calendars never wait.
    """
    chased = running(clocks)
    if chased is None:
        return None
    _, due = chased
    moment = due if due > at else grid_after(due, every, at)
    return moment if calendar.always_open else calendar.next_open(moment)


def grid_after(anchor: datetime, every: timedelta, at: datetime) -> datetime:
    """The first ``anchor + k * every`` (k >= 1) strictly after ``at``."""
    if every <= timedelta(0):
        raise ValueError("every must be positive")
    if at < anchor:
        return anchor + every
    steps = (at - anchor) // every + 1
    return anchor + every * steps


def _push(
    due: datetime | None, since: datetime, until: datetime, calendar: BusinessCalendar
) -> datetime | None:
    """``due`` moved out by the open time between ``since`` and ``until`` (a pause)."""
    return None if due is None else due_after(calendar, due, calendar.between(since, until))
