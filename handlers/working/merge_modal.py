"""Block Kit for merging a duplicate into a ticket (the card's *Merge into…* button)."""

from __future__ import annotations

from slack_sdk.models.blocks import InputBlock, PlainTextInputElement
from slack_sdk.models.views import View

from bot.domain.models import Language, Ticket
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.values import pack
from handlers.working.modals import ticket_form


def merge_modal(ticket: Ticket, language: Language) -> View:
    """Which ticket the duplicate goes into; the duplicate's id travels in the metadata
    (checked again on submission: authority comes from the stored tickets, not from it)."""
    field = InputBlock(
        block_id=ids.BLOCK_MERGE_TARGET,
        label=t(language, "working.merge.label"),
        hint=t(language, "working.merge.hint", ticket_id=ticket.id),
        element=PlainTextInputElement(
            action_id=ids.BLOCK_MERGE_TARGET,
            max_length=20,
            placeholder=t(language, "working.merge.placeholder"),
        ),
    )
    return ticket_form(ticket, language, "merge", ids.MERGE_CALLBACK, pack(ticket.id), field)
