"""What each SLA clock ran, stored as it runs (``Ticket.sla_ran``, settled at each change of the
clocks on the calendar they ran on), the reports' MTTA and MTTR computed from it, and a target
whose open time runs out at closing time due at the next opening (met by a response then)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain import sla, stats
from bot.domain.config import parse_services_config
from bot.domain.deadlines import DeadlineState, next_deadline
from bot.domain.due_times import EXPECT, calendar_of, initial, schedule_hook
from bot.domain.models import Language, Priority, SlaRan, Status, Ticket, TicketType
from bot.domain.stats import TicketFacts
from handlers.tickets.deadline import deadline_text
from tests.fakes import changed
from tests.fakes import ticket as fake_ticket

H = timedelta(hours=1)
M = timedelta(minutes=1)
PARIS = ZoneInfo("Europe/Paris")
CONFIG = parse_services_config(
    """
default_service: service_desk
services:
  service_desk:
    name: {fr: "Centre de support", en: "Service desk"}
    channel: C0DESK
    calendar: office
  security:
    name: {fr: "Sécurité", en: "Security"}
    channel: C0SEC
calendars:
  office:
    timezone: Europe/Paris
    hours: {mon-fri: ["08:30-18:00"]}
    holidays: FR
sla:
  P3: {response: 4h, resolution: 16h, remind_every: 2h}
