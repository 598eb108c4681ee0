"""The ticket status state machine."""

from __future__ import annotations

from bot.domain.errors import IllegalTransition
from bot.domain.models import Status, Ticket

TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.NEW: (
        Status.IN_PROGRESS,
        Status.WAITING_ON_REQUESTER,
        Status.RESOLVED,
        Status.CANCELLED,
    ),
    Status.IN_PROGRESS: (Status.WAITING_ON_REQUESTER, Status.RESOLVED, Status.CANCELLED),
    Status.WAITING_ON_REQUESTER: (Status.IN_PROGRESS, Status.RESOLVED, Status.CANCELLED),
    Status.RESOLVED: (Status.CLOSED, Status.IN_PROGRESS),
    Status.CLOSED: (),
    Status.CANCELLED: (),
}


def next_statuses(current: Status) -> tuple[Status, ...]:
    """The statuses a ticket may move to from ``current``, in the order people see them."""
    return TRANSITIONS[current]


def can_move(current: Status, wanted: Status) -> bool:
    return wanted in TRANSITIONS[current]


def check_transition(current: Status, wanted: Status) -> None:
    """Raise ``IllegalTransition`` unless ``current -> wanted`` is allowed."""
    if not can_move(current, wanted):
        raise IllegalTransition(current, wanted)


def answered(ticket: Ticket) -> tuple[dict[str, Status], dict[str, Status | str | None]]:
    """The changes (and what they expect) when the requester answers: a ticket waiting on
    them goes back in progress, so its resolution clock runs again — or back to the queue,
    new, when nobody has it any more (unassigned while it waited: never in progress with nobody
    on it); any other stays as it is."""
    if ticket.status is Status.WAITING_ON_REQUESTER:
        resumed = Status.IN_PROGRESS if ticket.assignee else Status.NEW
        expect = {"status": Status.WAITING_ON_REQUESTER, "assignee": ticket.assignee}
        return {"status": resumed}, expect
    return {}, {}


FILED_BY_AN_AGENT = "suggestion"
"""``Ticket.source`` of a problem an agent created from a suggestion (``bot/problems/desk.py``)."""


def asks_if_solved(ticket: Ticket) -> bool:
    """A resolved ticket asks its requester "is it solved?" — unless an agent filed it (a
    problem created from a suggestion): the fix is their team’s own, the team closes it."""
    return ticket.source != FILED_BY_AN_AGENT
