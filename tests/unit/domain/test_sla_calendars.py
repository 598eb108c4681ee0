"""SLA clocks in business time: filing, pauses, reopening, a change of service or priority, and
reminders that wait for the opening — through the change hook the ticket desk runs."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.domain import sla
from bot.domain.business_time import ALWAYS_OPEN
from bot.domain.config import SlaTarget, parse_services_config
from bot.domain.due_times import calendar_of, initial, schedule_hook
from bot.domain.due_work import plan
from bot.domain.models import Priority, Status, Ticket, TicketType
from tests.fakes import changed
from tests.fakes import ticket as fake_ticket

H = timedelta(hours=1)
M = timedelta(minutes=1)
CONFIG = parse_services_config(
    """
default_service: service_desk
services:
  service_desk:
    name: {fr: "Centre de support", en: "Service desk"}
    channel: C0DESK
    calendar: paris
  app_dev:
    name: {fr: "Développement", en: "App development"}
    channel: C0APP
    calendar: new_york
  security:
    name: {fr: "Sécurité", en: "Security"}
    channel: C0SEC
calendars:
  paris:
    timezone: Europe/Paris
    hours: {mon-fri: ["09:00-12:00", "13:00-18:00"]}
    holidays: FR
  new_york:
    timezone: America/New_York
    hours: {mon-fri: ["09:00-17:00"]}
sla:
  P3: {response: 4h, resolution: 16h, remind_every: 2h}
