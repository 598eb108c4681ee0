"""The pure rules of problems and storms: grouping texts, marking a fan-out, and linked
incidents left out of the scheduler's reminders."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.domain.config import load_services_config
from bot.domain.due_work import plan, still_wanted
from bot.domain.models import (
    Language,
    Outgoing,
    OutgoingKind,
    SlaClock,
    SlaClocks,
    Status,
    Ticket,
    TicketType,
)
from bot.problems.fanout import fanout_hook
from bot.problems.recurring import gather
from bot.problems.similarity import group_match, similarity
from bot.problems.titles import title_for
from tests.fakes import ticket as fake_ticket

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
VPN_DOWN = [
    "Is the VPN down?\nNobody in my team can connect to the VPN.",
    "VPN keeps disconnecting\nThe VPN drops after a few seconds.",
    "VPN en panne\nImpossible de me connecter au VPN depuis ce matin.",
]
NEWCOMER = "Cannot connect to VPN\nThe VPN client says the gateway is unreachable."


def ticket(title: str, description: str = "", **changes: Any) -> Ticket:
    return fake_ticket(at=T0, title=title, description=description, **changes)


def test_a_report_close_to_two_members_of_a_group_belongs_to_it() -> None:
    scores = [similarity(NEWCOMER, member) for member in VPN_DOWN[:2]]
    assert max(scores) < 0.6  # no member alone is similar enough...
    assert min(scores) >= 0.5  # ...but it is close to two of them
    assert group_match(NEWCOMER, VPN_DOWN[:2]) == max(scores)
    assert group_match(NEWCOMER, VPN_DOWN[:1]) is None  # with one member: the pair rule
    assert group_match(NEWCOMER, VPN_DOWN) == similarity(NEWCOMER, VPN_DOWN[2])
    assert group_match("Printer out of toner\nFloor 2 needs toner.", VPN_DOWN) is None
    assert group_match("Need VPN access for a new intern\nPlease create it.", VPN_DOWN) is None
    assert group_match("anything", []) is None


def test_gather_grows_a_group_from_the_new_incident() -> None:
    new = ticket("No VPN access", "I cannot reach the VPN from home, is it down?")
    candidates = [
        ticket("Printer out of toner", "Floor 2 needs toner.", id="INC-2"),
        ticket("VPN error", "Connection to the VPN fails with a gateway error.", id="INC-3"),
        ticket("Is the VPN down?", "Nobody in my team can connect to the VPN.", id="INC-4"),
    ]
    assert similarity(new.text, candidates[1].text) < 0.6
    assert similarity(new.text, candidates[2].text) >= 0.6
    # INC-3 is not similar enough to the new one alone; it joins once INC-4 has
    assert [t.id for t in gather(new, candidates)] == ["INC-3", "INC-4"]
    assert gather(new, candidates[:2]) == []


def test_resolving_or_cancelling_a_problem_with_incidents_marks_a_fan_out() -> None:
    problem = ticket("Recurring: VPN down", type=TicketType.PROBLEM, linked_incidents=("INC-1",))
    assert fanout_hook(problem, {"status": Status.RESOLVED}, T0) == {"fanout_at": T0}
    assert fanout_hook(problem, {"status": Status.CANCELLED}, T0) == {"fanout_at": T0}
    assert fanout_hook(problem, {"status": Status.IN_PROGRESS}, T0) == {}
    assert fanout_hook(problem, {"assignee": "U2"}, T0) == {}
    alone = replace(problem, linked_incidents=())
    assert fanout_hook(alone, {"status": Status.RESOLVED}, T0) == {}
    incident = ticket("VPN down", linked_incidents=("INC-9",))
    assert fanout_hook(incident, {"status": Status.RESOLVED}, T0) == {}
    emergency = replace(problem, type=TicketType.EMERGENCY)
    assert fanout_hook(emergency, {"status": Status.RESOLVED}, T0) == {"fanout_at": T0}


def test_a_linked_incident_is_not_reminded_on_its_own() -> None:
    config = load_services_config(None)
    late = ticket(
        "VPN down",
        sla=SlaClocks(response_due=T0, resolution_due=T0 + timedelta(days=2)),
        remind_at=T0,
        next_ping_at=T0,
    )
    now = T0 + timedelta(minutes=1)
    assert len(plan(late, now, config).messages) == 1
    linked = replace(late, problem_id="PRB-1")
    owed = plan(linked, now, config)
    assert owed.messages == ()
    reminder = Outgoing(OutgoingKind.REMINDER, late.id, clock=SlaClock.RESPONSE, due=T0)
    assert still_wanted(reminder, late) and not still_wanted(reminder, linked)


def test_a_problem_s_recurring_prefix_is_said_in_the_reader_s_language() -> None:
    french = "Récurrent\u00a0: VPN down"
    assert title_for(french, Language.EN) == "Recurring: VPN down"
    assert title_for(french, Language.FR) == french
    assert title_for("Recurring: VPN HS", Language.FR) == "Récurrent\u00a0: VPN HS"
    assert title_for("Printer jam", Language.EN) == "Printer jam"  # written by hand: as is
