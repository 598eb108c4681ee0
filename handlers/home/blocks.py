"""Block Kit for the App Home tab and the ticket details it opens (``slack_sdk.models``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.blocks.blocks import Block
from slack_sdk.models.views import View

from bot.conversation.relay import NOTE_MARKER
from bot.domain.config import ServicesConfig
from bot.domain.deadlines import DeadlineState, next_deadline
from bot.domain.models import HistoryEntry, Language, Ticket, TicketType
from bot.home.snapshot import HomeSnapshot
from bot.locales.i18n import status_name, t
from handlers.home.pages import page_blocks
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.people import person
from handlers.tickets.card import SECTION_MAX, service_name, ticket_detail_blocks
from handlers.tickets.catalogue_answers import title_in

MAX_VIEW_BLOCKS = 100
ROW_TITLE_MAX = 80


def ticket_row(
    ticket: Ticket,
    config: ServicesConfig,
    language: Language,
    *,
    claim: bool = False,
    show_requester: bool = False,
    now: datetime | None = None,
) -> SectionBlock:
    """One ticket on a line, with a button: claim it (queue) or see its details. With ``now``,
    its next deadline (due time, or how late it is)."""
    due = _due_fact(ticket, config, language, now) if now is not None else None
    facts = [
        status_name(language, ticket.status, ticket.awaiting_approval),
        ticket.priority.value,
        md.escape(service_name(config, ticket.service, language)),
    ]
    if show_requester:
        facts.append(t(language, "home.row.requester", user=person(ticket.requester, language)))
    if ticket.assignee and not claim:
        facts.append(t(language, "home.row.assignee", user=person(ticket.assignee, language)))
    if ticket.problem_id:
        facts.append(t(language, "home.row.linked", parent_id=ticket.problem_id))
    elif ticket.linked_incidents:
        facts.append(t(language, "home.row.linked_count", count=len(ticket.linked_incidents)))
    facts.append(t(language, "home.row.filed", date=md.date(ticket.created_at)))
    if due:
        facts.insert(0, due)
    title = md.escape(md.truncate(title_in(ticket, config, language), ROW_TITLE_MAX))
    marker = "🚨 " if ticket.type is TicketType.EMERGENCY else ""
    text = f"{marker}*{ticket.id}* · {title}\n" + " · ".join(facts)
    button = ButtonElement(
        action_id=ids.ACTION_CLAIM if claim else ids.ACTION_HOME_DETAILS,
        text=t(language, "working.button.claim" if claim else "home.button.details"),
        value=ticket.id,
        style="primary" if claim else None,
    )
    return SectionBlock(
        text=MarkdownTextObject(text=md.truncate(text, SECTION_MAX)), accessory=button
    )


def _due_fact(
    ticket: Ticket, config: ServicesConfig, language: Language, now: datetime
) -> str | None:
    deadline = next_deadline(ticket, now, config)
    if deadline is None:
        return None
    if deadline.state is DeadlineState.OVERDUE:
        # a time, as the card says it: the Home tab stays open while "by 35 min" goes stale
        return t(language, "home.row.overdue_since", due=md.date(deadline.due))
    if deadline.held_late:  # on hold, and late since before: the card says so too
        return t(language, "home.row.paused_late", due=md.date(deadline.due))
    if deadline.state is DeadlineState.WAITING:
        return t(language, "home.row.paused")
    return t(language, "home.row.due", due=md.date(deadline.due))


def _title(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))


def _note(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text)])


def _section(
    title: str,
    tickets: Sequence[Ticket],
    empty: str,
    more: str | None,
    config: ServicesConfig,
    language: Language,
    now: datetime | None = None,
    **row: bool,
) -> list[Block]:
    blocks: list[Block] = [_title(title)]
    if not tickets:
        blocks.append(_note(empty))
    blocks += [ticket_row(ticket, config, language, now=now, **row) for ticket in tickets]
    if more:
        blocks.append(_note(more))
    return blocks


def home_view(
    snapshot: HomeSnapshot, config: ServicesConfig, language: Language, *, knowledge: bool = False
) -> View:
    """The Home tab: a New ticket button (and, with ``knowledge``, a Knowledge base one), the
    person's tickets, and for agents their work."""
    buttons = [
        ButtonElement(
            action_id=ids.ACTION_HOME_NEW_TICKET,
            text=t(language, "home.button.new"),
            style="primary",
        )
    ]
    if knowledge:
        buttons.append(
            ButtonElement(
                action_id=ids.ACTION_HOME_KNOWLEDGE, text=t(language, "home.button.knowledge")
            )
        )
    blocks: list[Block] = [
        HeaderBlock(text=t(language, "home.header")),
        *page_blocks(snapshot.pages, snapshot.user, config, language),  # being paged: first
        SectionBlock(
            text=MarkdownTextObject(text=t(language, "home.intro", reaction=config.ticket_reaction))
        ),
        ActionsBlock(block_id=ids.BLOCK_HOME_ACTIONS, elements=buttons),
        DividerBlock(),
    ]
    blocks += _section(
        t(language, "home.open.title"),
        snapshot.open,
        t(language, "home.open.empty"),
        t(language, "home.open.more") if snapshot.more_open else None,
        config,
        language,
        snapshot.at,
    )
    if snapshot.recent:
        blocks += _section(
            t(language, "home.recent.title"), snapshot.recent, "", None, config, language
        )
    if snapshot.is_agent:
        names = ", ".join(md.escape(service_name(config, s, language)) for s in snapshot.services)
        blocks.append(DividerBlock())
        blocks += _section(
            t(language, "home.assigned.title"),
            snapshot.assigned,
            t(language, "home.assigned.empty"),
            t(language, "home.assigned.more") if snapshot.more_assigned else None,
            config,
            language,
            snapshot.at,
            show_requester=True,
        )
        blocks += _section(
            t(language, "home.queue.title", services=names),
            snapshot.queue,
            t(language, "home.queue.empty"),
            t(language, "home.queue.more") if snapshot.more_queue else None,
            config,
            language,
            snapshot.at,
            claim=True,
            show_requester=True,
        )
        blocks.append(_note(t(language, "home.agent_tip", marker=NOTE_MARKER)))
    if len(blocks) > MAX_VIEW_BLOCKS:  # the list sizes in bot.home keep far below; stay safe
        blocks = [*blocks[: MAX_VIEW_BLOCKS - 1], _note(t(language, "home.cut"))]
    return View(type="home", callback_id=ids.HOME_CALLBACK, blocks=blocks)


def home_unavailable_view(language: Language) -> View:
    blocks: list[Block] = [
        HeaderBlock(text=t(language, "home.header")),
        SectionBlock(
            text=MarkdownTextObject(text=t(language, "operations.error.store_unavailable"))
        ),
    ]
    return View(type="home", callback_id=ids.HOME_CALLBACK, blocks=blocks)


def details_modal(
    ticket: Ticket,
    history: Sequence[HistoryEntry],
    config: ServicesConfig,
    language: Language,
    now: datetime | None = None,
) -> View:
    """A ticket's details and history, opened from the Home tab (with ``now``: its deadline)."""
    return View(
        type="modal",
        callback_id=ids.DETAILS_CALLBACK,
        title=PlainTextObject(text=md.truncate(ticket.id, 24)),
        close=PlainTextObject(text=t(language, "vocabulary.close")),
        blocks=ticket_detail_blocks(ticket, history, config, language, now),
    )
