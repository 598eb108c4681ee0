"""Block Kit for what Guichet tells people about a ticket: the requester's direct messages, each
with the buttons the requester may use at that point, and the replies in the ticket's channel
thread for the people working it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.blocks.blocks import Block

from bot.domain.approvals import ApprovalState
from bot.domain.catalogue_request import FileRef
from bot.domain.config import ServicesConfig
from bot.domain.deadlines import next_deadline
from bot.domain.merging import merged_into
from bot.domain.models import Language, Status, Ticket
from bot.domain.workflow import asks_if_solved
from bot.locales.i18n import status_in_sentence, t
from bot.tickets.ports import AgentNotice
from bot.working.follow_up import RATINGS
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.values import pack
from handlers.tickets.card import SECTION_MAX, requester_text
from handlers.tickets.catalogue_answers import FilesShown, answers_block
from handlers.tickets.deadline import deadline_text
from handlers.tickets.outcome_lines import quote, resolution_shown

FILED_KEY = "filing.dm.filed"  # the message saying where a new ticket went
AWAITING_APPROVAL = ApprovalState.PENDING.value  # a catalogue request's ``approval`` meanwhile


def requester_controls(ticket: Ticket) -> list[Block]:
    """The buttons the requester may use now: withdraw a catalogue request while it awaits
    approval (nobody works it yet: nothing to add for a team); add information or cancel while
    the ticket is open; say whether it is solved once resolved; rate the help once closed
    (once)."""
    language = ticket.language
    buttons: list[ButtonElement] = []
    extra: list[Block] = []
    if ticket.is_open and ticket.approval == AWAITING_APPROVAL:
        seen = pack(ticket.id, AWAITING_APPROVAL)  # pressed once approved: too late
        buttons = [
            _cancel_button(seen, ticket, "working.button.withdraw", "working.confirm.withdraw")
        ]
    elif ticket.is_open:
        buttons = [
            ButtonElement(
                action_id=ids.ACTION_ADD_INFO,
                text=t(language, "working.button.add_info"),
                value=ticket.id,
            ),
            _cancel_button(
                ticket.id, ticket, "working.button.cancel_ticket", "working.confirm.cancel"
            ),
        ]
    elif ticket.status is Status.RESOLVED and asks_if_solved(ticket):
        buttons = [
            ButtonElement(
                action_id=ids.ACTION_SOLVED,
                text=t(language, "working.button.solved"),
                value=ticket.id,
                style="primary",
            ),
            ButtonElement(
                action_id=ids.ACTION_NOT_SOLVED,
                text=t(language, "working.button.not_solved"),
                value=ticket.id,
            ),
        ]
    elif ticket.status is Status.CLOSED and ticket.satisfaction is None:
        buttons = [
            ButtonElement(
                action_id=f"{ids.ACTION_RATE_PREFIX}{rating}",
                text=str(rating),
                value=pack(ticket.id, str(rating)),
            )
            for rating in RATINGS
        ]
        extra = [
            ContextBlock(elements=[MarkdownTextObject(text=t(language, "working.rating.scale"))])
        ]
    if not buttons:
        return []
    return [ActionsBlock(block_id=ids.BLOCK_REQUESTER_ACTIONS, elements=buttons), *extra]


def _cancel_button(value: str, ticket: Ticket, label: str, confirm: str) -> ButtonElement:
    """The requester's Cancel (one action, one use case), worded by ``label`` and the
    ``confirm`` keys' prefix: a request awaiting approval is withdrawn, its ``value`` saying
    so (what the requester saw)."""
    language = ticket.language
    return ButtonElement(
        action_id=ids.ACTION_CANCEL,
        text=t(language, label),
        value=value,
        style="danger",
        confirm=ConfirmObject(
            title=t(language, f"{confirm}_title", ticket_id=ticket.id),
            text=t(language, f"{confirm}_text"),
            confirm=t(language, f"{confirm}_yes"),
            deny=t(language, f"{confirm}_no"),
            style="danger",
        ),
    )


def requester_dm(
    key: str, ticket: Ticket, config: ServicesConfig, actor: str, now: datetime | None = None
) -> tuple[str, list[Block]]:
    """A direct message to the requester, in their language: its text and its blocks; with
    ``now``, the ticket's next deadline under it (due time in the requester's own zone)."""
    language = ticket.language
    text = requester_text(
        key,
        ticket,
        config,
        user=md.user(actor),
        assignee=md.user(ticket.assignee)
        if ticket.assignee
        else t(language, "tickets.card.unassigned"),
        status=status_in_sentence(language, ticket.status, ticket.awaiting_approval),
    )
    if ticket.status is Status.RESOLVED:
        text += resolution_text(ticket, config)
    section = SectionBlock(text=MarkdownTextObject(text=md.truncate(text, SECTION_MAX)))
    answers = (  # their own files: links that open for them
        answers_block(ticket, config, language, FilesShown.LINKED) if key == FILED_KEY else None
    )
    shown: list[Block] = [section] if answers is None else [section, answers]
    deadline = next_deadline(ticket, now, config) if now is not None else None
    if deadline is not None:
        line = deadline_text(deadline, language)
        shown.append(ContextBlock(elements=[MarkdownTextObject(text=line)]))
    return text, [*shown, *requester_controls(ticket)]


def retired_dm(
    text: str, ticket: Ticket, superseded: bool, config: ServicesConfig | None = None
) -> tuple[str, list[Block]]:
    """An earlier DM without its buttons: what it said, and what became of the ticket (its
    buttons are in the latest message, or there is nothing left to do; merged: where it went).
    A ticket *new* again (sent to its team once approved, or unassigned) is said to wait in its
    team's queue, not to "be new"; a request its approvers rejected is said rejected, not
    "cancelled"."""
    language = ticket.language
    key = "working.dm.retired_superseded" if superseded else "working.dm.retired_done"
    queued = ticket.status is Status.NEW and not ticket.awaiting_approval and not ticket.assignee
    if superseded and queued:
        key = "working.dm.retired_queued"
    if not superseded and ticket.approval == ApprovalState.REJECTED.value:
        key = "working.dm.retired_rejected"  # refused by its approvers: nobody cancelled it
    other = merged_into(ticket.extra)
    if other is not None:
        key = "working.dm.retired_merged"
    status = status_in_sentence(language, ticket.status, ticket.awaiting_approval)
    service = config.service_name(ticket.service, language) if config else ""
    now = t(
        language,
        key,
        ticket_id=ticket.id,
        status=status,
        other=other or "",
        service=md.escape(service),
    )
    section = SectionBlock(text=MarkdownTextObject(text=md.truncate(text, SECTION_MAX)))
    return text, [section, ContextBlock(elements=[MarkdownTextObject(text=now)])]


def resolution_text(ticket: Ticket, config: ServicesConfig) -> str:
    """How the ticket was solved, as a paragraph for the requester ("" when nobody said)."""
    shown = resolution_shown(ticket, config, ticket.language)
    return "\n\n" + shown if shown else ""


_THREAD_KEYS = {
    AgentNotice.ASSIGNED: "working.thread.assigned",
    AgentNotice.REOPENED: "working.thread.reopened",
    AgentNotice.INFORMATION: "working.thread.information",
    AgentNotice.CANCELLED: "working.thread.cancelled",
}


def agents_text(
    notice: AgentNotice,
    ticket: Ticket,
    language: Language,
    actor: str,
    note: str | None,
    files: Sequence[FileRef] = (),
) -> str:
    """A reply in the ticket's thread for the people working it; mentions the assignee; the
    ``files`` added with information named, not linked: a form's file opens for its uploader
    alone, and the bot copies each one into the thread (``bot/working/requester_files.py``),
    which the text says (and says when only files came)."""
    key = _THREAD_KEYS[notice]
    if notice is AgentNotice.REOPENED and ticket.assignee is None:
        key = "governance.thread.reopened_queue"  # nobody had it: back in the queue
    if notice is AgentNotice.INFORMATION and files:
        return t(
            language,
            "working.thread.information_files" if note else "working.thread.files_added",
            user=md.user(actor),
            mention=f"{md.user(ticket.assignee)} " if ticket.assignee else "",
            note=quote(note or ""),
            files=", ".join(md.escape(f.name) for f in files),
            count=len(files),
        )
    return t(
        language,
        key,
        ticket_id=ticket.id,
        user=md.user(actor),
        assignee=md.user(ticket.assignee) if ticket.assignee else "",
        mention=f"{md.user(ticket.assignee)} " if ticket.assignee else "",
        note=quote(note or ""),
    )
