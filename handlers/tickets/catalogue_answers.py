"""A catalogue request's answers as the card, ``/ticket show`` and the requester's message show
them: one line per answered field, labels and choices in the reader's language, people and
channels as mentions Slack draws."""

from __future__ import annotations

from enum import Enum

from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from bot.catalogue.answers import answer_text, labelled_answers
from bot.domain.catalogue import CatalogueItem
from bot.domain.config import ServicesConfig
from bot.domain.models import Language, Ticket
from bot.locales.i18n import t
from handlers.kit import mrkdwn as md

SECTION_MAX = 3000


def catalogue_item(ticket: Ticket, config: ServicesConfig) -> CatalogueItem | None:
    """The item ``ticket`` was filed from, when it was and the catalogue still has it."""
    return config.catalogue.get(ticket.request.item) if ticket.request else None


def title_in(ticket: Ticket, config: ServicesConfig, language: Language) -> str:
    """The ticket's title for a reader of ``language``: a catalogue request titled with its
    item's name as filed (in its requester's language) is named in the reader's — the team's
    card in the team's; a title typed, or edited since, stays as written."""
    item = catalogue_item(ticket, config)
    if item is not None and ticket.title == item.name.in_language(ticket.language):
        return item.name.in_language(language)
    return ticket.title


def file_link(name: str, permalink: str) -> str:
    """A file as a link Slack draws (its name alone when Slack gave no usable link)."""
    if permalink.startswith("https://") and not any(c in permalink for c in "<>|"):
        return f"<{permalink}|{md.escape(name)}>"
    return md.escape(name)


class FilesShown(Enum):
    """How a catalogue request's files read, by who reads them. Slack keeps a form's file
    private to its uploader: its link opens for the requester alone. The bot copies each one
    into the card's thread (``bot/working/requester_files.py``), where the team opens it."""

    LINKED = "linked"  # the requester's own DM: their file, their link
    IN_THIS_THREAD = "in_this_thread"  # the team's card: named, its copy in the card's thread
    IN_TICKET_THREAD = "in_ticket_thread"  # elsewhere (/ticket show, the Home, an approver)


_FILES_KEYS = {
    FilesShown.IN_THIS_THREAD: "catalogue.answers.files_in_this_thread",
    FilesShown.IN_TICKET_THREAD: "catalogue.answers.files_in_ticket_thread",
}


def answers_block(
    ticket: Ticket,
    config: ServicesConfig,
    language: Language,
    files: FilesShown = FilesShown.IN_TICKET_THREAD,
) -> SectionBlock | None:
    """The answers for a reader of ``language``; the file fields as ``files`` says (a link
    only for the uploader, whom alone it opens for)."""
    item = catalogue_item(ticket, config)
    if item is None or ticket.request is None:
        return None
    lines = []
    for label, spec, answer in labelled_answers(item, ticket.request, language):
        if spec.type == "users" and isinstance(answer, list):
            value = ", ".join(md.user(user) for user in answer)
        elif spec.type == "channels" and isinstance(answer, list):
            value = ", ".join(md.channel(channel) for channel in answer)
        elif spec.type == "file" and isinstance(answer, list):
            refs = [ticket.request.file(file_id) for file_id in answer]
            found = [ref for ref in refs if ref]
            if files is FilesShown.LINKED:
                value = ", ".join(file_link(ref.name, ref.permalink) for ref in found)
            else:
                names = ", ".join(md.escape(ref.name) for ref in found)
                value = t(language, _FILES_KEYS[files], files=names, count=len(found))
        else:
            value = md.escape(answer_text(spec, answer, language))
        lines.append(t(language, "catalogue.answers.line", label=md.escape(label), value=value))
    if not lines:
        return None
    return SectionBlock(text=MarkdownTextObject(text=md.truncate("\n".join(lines), SECTION_MAX)))
