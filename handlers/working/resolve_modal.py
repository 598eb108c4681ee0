"""Block Kit for resolving a ticket: how it was solved (a note, required or optional as its
service says) and a category."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.models import Language, Status, Ticket
from bot.domain.resolution import NOTE_MAX
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.mrkdwn import truncate
from handlers.kit.values import pack

OPTION_MAX = 75
OPTIONS_MAX = 100


def resolve_modal(
    ticket: Ticket,
    language: Language,
    seen: Status,
    required: bool,
    categories: list[tuple[str, str]],
) -> View:
    """``seen`` (the status the person saw) travels in the metadata, with the ticket id; both
    are checked again against the stored ticket on submission, and so is the category chosen
    among ``categories`` (the service's keys and labels, in order)."""
    return View(
        type="modal",
        callback_id=ids.RESOLVE_CALLBACK,
        title=PlainTextObject(text=t(language, "governance.resolve.title")),
        submit=PlainTextObject(text=t(language, "governance.resolve.submit")),
        close=PlainTextObject(text=t(language, "vocabulary.cancel")),
        private_metadata=pack(ticket.id, seen),
        blocks=[
            InputBlock(
                block_id=ids.BLOCK_RESOLUTION_NOTE,
                label=t(language, "governance.resolve.note", ticket_id=ticket.id),
                optional=not required,
                element=PlainTextInputElement(
                    action_id=ids.BLOCK_RESOLUTION_NOTE,
                    multiline=True,
                    max_length=NOTE_MAX,
                    placeholder=t(language, "governance.resolve.placeholder"),
                ),
            ),
            InputBlock(
                block_id=ids.BLOCK_RESOLUTION_CATEGORY,
                label=t(language, "governance.resolve.category"),
                optional=True,
                element=StaticSelectElement(
                    action_id=ids.BLOCK_RESOLUTION_CATEGORY,
                    options=[
                        Option(value=key, text=truncate(label, OPTION_MAX))
                        for key, label in categories[:OPTIONS_MAX]
                    ],
                ),
            ),
        ],
    )
