"""Block Kit for the small forms of working a ticket: assign it to someone, add information to
it; and a modal that only explains why nothing changed."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.catalogue import FILES_MAX
from bot.domain.models import Language, Ticket
from bot.locales.i18n import t
from bot.working.follow_up import INFORMATION_MAX
from handlers.catalogue.file_input import FileInputElement
from handlers.kit import ids
from handlers.kit.mrkdwn import escape, truncate
from handlers.kit.notice_views import notice_view
from handlers.kit.values import pack
from handlers.tickets.card import SECTION_MAX

TITLE_SHOWN_MAX = 150


def ticket_form(
    ticket: Ticket,
    language: Language,
    form: str,
    callback_id: str,
    metadata: str,
    field: InputBlock,
    *more: InputBlock,
) -> View:
    """A small form about one ticket: its texts under ``working.<form>.`` (title, intro naming
    the ticket, submit), Cancel, the ``metadata`` it travels with, and the one ``field`` it asks."""
    intro = t(
        language,
        f"working.{form}.intro",
        ticket_id=ticket.id,
        title=escape(truncate(ticket.title, TITLE_SHOWN_MAX)),
    )
    return View(
        type="modal",
        callback_id=callback_id,
        title=PlainTextObject(text=t(language, f"working.{form}.title")),
        submit=PlainTextObject(text=t(language, f"working.{form}.submit")),
        close=PlainTextObject(text=t(language, "vocabulary.cancel")),
        private_metadata=metadata,
        blocks=[SectionBlock(text=MarkdownTextObject(text=intro)), field, *more],
    )


def assign_modal(ticket: Ticket, language: Language, seen: str | None) -> View:
    """Pick who works the ticket; ``seen`` (the assignee the person saw) travels in the
    metadata so a change made meanwhile is recognised on submission."""
    field = InputBlock(
        block_id=ids.BLOCK_ASSIGNEE,
        label=t(language, "working.assign.label"),
        element=UserSelectElement(
            action_id=ids.BLOCK_ASSIGNEE, initial_user=ticket.assignee or None
        ),
    )
    return ticket_form(
        ticket, language, "assign", ids.ASSIGN_CALLBACK, pack(ticket.id, seen), field
    )


def information_modal(ticket: Ticket, language: Language) -> View:
    """The requester adds information to their ticket: a text, files (a screenshot), or both
    (each optional in Slack's eyes; the submission asks for one of them)."""
    field = InputBlock(
        block_id=ids.BLOCK_INFORMATION,
        label=t(language, "working.info.label"),
        optional=True,
        element=PlainTextInputElement(
            action_id=ids.BLOCK_INFORMATION,
            multiline=True,
            max_length=INFORMATION_MAX,
            placeholder=t(language, "working.info.placeholder"),
        ),
    )
    files = InputBlock(
        block_id=ids.BLOCK_INFORMATION_FILES,
        label=t(language, "working.info.files_label"),
        hint=t(language, "working.info.files_hint"),
        optional=True,
        element=FileInputElement(action_id=ids.BLOCK_INFORMATION_FILES, max_files=FILES_MAX),
    )
    metadata = pack(ticket.id)
    return ticket_form(ticket, language, "info", ids.ADD_INFO_CALLBACK, metadata, field, files)


def notice_modal(language: Language, text: str) -> View:
    """What a form turns into when its submission changed nothing, and why."""
    return notice_view(
        t(language, "working.notice.title"),
        truncate(text, SECTION_MAX),
        t(language, "vocabulary.close"),
    )
