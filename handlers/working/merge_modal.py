"""Block Kit for merging a duplicate into a ticket (the card's *Merge into…* button)."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.domain.models import Language, Ticket
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.mrkdwn import escape, truncate
from handlers.kit.values import pack

TITLE_SHOWN_MAX = 150


def merge_modal(ticket: Ticket, language: Language) -> View:
    """Which ticket the duplicate goes into; the duplicate's id travels in the metadata
    (checked again on submission: authority comes from the stored tickets, not from it)."""
    intro = t(
        language,
        "working.merge.intro",
        ticket_id=ticket.id,
        title=escape(truncate(ticket.title, TITLE_SHOWN_MAX)),
    )
    return View(
        type="modal",
        callback_id=ids.MERGE_CALLBACK,
        title=PlainTextObject(text=t(language, "working.merge.title")),
        submit=PlainTextObject(text=t(language, "working.merge.submit")),
        close=PlainTextObject(text=t(language, "vocabulary.cancel")),
        private_metadata=pack(ticket.id),
        blocks=[
            SectionBlock(text=MarkdownTextObject(text=intro)),
            InputBlock(
                block_id=ids.BLOCK_MERGE_TARGET,
                label=t(language, "working.merge.label"),
                hint=t(language, "working.merge.hint", ticket_id=ticket.id),
                element=PlainTextInputElement(
                    action_id=ids.BLOCK_MERGE_TARGET,
                    max_length=20,
                    placeholder=t(language, "working.merge.placeholder"),
                ),
            ),
        ],
    )
