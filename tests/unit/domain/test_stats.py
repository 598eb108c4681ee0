"""Ticket statistics worked out by hand on the seeded data set (``tests/report_dataset.py``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain import stats
from bot.domain.models import Status, TicketType
from bot.domain.stats import TicketFacts
from tests.report_dataset import DESK_WEEK, EXPECTED, LINKS, NOW, at, tickets

WEEK_AGO = NOW - timedelta(days=7)


def _facts() -> dict[str, TicketFacts]:
    return {t.id: TicketFacts.of(t, problem_id=LINKS.get(t.id)) for t in tickets()}


def _desk() -> list[TicketFacts]:
    return [f for f in _facts().values() if f.service == "service_desk"]


def test_the_seeded_week_of_the_service_desk() -> None:
    facts = _facts()
    problems = [facts["PRB-1"], facts["PRB-2"]]
    links = {"PRB-1": 3, "PRB-2": 1}
    result = stats.compute(_desk(), WEEK_AGO, NOW, NOW, problems, links)
    for name, expected in EXPECTED.items():
        assert getattr(result, name) == expected, name
    assert result.breach_rate == pytest.approx(0.5)
    assert [(p.problem.id, p.linked) for p in result.top_problems] == [("PRB-1", 3), ("PRB-2", 1)]
    assert result.open_problems == 2
    assert not result.truncated


def test_tickets_outside_the_period_are_left_out() -> None:
    result = stats.compute(list(_facts().values()), WEEK_AGO, NOW, NOW)
    assert result.total == len(DESK_WEEK) + 1  # INC-6 of infra_network; not INC-5 nor PRB-2
    nothing = stats.compute([], WEEK_AGO, NOW, NOW)
    assert nothing.total == 0 and nothing.mtta is None and nothing.mttr is None
    assert nothing.breach_rate is None and nothing.satisfaction is None and nothing.rated == 0


@pytest.mark.parametrize(
    "ticket_id,response,resolution",
    [
        ("INC-1", False, False),
        ("INC-2", True, False),  # answered after 5 h, target 4 h
        ("REQ-1", False, False),  # due at 12:00, it is 09:00
        ("INC-3", False, False),  # paused at 06:00 before its 08:00 due time
        ("INC-4", True, True),  # nobody yet, both due times past
        ("PRB-1", False, True),  # still open two days later
    ],
)
def test_breaches(ticket_id: str, response: bool, resolution: bool) -> None:
    missed = stats.breach(_facts()[ticket_id], NOW)
    assert missed == stats.Breach(response=response, resolution=resolution)


def test_cancelled_tickets_count_in_no_time_and_no_target() -> None:
    cancelled = _facts()["INF-1"]
    assert stats.breach(cancelled, NOW) is None
    assert stats.time_to_respond(cancelled) is None and stats.time_to_resolve(cancelled) is None


def test_a_request_awaiting_approval_counts_apart_in_no_time_and_no_target() -> None:
    """Filed, so in the total; nobody's work yet, so under no status (never the service's New
    backlog); its clocks not started, so in no time and no breach rate."""
    desk = _desk()
    before = stats.compute(desk, WEEK_AGO, NOW, NOW)
    held = replace(
        desk[0],
        id="REQ-9",
        status=Status.NEW,
        approval="pending",
        responded_at=None,
        resolved_at=None,
        response_due=None,
        resolution_due=None,
        started_at=None,
        satisfaction=None,
    )
    assert held.awaiting_approval and not replace(held, approval="approved").awaiting_approval
    after = stats.compute([*desk, held], WEEK_AGO, NOW, NOW)
    assert after.total == before.total + 1 and after.awaiting_approval == 1
    assert after.by_status == before.by_status and before.awaiting_approval == 0
    assert after.with_targets == before.with_targets and after.mtta == before.mtta
    assert stats.breach(held, NOW) is None and stats.time_to_respond(held) is None


def test_times_count_from_when_the_clocks_started_not_the_filing() -> None:
    """An approved catalogue request's clocks started at its approval: the hours its approvers
    took are nobody's response or resolution time."""
    answered = _facts()["INC-2"]  # answered 5 h after it was filed
    resolved = _facts()["INC-1"]
    assert stats.time_to_respond(answered) == timedelta(hours=5)
    approved = replace(answered, started_at=answered.created_at + timedelta(hours=4))
    assert stats.time_to_respond(approved) == timedelta(hours=1)
    assert resolved.resolved_at is not None
    later = replace(resolved, started_at=resolved.resolved_at - timedelta(minutes=30))
    assert stats.time_to_resolve(later) == timedelta(minutes=30)
    old = replace(answered, started_at=None)  # a document stored before ``started_at``
    assert stats.time_to_respond(old) == timedelta(hours=5)


