"""Block Kit for editing a ticket's title and description (the card's *Edit* button)."""

from __future__ import annotations

from slack_sdk.models.blocks import InputBlock, PlainTextInputElement, PlainTextObject
from slack_sdk.models.views import View

from bot.domain.models import Language, Ticket
from bot.locales.i18n import t
from bot.working.editing import DESCRIPTION_MAX, TITLE_MAX
from handlers.kit import ids
from handlers.kit.values import pack


def edit_modal(ticket: Ticket, language: Language) -> View:
    """The ticket's title and description, pre-filled; the ticket id travels in the metadata
    (checked again on submission: authority comes from the stored ticket, not from it)."""
    return View(
        type="modal",
        callback_id=ids.EDIT_CALLBACK,
        title=PlainTextObject(text=t(language, "governance.edit.title")),
        submit=PlainTextObject(text=t(language, "governance.edit.submit")),
        close=PlainTextObject(text=t(language, "vocabulary.cancel")),
        private_metadata=pack(ticket.id),
        blocks=[
            InputBlock(
                block_id=ids.BLOCK_EDIT_TITLE,
                label=t(language, "governance.edit.label_title"),
                element=PlainTextInputElement(
                    action_id=ids.BLOCK_EDIT_TITLE,
                    initial_value=ticket.title[:TITLE_MAX],
                    max_length=TITLE_MAX,
                ),
            ),
            InputBlock(
                block_id=ids.BLOCK_EDIT_DESCRIPTION,
                label=t(language, "governance.edit.label_description"),
                optional=True,
                element=PlainTextInputElement(
                    action_id=ids.BLOCK_EDIT_DESCRIPTION,
                    multiline=True,
                    initial_value=ticket.description[:DESCRIPTION_MAX] or None,
                    max_length=DESCRIPTION_MAX,
                ),
            ),
        ],
    )
