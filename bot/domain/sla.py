"""Service-level clocks: pure arithmetic, no I/O.

Each ticket has two clocks started at filing from its priority's targets (services file ``sla``):
the *response* clock stops when someone takes the ticket (an assignee is set, or it leaves
``new``); the *resolution* clock stops when it is resolved (or cancelled) and is paused while
waiting on the requester. A pause does not count against the team: on resume the resolution due
time moves out by the time spent paused. Reopening a resolved ticket restarts its resolution
clock the same way, as if the time it spent resolved had been a pause.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from bot.domain.config import SlaTarget
from bot.domain.models import OPEN_STATUSES, SlaClock, SlaClocks, Status


def start(created_at: datetime, target: SlaTarget) -> SlaClocks:
    """Both clocks running from ``created_at``."""
    return SlaClocks(
        response_due=created_at + target.response,
        resolution_due=created_at + target.resolution,
    )


def stop_response(clocks: SlaClocks, at: datetime) -> SlaClocks:
    if clocks.responded_at is not None:
        return clocks
    return replace(clocks, responded_at=at)


def pause(clocks: SlaClocks, at: datetime) -> SlaClocks:
    """Stop counting resolution time (waiting on the requester)."""
    if clocks.paused_at is not None or clocks.resolved_at is not None:
        return clocks
    return replace(clocks, paused_at=at)


def resume(clocks: SlaClocks, at: datetime) -> SlaClocks:
    """Count resolution time again; the due time moves out by the time spent paused."""
    if clocks.paused_at is None:
        return clocks
    return replace(
        clocks,
        resolution_due=_push(clocks.resolution_due, at - clocks.paused_at),
        paused_at=None,
    )


def stop_resolution(clocks: SlaClocks, at: datetime) -> SlaClocks:
    """Resolved (or cancelled): the resolution clock stops; a pause in progress ends first."""
    if clocks.resolved_at is not None:
        return clocks
    return replace(resume(clocks, at), resolved_at=at)


def reopen(clocks: SlaClocks, at: datetime) -> SlaClocks:
    """A resolved ticket back in work: the resolution clock runs again from where it stopped."""
    if clocks.resolved_at is None:
        return clocks
    return replace(
        clocks,
        resolution_due=_push(clocks.resolution_due, at - clocks.resolved_at),
        resolved_at=None,
    )


def after_change(
    clocks: SlaClocks, status: Status, assignee: str | None, at: datetime
) -> SlaClocks:
    """The clocks once a ticket has ``status`` and ``assignee`` (as of ``at``)."""
    if assignee or status is not Status.NEW:
        clocks = stop_response(clocks, at)
    if status not in OPEN_STATUSES:
        return stop_resolution(clocks, at)
    if status is Status.WAITING_ON_REQUESTER:
        return pause(reopen(clocks, at), at)
    return resume(reopen(clocks, at), at)


def running(clocks: SlaClocks) -> tuple[SlaClock, datetime] | None:
    """The clock a reminder chases and its due time: the response clock while it runs, then the
    resolution clock while it runs; ``None`` when neither does."""
    if clocks.responded_at is None and clocks.response_due is not None:
        return SlaClock.RESPONSE, clocks.response_due
    if clocks.resolved_at is None and clocks.paused_at is None and clocks.resolution_due:
        return SlaClock.RESOLUTION, clocks.resolution_due
    return None


def next_reminder(clocks: SlaClocks, at: datetime, every: timedelta) -> datetime | None:
    """When the owner should next be reminded, as of ``at``.

    At the due time if it is still ahead; once late, on the grid ``due + k * every`` (so a
    reminder just sent, or a change just made, is followed by the next one ``every`` later,
    and reminders never drift with the scheduler's tick).
    """
    chased = running(clocks)
    if chased is None:
        return None
    _, due = chased
    return due if due > at else grid_after(due, every, at)


def grid_after(anchor: datetime, every: timedelta, at: datetime) -> datetime:
    """The first ``anchor + k * every`` (k >= 1) strictly after ``at``."""
    if every <= timedelta(0):
        raise ValueError("every must be positive")
    if at < anchor:
        return anchor + every
    steps = (at - anchor) // every + 1
    return anchor + every * steps


def _push(due: datetime | None, delta: timedelta) -> datetime | None:
    return None if due is None else due + delta
