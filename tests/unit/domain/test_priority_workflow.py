"""The ITIL priority matrix and the status state machine."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from bot.domain.errors import IllegalTransition
from bot.domain.models import Level, Priority, Status, TicketType
from bot.domain.priority import priority_for
from bot.domain.workflow import answered, can_move, check_transition, next_statuses
from tests.fakes import ticket as fake_ticket

H, M, L = Level.HIGH, Level.MEDIUM, Level.LOW


@pytest.mark.parametrize(
    ("impact", "urgency", "expected"),
    [
        (H, H, Priority.P1),
        (H, M, Priority.P2),
        (M, H, Priority.P2),
        (H, L, Priority.P3),
        (M, M, Priority.P3),
        (L, H, Priority.P3),
        (M, L, Priority.P4),
        (L, M, Priority.P4),
        (L, L, Priority.P5),
    ],
)
def test_matrix(impact: Level, urgency: Level, expected: Priority) -> None:
    assert priority_for(TicketType.INCIDENT, impact, urgency) is expected


@pytest.mark.parametrize("impact", list(Level))
@pytest.mark.parametrize("urgency", list(Level))
def test_emergency_is_always_p1(impact: Level, urgency: Level) -> None:
    assert priority_for(TicketType.EMERGENCY, impact, urgency) is Priority.P1


def test_matrix_is_monotonic() -> None:
    """Raising impact or urgency never lowers the priority."""
    order = [L, M, H]
    for i, impact in enumerate(order):
        for j, urgency in enumerate(order):
            here = priority_for(TicketType.INCIDENT, impact, urgency)
            if i + 1 < 3:
                assert priority_for(TicketType.INCIDENT, order[i + 1], urgency) <= here
            if j + 1 < 3:
                assert priority_for(TicketType.INCIDENT, impact, order[j + 1]) <= here


def test_happy_path() -> None:
    path = [
        Status.NEW,
        Status.IN_PROGRESS,
        Status.WAITING_ON_REQUESTER,
        Status.IN_PROGRESS,
        Status.RESOLVED,
        Status.CLOSED,
    ]
    for current, wanted in itertools.pairwise(path):
        check_transition(current, wanted)


def test_reopen_after_resolution() -> None:
    assert can_move(Status.RESOLVED, Status.IN_PROGRESS)


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        (Status.CLOSED, Status.IN_PROGRESS),
        (Status.CANCELLED, Status.NEW),
        (Status.RESOLVED, Status.CANCELLED),
        (Status.IN_PROGRESS, Status.NEW),
        (Status.NEW, Status.CLOSED),
        (Status.NEW, Status.NEW),
    ],
)
def test_illegal_transitions_are_refused(current: Status, wanted: Status) -> None:
    with pytest.raises(IllegalTransition):
        check_transition(current, wanted)


def test_final_statuses_have_no_way_out() -> None:
    assert next_statuses(Status.CLOSED) == ()
    assert next_statuses(Status.CANCELLED) == ()


def test_every_open_status_can_be_cancelled() -> None:
    for status in (Status.NEW, Status.IN_PROGRESS, Status.WAITING_ON_REQUESTER):
        assert can_move(status, Status.CANCELLED)


def test_an_answer_resumes_a_waiting_ticket_with_whoever_has_it() -> None:
    """The requester's answer takes a ticket waiting on them back in progress with its assignee;
    one unassigned while it waited goes back to the queue, new (never in progress with nobody
    on it); any other status is left as it is."""
    waiting = fake_ticket(status=Status.WAITING_ON_REQUESTER, assignee="U0AGENT")
    assert answered(waiting) == (
        {"status": Status.IN_PROGRESS},
        {"status": Status.WAITING_ON_REQUESTER, "assignee": "U0AGENT"},
    )
    nobody = replace(waiting, assignee=None)
    assert answered(nobody) == (
        {"status": Status.NEW},
        {"status": Status.WAITING_ON_REQUESTER, "assignee": None},
    )
    assert answered(replace(waiting, status=Status.IN_PROGRESS)) == ({}, {})