def test_a_paused_ticket_is_late_only_if_paused_after_its_due_time() -> None:
    waiting = _facts()["INC-3"]
    late = replace(waiting, paused_at=waiting.created_at + timedelta(hours=9))
    assert not stats.breach(waiting, NOW + timedelta(days=30))
    assert stats.breach(late, NOW) == stats.Breach(resolution=True)


def test_an_emergency_incidents_are_linked_to_is_no_open_problem() -> None:
    """Storm mode links incidents to an open emergency: the report reads it as a candidate (an
    incident's ``problem_id`` names it) but neither lists it nor counts it among open problems,
    which would say "(1 open)" above "No problem tickets"."""
    facts = _facts()
    emergency = replace(facts["INC-1"], id="EMG-1", type=TicketType.EMERGENCY, status=Status.NEW)
    result = stats.compute(_desk(), WEEK_AGO, NOW, NOW, [emergency], {"EMG-1": 2})
    assert result.top_problems == () and result.open_problems == 0
    mixed = stats.compute(_desk(), WEEK_AGO, NOW, NOW, [emergency, facts["PRB-1"]], {})
    assert [p.problem.id for p in mixed.top_problems] == ["PRB-1"] and mixed.open_problems == 1


def test_top_problems_by_links_then_open_first() -> None:
    facts = _facts()
    done = replace(facts["PRB-2"], id="PRB-3", status=Status.RESOLVED)
    ranked = stats.top_problems([done, facts["PRB-2"], facts["PRB-1"], facts["INC-1"]], {})
    # no incidents among them; open ones first, the oldest first
    assert [item.problem.id for item in ranked] == ["PRB-2", "PRB-1", "PRB-3"]
    assert all(item.linked == 0 for item in ranked)  # no problem_id anywhere: no links
    many = [replace(facts["PRB-1"], id=f"PRB-{n}") for n in range(10, 20)]
    assert len(stats.top_problems(many, {"PRB-15": 2})) == stats.TOP_PROBLEMS
    assert stats.top_problems(many, {"PRB-15": 2})[0].problem.id == "PRB-15"


def test_per_day_in_the_digest_time_zone() -> None:
    days = stats.per_day(_desk(), date(2025, 12, 29), 7, ZoneInfo("Europe/Paris"))
    assert days[0].day == date(2025, 12, 29)
    assert [day.total for day in days] == [0, 0, 0, 1, 2, 2, 2]
    # INC-4, filed 2026-01-04 00:00 UTC, is a Sunday in Paris (01:00); INF-1 too (21:00)
    assert days[6].counts == {TicketType.INCIDENT: 1, TicketType.INFORMATION_REQUEST: 1}
    utc = stats.per_day(_desk(), date(2025, 12, 29), 7, ZoneInfo("UTC"))
    assert sum(day.total for day in utc) == 7


def test_facts_of_a_ticket() -> None:
    ticket = tickets()[0]
    facts = TicketFacts.of(ticket)
    assert facts.created_at == at("01-01", 10) and facts.problem_id is None
    assert facts.responded_at == ticket.sla.responded_at
    assert stats.time_to_respond(facts) == timedelta(minutes=30)
    assert stats.time_to_resolve(facts) == timedelta(hours=5)


def test_problems_of_services_the_reader_does_not_work_are_counted_not_listed() -> None:
    """The overall figures count every service's tickets by type: their problems are counted
    among the open ones and said to be left out, never named ("(0 open) No problem tickets."
    stood under "Problem 1")."""
    facts = _facts()
    theirs = replace(facts["PRB-1"], id="PRB-9", service="security", title="Secret")
    problems = [facts["PRB-1"], facts["PRB-2"], theirs]
    mine = stats.compute(_desk(), WEEK_AGO, NOW, NOW, problems, {}, listed_services={"x"})
    assert mine.top_problems == () and mine.open_problems == 3 and mine.unlisted_problems == 3
    desk = stats.compute(
        _desk(), WEEK_AGO, NOW, NOW, problems, {}, listed_services={"service_desk"}
    )
    assert [p.problem.id for p in desk.top_problems] == ["PRB-2", "PRB-1"]
    assert desk.open_problems == 3 and desk.unlisted_problems == 1
    everyone = stats.compute(_desk(), WEEK_AGO, NOW, NOW, problems, {})
    assert len(everyone.top_problems) == 3 and everyone.unlisted_problems == 0
