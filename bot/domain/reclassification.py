"""Which types a ticket's people may give it, and when its type is held.

An agent corrects a ticket's type ("this incident is really a service request") among the
types that are not an emergency: making a ticket an emergency pages on-call and is "This is an
emergency", leaving one stops the paging and is "Not an emergency"
(``bot/paging/emergency_calls.py``); neither is a plain change of type, so neither is offered
here (``may_declare`` and ``may_dismiss`` say where the card offers those instead). A ticket
in a problem link keeps its type while it is linked, whichever control would change it: an
incident linked to a problem is one of its symptoms (the problem's resolution resolves it), and
a problem (or emergency) with linked incidents is what they wait on; change the type after
unlinking.
"""

from __future__ import annotations

from bot.domain.errors import TypeHeldByLinks
from bot.domain.models import PARENT_TYPES, Ticket, TicketType

RECLASSIFIABLE: tuple[TicketType, ...] = tuple(
    kind for kind in TicketType if kind is not TicketType.EMERGENCY
)
"""The types an agent may choose, in the filing form's order."""


def linked(ticket: Ticket) -> bool:
    """True when a problem link holds the ticket's type."""
    return ticket.problem_id is not None or (
        ticket.type in PARENT_TYPES and bool(ticket.linked_incidents)
    )


def type_choices(ticket: Ticket) -> list[TicketType]:
    """The types the card offers: every other non-emergency type while the ticket is open,
    not an emergency and not linked; none otherwise."""
    if not ticket.is_open or ticket.type not in RECLASSIFIABLE or linked(ticket):
        return []
    return [kind for kind in RECLASSIFIABLE if kind is not ticket.type]


def refuse_if_linked(ticket: Ticket) -> None:
    """Raise ``TypeHeldByLinks`` when a problem link holds the ticket's type."""
    if linked(ticket):
        raise TypeHeldByLinks(ticket.id, ticket.problem_id, len(ticket.linked_incidents))


def may_declare(ticket: Ticket) -> bool:
    """True when "This is an emergency" may make the ticket one: open, not an emergency, and
    not held by a problem link."""
    return ticket.is_open and ticket.type is not TicketType.EMERGENCY and not linked(ticket)


def may_dismiss(ticket: Ticket) -> bool:
    """True when "Not an emergency" may make the ticket an incident again: an open emergency
    (paging, acknowledged or never paged) that no problem link holds."""
    return ticket.is_open and ticket.type is TicketType.EMERGENCY and not linked(ticket)
