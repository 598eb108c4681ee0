"""The controls with which a person decides what is an emergency: "This is an emergency" on
the card of every open ticket that is not one (in red, in a row of its own, on a suspected one:
filed without a form, Guichet paged nobody), and "Not an emergency: incident…" (a priority
menu) on every open emergency, paging or not. Neither is offered to a ticket a problem link
holds (``bot/domain/reclassification.py``)."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ConfirmObject,
    Option,
    StaticSelectElement,
)

from bot.domain.models import SUSPECTED_EMERGENCY, Language, Priority, Ticket, TicketType
from bot.locales.i18n import priority_name, t
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.values import pack

EVIDENCE_SHOWN = 4


def suspected_evidence(ticket: Ticket) -> list[str] | None:
    """The words that made an open incident filed without a form look like an emergency, or
    ``None`` when there is nothing left to decide."""
    evidence = ticket.extra.get(SUSPECTED_EMERGENCY)
    if not ticket.is_open or ticket.type is TicketType.EMERGENCY or evidence is None:
        return None
    return [str(word) for word in evidence] if isinstance(evidence, list) else []


def suspected_line(evidence: list[str], language: Language) -> str:
    """The card's note: Guichet paged nobody, and why the text looks like an emergency."""
    shown = ", ".join(
        t(language, "paging.emergency.evidence_word", word=md.escape(word))
        for word in evidence[:EVIDENCE_SHOWN]
    )
    return t(language, "paging.emergency.suspected", evidence=shown)


def declare_actions(ticket: Ticket, language: Language) -> ActionsBlock:
    """A suspected emergency's own row: "This is an emergency", in red."""
    return ActionsBlock(
        block_id=ids.BLOCK_SUSPECTED_ACTIONS,
        elements=[declare_button(ticket, language, suspected=True)],
    )


def declare_button(ticket: Ticket, language: Language, suspected: bool = False) -> ButtonElement:
    """ "This is an emergency", behind Slack's confirmation (pressing it pages on-call): a
    button rather than an option of the type menu, since a menu's confirmation would stand in
    front of every change of type. In red only where triage suspected an emergency, so an
    ordinary card does not shout. Its value carries the type the card shows (a stale card is
    refused). On a ticket someone already has, declaring it pages nobody, and the confirmation
    says so."""
    taken = ticket.assignee is not None
    return ButtonElement(
        action_id=ids.ACTION_DECLARE_EMERGENCY,
        text=t(language, "paging.emergency.declare"),
        value=pack(ticket.id, ticket.type.value),
        style="danger" if suspected else None,
        confirm=ConfirmObject(
            title=t(language, "paging.emergency.confirm_title"),
            text=t(
                language,
                "paging.emergency.confirm_text_taken" if taken else "paging.emergency.confirm_text",
                ticket_id=ticket.id,
            ),
            confirm=t(
                language,
                "paging.emergency.confirm_declare" if taken else "paging.emergency.confirm_yes",
            ),
            deny=t(language, "paging.emergency.confirm_no"),
            style="danger",
        ),
    )


def not_emergency_menu(ticket: Ticket, language: Language) -> StaticSelectElement:
    """ "Not an emergency: incident…", one option per priority (the value carries the choice)."""
    return StaticSelectElement(
        action_id=ids.ACTION_NOT_EMERGENCY,
        placeholder=t(language, "paging.emergency.dismiss"),
        options=[
            Option(
                value=pack(ticket.id, priority.value),
                text=t(
                    language,
                    "paging.emergency.dismiss_option",
                    priority=priority_name(language, priority),
                ),
            )
            for priority in Priority
        ],
    )
