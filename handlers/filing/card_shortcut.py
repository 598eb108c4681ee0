"""The message shortcut used on a ticket's own card: that message is a ticket already, so the
form gives way to a view offering to open it (a ticket titled "INC-1 · …" makes no sense)."""

from __future__ import annotations

from slack_sdk.models.blocks import MarkdownTextObject, PlainTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.domain.models import Language, Ticket
from bot.locales.i18n import status_in_sentence, t
from handlers.kit import ids
from handlers.kit.mrkdwn import escape


def ticket_card_modal(language: Language, ticket: Ticket, link: str | None) -> View:
    """ "This message is ticket INC-1": a link to open it and the command that shows it."""
    text = t(
        language,
        "filing.from_message.card_body",
        ticket_id=ticket.id,
        title=escape(ticket.title),
        status=status_in_sentence(language, ticket.status, ticket.awaiting_approval),
    )
    if link:
        text += "\n" + t(language, "filing.from_message.card_open", link=link)
    return View(
        type="modal",
        callback_id=ids.FILED_CALLBACK,  # nothing to submit: only closed
        title=PlainTextObject(text=t(language, "filing.from_message.card_title")),
        close=PlainTextObject(text=t(language, "vocabulary.close")),
        blocks=[SectionBlock(text=MarkdownTextObject(text=text))],
    )