"""
)
PARIS = CONFIG.calendars["paris"].business
NEW_YORK = CONFIG.calendars["new_york"].business
hook = schedule_hook(CONFIG)
P3 = CONFIG.sla_for(Priority.P3)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def _filed(at: datetime, service: str = "service_desk", **fields: Any) -> Ticket:
    due = initial(TicketType.INCIDENT, Priority.P3, service, at, CONFIG)
    return fake_ticket(
        at=at,
        service=service,
        sla=due.sla,
        remind_at=due.remind_at,
        next_ping_at=due.next_ping_at,
        **fields,
    )


def _apply(ticket: Ticket, changes: dict[str, Any], at: datetime) -> Ticket:
    return changed(hook, ticket, changes, at)


def test_filing_counts_open_hours_only() -> None:
    # Friday 16:00 in Paris (15:00 UTC): 2 h on Friday, 2 h on Monday from 09:00.
    ticket = _filed(utc(2026, 3, 6, 15, 0))
    assert calendar_of(CONFIG, ticket) is PARIS
    assert ticket.sla.response_due == utc(2026, 3, 9, 10, 0)  # Monday 11:00 in Paris
    # 16 h: Friday 2, Monday 8, Tuesday 6 (09:00-12:00, 13:00-16:00).
    assert ticket.sla.resolution_due == utc(2026, 3, 10, 15, 0)
    assert ticket.remind_at == ticket.sla.response_due


def test_a_pause_over_the_weekend_costs_nothing_of_it() -> None:
    # Thursday 09:00 in Paris: 16 h run out at Friday 18:00, closing time: due at the next
    # opening, Monday 09:00 (met until then: no open time passes meanwhile)
    ticket = _filed(utc(2026, 3, 5, 8, 0))
    assert ticket.sla.resolution_due == utc(2026, 3, 9, 8, 0)
    claimed = _apply(ticket, {"assignee": "U0A", "status": Status.IN_PROGRESS}, utc(2026, 3, 5, 9))
    waiting = _apply(claimed, {"status": Status.WAITING_ON_REQUESTER}, utc(2026, 3, 6, 16, 0))
    assert waiting.sla.paused_at == utc(2026, 3, 6, 16, 0) and waiting.remind_at is None
    # Paused Friday 17:00 Paris with 1 h left, back Monday 08:00 Paris: due Monday 10:00.
    back = _apply(waiting, {"status": Status.IN_PROGRESS}, utc(2026, 3, 9, 7, 0))
    assert back.sla.resolution_due == utc(2026, 3, 9, 9, 0)
    assert back.remind_at == back.sla.resolution_due


def test_reopening_pushes_the_due_time_by_the_open_time_spent_resolved() -> None:
    # Monday 09:00: 16 h run out at Tuesday 18:00 (closing): due Wednesday 09:00
    clocks = sla.start(utc(2026, 3, 2, 8, 0), P3, PARIS)
    assert clocks.resolution_due == utc(2026, 3, 4, 8, 0)
    resolved = sla.stop_resolution(clocks, utc(2026, 3, 2, 16, 0), PARIS)  # Monday 17:00
    # Reopened at 17:30: 30 min spent resolved. Due Wednesday 09:00 + 30 min of open time:
    # Wednesday 09:30 in Paris; on wall time 30 min later too (Wednesday 08:30 UTC).
    reopened = sla.reopen(resolved, utc(2026, 3, 2, 16, 30), PARIS)
    assert reopened.resolution_due == utc(2026, 3, 4, 8, 30)
    assert sla.reopen(resolved, utc(2026, 3, 2, 16, 30)).resolution_due == utc(2026, 3, 4, 8, 30)


def test_a_change_of_service_rebases_on_the_new_calendar() -> None:
    # Monday 09:00 in Paris; response due 13:00... well, 14:00 Paris (lunch) = 13:00 UTC.
    ticket = _filed(utc(2026, 3, 2, 8, 0))
    assert ticket.sla.response_due == utc(2026, 3, 2, 13, 0)
    # At 10:00 Paris, 3 h of response time are left; New York opens at 14:00 UTC (09:00 EST).
    moved = _apply(ticket, {"service": "app_dev", "assignee": None}, utc(2026, 3, 2, 9, 0))
    assert calendar_of(CONFIG, moved) is NEW_YORK
    assert moved.sla.response_due == utc(2026, 3, 2, 17, 0)
    assert moved.remind_at == moved.sla.response_due
    # Then to a 24/7 service: what is left (3 h of New York time) counts from now.
    again = _apply(moved, {"service": "security", "assignee": None}, utc(2026, 3, 2, 9, 30))
    assert calendar_of(CONFIG, again) is ALWAYS_OPEN
    assert again.sla.response_due == utc(2026, 3, 2, 12, 30)


def test_becoming_p1_gives_the_clocks_p1s_targets_round_the_clock() -> None:
    ticket = _filed(utc(2026, 3, 6, 15, 0))  # Friday 16:00 Paris: response due Monday
    urgent = _apply(ticket, {"priority": Priority.P1}, utc(2026, 3, 6, 16, 0))
    # 1 h of open time has run: P1's 15 min response is overdue since 15:15 (as a P1 filed at
    # 15:00 would be), and its 4 h resolution has 3 h left, counted at once (24/7)
    assert urgent.sla.response_due == utc(2026, 3, 6, 15, 15)
    assert urgent.sla.resolution_due == utc(2026, 3, 6, 19, 0)


def test_a_raised_priority_is_due_as_if_filed_with_it() -> None:
    ticket = _filed(utc(2026, 3, 2, 8, 0))  # Monday 09:00 Paris, P3: response due 13:00 UTC
    claimed = _apply(ticket, {"assignee": "U1", "status": Status.IN_PROGRESS}, utc(2026, 3, 2, 9))
    raised = _apply(claimed, {"priority": Priority.P2}, utc(2026, 3, 2, 10, 0))
    # 2 h of open time run of P2's 8 h resolution: 6 h left, from 11:00 Paris (lunch closed)
    assert raised.sla.resolution_due == PARIS.next_open(PARIS.add(utc(2026, 3, 2, 10, 0), 6 * H))
    assert raised.sla.responded_at == claimed.sla.responded_at  # a stopped clock stays stopped
    # 18:00 Paris, at closing: due at the next opening, and reminded then if it passes
    assert raised.sla.resolution_due == utc(2026, 3, 3, 8, 0)
    assert raised.remind_at == utc(2026, 3, 3, 8, 0)


def test_a_lowered_priority_gives_a_late_clock_its_longer_target() -> None:
    p2 = _apply(_filed(utc(2026, 3, 2, 8, 0)), {"priority": Priority.P2}, utc(2026, 3, 2, 8))
    assert p2.sla.response_due == utc(2026, 3, 2, 9, 0)  # P2: 1 h
    late = utc(2026, 3, 2, 10, 0)  # 11:00 Paris: 1 h late
    lowered = _apply(p2, {"priority": Priority.P3}, late)
    assert lowered.sla.response_due == utc(2026, 3, 2, 13, 0)  # P3's 4 h from filing: 2 h left
    back = _apply(lowered, {"priority": Priority.P2}, late)
    assert back.sla.response_due == utc(2026, 3, 2, 9, 0)  # late again since 10:00 Paris


def test_a_paused_clock_is_retargeted_from_its_pause() -> None:
    ticket = _filed(utc(2026, 3, 2, 8, 0), assignee="U1", status=Status.IN_PROGRESS)
    waiting = _apply(ticket, {"status": Status.WAITING_ON_REQUESTER}, utc(2026, 3, 2, 9, 0))
    paused_at = waiting.sla.paused_at
    assert paused_at == utc(2026, 3, 2, 9, 0)
    raised = _apply(waiting, {"priority": Priority.P2}, utc(2026, 3, 3, 9, 0))
    assert raised.sla.paused_at == paused_at  # still paused: the day waiting costs nothing
    assert raised.sla.resolution_due == PARIS.next_open(PARIS.add(paused_at, 8 * H - H))


def test_a_late_clock_stays_late_when_the_service_changes() -> None:
    ticket = _filed(utc(2026, 3, 2, 8, 0))
    late = utc(2026, 3, 2, 15, 0)
    moved = _apply(ticket, {"service": "security", "assignee": None}, late)
    assert moved.sla.response_due == ticket.sla.response_due


def test_reminders_wait_for_the_opening_but_not_on_round_the_clock_calendars() -> None:
    clocks = sla.start(utc(2026, 3, 6, 8, 0), SlaTarget(response=2 * H, resolution=8 * H), PARIS)
    friday_evening = utc(2026, 3, 6, 17, 30)  # late since 11:00 Paris; next grid: 19:00 Paris
    monday = utc(2026, 3, 9, 8, 0)  # 09:00 in Paris
    assert sla.next_reminder(clocks, friday_evening, H, PARIS) == monday
    assert sla.next_reminder(clocks, friday_evening, H) == utc(2026, 3, 6, 18, 0)


def test_the_tick_plans_the_next_reminder_on_the_calendar() -> None:
    ticket = _filed(utc(2026, 3, 6, 8, 0))  # Friday 09:00 Paris: response due 13:00 UTC
    due = ticket.sla.response_due
    assert due == utc(2026, 3, 6, 13, 0)
    planned = plan(ticket, due, CONFIG)
    assert len(planned.messages) == 1  # 14:00 Paris: open, reminded now
    assert planned.changes["remind_at"] == utc(2026, 3, 6, 15, 0)  # every 2 h
    evening = replace(ticket, remind_at=utc(2026, 3, 6, 17, 0))
    assert plan(evening, utc(2026, 3, 6, 17, 0), CONFIG).changes["remind_at"] == utc(
        2026, 3, 9, 8, 0
    )
