"""The calendar a ticket's clocks run on follows its type too: an emergency's run round the
clock, so a ticket made an emergency ("This is an emergency") or an incident again ("Not an
emergency") has its running clocks re-based, as a change of service or priority has; a change
between two other types (an agent's "Change type") leaves them as they are."""

from __future__ import annotations

from bot.domain.business_time import ALWAYS_OPEN
from bot.domain.due_times import calendar_of, initial
from bot.domain.models import Priority, TicketType
from tests.fakes import ticket as fake_ticket
from tests.unit.domain.test_sla_calendars import CONFIG, PARIS, _apply, _filed, utc


def test_an_emergency_declared_on_friday_evening_counts_round_the_clock() -> None:
    ticket = _filed(utc(2026, 3, 6, 15, 0))  # Friday 16:00 Paris: response due Monday
    assert ticket.sla.response_due == utc(2026, 3, 9, 10, 0)
    declared = _apply(ticket, {"type": TicketType.EMERGENCY}, utc(2026, 3, 6, 16, 0))
    assert calendar_of(CONFIG, declared) is ALWAYS_OPEN
    assert declared.sla.response_due == utc(2026, 3, 6, 19, 0)  # the 3 h left, counted at once


def test_not_an_emergency_counts_the_services_open_hours_again() -> None:
    at = utc(2026, 3, 6, 15, 0)  # Friday 16:00 Paris
    due = initial(TicketType.EMERGENCY, Priority.P3, "service_desk", at, CONFIG)
    emergency = fake_ticket(at=at, type=TicketType.EMERGENCY, sla=due.sla, remind_at=due.remind_at)
    assert emergency.sla.response_due == utc(2026, 3, 6, 19, 0)  # 4 h, round the clock
    incident = _apply(emergency, {"type": TicketType.INCIDENT}, utc(2026, 3, 6, 16, 0))
    assert calendar_of(CONFIG, incident) is PARIS
    # 3 h left: Friday 17:00-18:00 Paris, then Monday 09:00-11:00 Paris (10:00 UTC)
    assert incident.sla.response_due == utc(2026, 3, 9, 10, 0)


def test_a_change_between_other_types_keeps_the_clocks() -> None:
    ticket = _filed(utc(2026, 3, 6, 15, 0))
    request = _apply(ticket, {"type": TicketType.SERVICE_REQUEST}, utc(2026, 3, 6, 16, 0))
    assert request.sla == ticket.sla and request.remind_at == ticket.remind_at