"""
)
hook = schedule_hook(CONFIG)


def paris(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=PARIS).astimezone(UTC)


def _filed(at: datetime, service: str = "service_desk", **fields: Any) -> Ticket:
    due = initial(TicketType.INCIDENT, Priority.P3, service, at, CONFIG)
    return fake_ticket(at=at, service=service, sla=due.sla, remind_at=due.remind_at, **fields)


def _apply(ticket: Ticket, changes: dict[str, Any], at: datetime) -> Ticket:
    return changed(hook, ticket, changes, at)


def _facts(ticket: Ticket) -> TicketFacts:
    return TicketFacts.of(ticket)


def _calendar(facts: TicketFacts) -> Any:
    return calendar_of(CONFIG, replace(_filed(facts.created_at), service=facts.service))


# --- what each clock ran, stretch by stretch ------------------------------------------------------
def test_each_stretch_counts_on_the_calendar_it_ran_on() -> None:
    """Sent from the 24/7 service to the office on a Sunday: the 2 h it ran on Sunday count, as
    the hour of Monday's opening hours before the claim; not 1 h on the office calendar from
    the filing (what the reports counted before), nor 24 h on wall time."""
    ticket = _filed(paris(2026, 12, 6, 10, 0), "security")  # Sunday 10:00
    moved = _apply(ticket, {"service": "service_desk"}, paris(2026, 12, 6, 12, 0))
    assert moved.sla_ran == SlaRan(response=2 * H, resolution=2 * H)
    assert moved.sla.ran_until == paris(2026, 12, 6, 12, 0)
    claimed = _apply(
        moved, {"assignee": "U0A", "status": Status.IN_PROGRESS}, paris(2026, 12, 7, 9, 30)
    )
    assert claimed.sla_ran == SlaRan(response=3 * H, resolution=3 * H)
    assert stats.time_to_respond(_facts(claimed), _calendar(_facts(claimed))) == 3 * H


def test_the_resolution_clock_does_not_run_on_hold_nor_while_resolved() -> None:
    """MTTR is what the resolution clock ran: not while the ticket waited on its requester, nor
    the day it stood resolved before its requester reopened it."""
    ticket = _filed(paris(2026, 12, 7, 9, 0), "security")  # 24/7
    taken = _apply(
        ticket, {"assignee": "U0A", "status": Status.IN_PROGRESS}, paris(2026, 12, 7, 10)
    )
    held = _apply(taken, {"status": Status.WAITING_ON_REQUESTER}, paris(2026, 12, 7, 11, 0))
    back = _apply(held, {"status": Status.IN_PROGRESS}, paris(2026, 12, 7, 14, 0))  # 3 h held
    done = _apply(back, {"status": Status.RESOLVED}, paris(2026, 12, 7, 15, 0))
    reopened = _apply(done, {"status": Status.IN_PROGRESS}, paris(2026, 12, 8, 15, 0))  # a day
    again = _apply(reopened, {"status": Status.RESOLVED}, paris(2026, 12, 8, 16, 0))
    assert again.sla_ran == SlaRan(response=H, resolution=2 * H + H + H)
    assert stats.time_to_resolve(_facts(again)) == 4 * H  # not 31 h from filing
    result = stats.compute(
        [_facts(again)], paris(2026, 12, 1), paris(2026, 12, 9), paris(2026, 12, 9)
    )
    assert result.mtta == H and result.mttr == 4 * H


def test_a_change_of_priority_settles_on_the_calendar_it_ran_on() -> None:
    """Raised to P1 (24/7) on Saturday: Friday's 30 min of opening hours, then the weekend's
    wall time."""
    ticket = _filed(paris(2026, 12, 4, 17, 30))  # Friday 17:30, office
    raised = _apply(ticket, {"priority": Priority.P1}, paris(2026, 12, 5, 10, 0))
    assert raised.sla_ran == SlaRan(response=30 * M, resolution=30 * M)
    claimed = _apply(raised, {"assignee": "U0A"}, paris(2026, 12, 5, 12, 0))
    assert claimed.sla_ran.response == 2 * H + 30 * M


def test_a_change_that_settles_expects_what_it_read() -> None:
    """The stretch since ``ran_until`` is counted by the change that ends it, on the condition
    that no other change counted it first: two changes from one read never count it twice."""
    ticket = _filed(paris(2026, 12, 7, 9, 0))
    derived = hook(ticket, {"assignee": "U0A"}, paris(2026, 12, 7, 10, 0))
    assert derived[EXPECT] == {"sla.ran_until": paris(2026, 12, 7, 9, 0)}
    assert hook(ticket, {"title": "x"}, paris(2026, 12, 7, 10, 0)) == {}  # nothing settled


def test_a_ticket_stored_before_it_was_kept_reads_as_before() -> None:
    """No ``ran_until``: the reports count from the start on its calendar now; its first change
    starts counting from that estimate."""
    ticket = _filed(paris(2026, 12, 7, 9, 0))
    old = replace(ticket, sla=replace(ticket.sla, ran_until=None))
    taken = replace(old, sla=replace(old.sla, responded_at=paris(2026, 12, 7, 11, 0)))
    facts = _facts(taken)
    assert facts.ran is None
    assert stats.time_to_respond(facts, _calendar(facts)) == 2 * H
    claimed = _apply(old, {"assignee": "U0A"}, paris(2026, 12, 7, 11, 0))
    assert claimed.sla_ran.response == 2 * H


# --- a target whose open time runs out at closing time --------------------------------------------
def test_a_target_running_out_at_closing_is_due_at_the_next_opening() -> None:
    """Friday 14:00 + 4 h of opening hours = Friday 18:00, closing time: due Monday 08:30, the
    last moment a response meets it. Over the weekend it is not overdue, and its card says when
    it is due; a response at Monday 08:30 is met, one a minute later is not."""
    ticket = _filed(paris(2026, 12, 4, 14, 0))
    monday = paris(2026, 12, 7, 8, 30)
    assert ticket.sla.response_due == monday
    deadline = next_deadline(ticket, paris(2026, 12, 5, 10, 0), CONFIG)  # Saturday
    assert deadline is not None and deadline.state is DeadlineState.CLOSED
    assert deadline.left == timedelta(0) and deadline.due == monday
    assert deadline_text(deadline, Language.EN).startswith("⏱️ Response due <!date^")
    assert "at the opening (no opening hours left before then)" in deadline_text(
        deadline, Language.EN, lasting=False
    )
    assert "à l’ouverture (plus aucune heure ouvrée d’ici là)" in deadline_text(
        deadline, Language.FR, lasting=False
    )
    on_time = _apply(ticket, {"assignee": "U0A"}, monday)
    missed = stats.breach(_facts(on_time), paris(2026, 12, 7, 9, 0))
    assert missed is not None and not missed.response
    late = _apply(ticket, {"assignee": "U0A"}, monday + M)
    missed = stats.breach(_facts(late), paris(2026, 12, 7, 9, 0))
    assert missed is not None and missed.response


def test_a_pause_ending_at_closing_time_is_due_at_the_next_opening() -> None:
    ticket = _filed(paris(2026, 12, 7, 8, 30), assignee="U0A", status=Status.IN_PROGRESS)
    # 16 h of opening hours from Monday 08:30: 9 h 30 on Monday, 6 h 30 on Tuesday
    assert ticket.sla.resolution_due == paris(2026, 12, 8, 15, 0)
    held = _apply(ticket, {"status": Status.WAITING_ON_REQUESTER}, paris(2026, 12, 7, 9, 0))
    back = _apply(held, {"status": Status.IN_PROGRESS}, paris(2026, 12, 7, 12, 0))
    # 3 h held: Tuesday 18:00, closing time, so Wednesday 08:30
    assert back.sla.resolution_due == paris(2026, 12, 9, 8, 30)
    assert back.sla_ran.resolution == 30 * M  # not the 3 h held
    office = CONFIG.calendars["office"].business
    assert sla.due_after(office, paris(2026, 12, 8, 17, 0), H) == paris(2026, 12, 9, 8, 30)
    assert sla.due_after(office, paris(2026, 12, 8, 16, 0), H) == paris(2026, 12, 8, 17, 0)
