"""The impact and urgency a new form starts with, so a short text is enough to file.

``/ticket my VPN drops every hour`` says what is wrong, not who is affected nor how soon: the
form starts at *medium* and *medium* (P3, the middle of the ITIL matrix, as a ticket filed by
reaction is), selected where the person sees them and changes them in one click. A text the
classifier takes for an emergency starts at *high* and *high* (P1, as the emergency type is).
"""

from __future__ import annotations

from bot.domain.models import Level, TicketType


def initial_levels(suggested: TicketType | None) -> tuple[Level, Level]:
    """``(impact, urgency)`` the form pre-selects for the type Guichet suggests (if any)."""
    if suggested is TicketType.EMERGENCY:
        return Level.HIGH, Level.HIGH
    return Level.MEDIUM, Level.MEDIUM
