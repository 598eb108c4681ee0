"""ITIL priority: impact x urgency -> P1..P5; an emergency is always P1."""

from __future__ import annotations

from bot.domain.models import Level, Priority, TicketType

_MATRIX: dict[tuple[Level, Level], Priority] = {
    (Level.HIGH, Level.HIGH): Priority.P1,
    (Level.HIGH, Level.MEDIUM): Priority.P2,
    (Level.MEDIUM, Level.HIGH): Priority.P2,
    (Level.HIGH, Level.LOW): Priority.P3,
    (Level.MEDIUM, Level.MEDIUM): Priority.P3,
    (Level.LOW, Level.HIGH): Priority.P3,
    (Level.MEDIUM, Level.LOW): Priority.P4,
    (Level.LOW, Level.MEDIUM): Priority.P4,
    (Level.LOW, Level.LOW): Priority.P5,
}


def priority_for(ticket_type: TicketType, impact: Level, urgency: Level) -> Priority:
    """The ticket's priority; emergencies are P1 whatever was rated."""
    if ticket_type is TicketType.EMERGENCY:
        return Priority.P1
    return _MATRIX[(impact, urgency)]
