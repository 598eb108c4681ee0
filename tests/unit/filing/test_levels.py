"""The impact and urgency a new form starts with."""

from __future__ import annotations

from bot.domain.models import Level, TicketType
from bot.domain.priority import priority_for
from bot.filing.levels import initial_levels


def test_a_short_text_starts_at_p3() -> None:
    for suggested in (None, TicketType.INCIDENT, TicketType.SERVICE_REQUEST):
        assert initial_levels(suggested) == (Level.MEDIUM, Level.MEDIUM)
    assert priority_for(TicketType.INCIDENT, *initial_levels(None)).value == "P3"


def test_an_emergency_starts_high() -> None:
    assert initial_levels(TicketType.EMERGENCY) == (Level.HIGH, Level.HIGH)
