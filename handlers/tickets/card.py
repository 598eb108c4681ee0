"""Block Kit for messages: the ticket in its channel, the /ticket answers, the requester's DMs."""

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
    SectionBlock,
)
from slack_sdk.models.blocks.blocks import Block

from bot.domain.config import ServiceName, ServicesConfig
from bot.domain.deadlines import next_deadline
from bot.domain.models import (
    PARENT_TYPES,
    HistoryEntry,
    Language,
    Ticket,
    TicketType,
)
from bot.domain.reclassification import may_declare, may_dismiss
from bot.filing.classifier import NO_MATCH_CONFIDENCE
from bot.locales.i18n import priority_name, status_name, t, type_name
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.history import describe_change
from handlers.kit.people import person
from handlers.tickets.catalogue_answers import FilesShown, answers_block, title_in
from handlers.tickets.controls import ticket_controls
from handlers.tickets.deadline import deadline_text
from handlers.tickets.emergency_controls import (
    declare_actions,
    not_emergency_menu,
    suspected_evidence,
    suspected_line,
)
from handlers.tickets.outcome_lines import merge_lines, resolution_lines

SECTION_MAX = 3000
HEADER_MAX = 150
MESSAGE_BLOCKS_MAX = 50  # Slack's limit for one message
HISTORY_MAX = 30
LINKED_SHOWN = 10
CONTEXT_MAX = 10  # elements of a context block


def service_name(config: ServicesConfig, service: str, language: Language) -> ServiceName:
    """The service's name, carrying its French article for the texts it goes into (keep it
    through ``md.escape``, which keeps it; not through other string operations)."""
    return config.service_name(service, language)


def ticket_fallback_text(ticket: Ticket, language: Language, config: ServicesConfig) -> str:
    """The card's notification text (a catalogue request named in ``language``)."""
    title = title_in(ticket, config, language)
    return t(
        language,
        "tickets.card.fallback",
        ticket_id=ticket.id,
        title=md.escape(title),
        priority=ticket.priority.value,
        requester=person(ticket.requester, language),
    )


def unsure(ticket: Ticket) -> bool:
    """Guichet had too little (or too ambiguous) evidence and sent it to the default team, and
    nobody moved it since."""
    classification = ticket.classification
    return (
        classification.confidence <= NO_MATCH_CONFIDENCE
        and classification.service == ticket.service
    )


def _header(ticket: Ticket, language: Language) -> HeaderBlock:
    icon = "🚨 " if ticket.type is TicketType.EMERGENCY else ""
    text = icon + t(
        language, "tickets.card.header", ticket_id=ticket.id, type=type_name(language, ticket.type)
    )
    return HeaderBlock(text=md.truncate(text, HEADER_MAX))


def _summary(
    ticket: Ticket, config: ServicesConfig, language: Language, files: FilesShown
) -> list[Block]:
    """The title and what the ticket says: its description, or a catalogue request's answers
    (its description says the same, in the requester's language)."""
    answers = answers_block(ticket, config, language, files)
    title = title_in(ticket, config, language)
    if not title.strip():  # anonymised (retention): no bold "**" of nothing
        return [
            SectionBlock(text=MarkdownTextObject(text=t(language, "tickets.card.text_removed")))
        ]
    body = f"*{md.escape(title)}*"
    if answers is None and ticket.details:  # not the title twice
        body += f"\n{md.escape(ticket.details)}"
    summary = SectionBlock(text=MarkdownTextObject(text=md.truncate(body, SECTION_MAX)))
    return [summary] if answers is None else [summary, answers]


def _paging_line(ticket: Ticket, language: Language) -> str | None:
    paging = ticket.paging
    if paging is None:
        return None
    if paging.acked_by:
        when = md.time(paging.acked_at) if paging.acked_at else ""
        return t(language, "tickets.card.paging_acked", user=md.user(paging.acked_by), time=when)
    return t(language, "tickets.card.paging_active") if paging.active else None


def acknowledge_button(ticket: Ticket, language: Language) -> ButtonElement:
    """The emergency's Acknowledge button (on the channel message and on every page)."""
    return ButtonElement(
        action_id=ids.ACTION_ACK,
        text=t(language, "paging.button.acknowledge"),
        value=ticket.id,
        style="danger",
    )


def _paging_actions(ticket: Ticket, language: Language) -> ActionsBlock:
    elements: list = [acknowledge_button(ticket, language)]
    if may_dismiss(ticket):
        elements.append(not_emergency_menu(ticket, language))
    return ActionsBlock(block_id=ids.BLOCK_PAGING_ACTIONS, elements=elements)


def card_fields(ticket: Ticket, config: ServicesConfig, language: Language) -> list[str]:
    """The ticket's facts as its card shows them: priority, status, requester, assignee and
    service (the card and the pages list them alike)."""
    assignee = (
        person(ticket.assignee, language)
        if ticket.assignee
        else t(language, "tickets.card.unassigned")
    )
    return [
        t(language, "tickets.card.field.priority", value=priority_name(language, ticket.priority)),
        t(
            language,
            "tickets.card.field.status",
            value=status_name(language, ticket.status, ticket.awaiting_approval),
        ),
        t(language, "tickets.card.field.requester", value=person(ticket.requester, language)),
        t(language, "tickets.card.field.assignee", value=assignee),
        t(
            language,
            "tickets.card.field.service",
            value=service_name(config, ticket.service, language),
        ),
    ]


def ticket_message(
    ticket: Ticket,
    config: ServicesConfig,
    language: Language,
    now: datetime | None = None,
    *,
    lasting: bool = True,
    files: FilesShown = FilesShown.IN_TICKET_THREAD,
) -> list[Block]:
    """The ticket as it stands, for its service channel; with ``now``, its next deadline (as a
    time that stays true, unless not ``lasting``: drawn for one look). Its last change is the
    stored ticket's (``Ticket.last_change``), so every redraw shows it. A catalogue request's
    files are named, not linked (``files``: the card says their copies are in its thread)."""
    fields = card_fields(ticket, config, language)
    if ticket.satisfaction is not None:
        stars = "★" * ticket.satisfaction + "☆" * (5 - ticket.satisfaction)
        value = f"{stars} {ticket.satisfaction}/5"
        fields.append(t(language, "tickets.card.field.satisfaction", value=value))
    reasons = ticket.classification.reasons
    routed = (
        t(language, "tickets.card.reasons", reasons=md.escape(", ".join(reasons)))
        if reasons
        else t(language, "tickets.card.reasons_default")
    )
    if ticket.classification.service != ticket.service:  # a person sent it here: not its words
        guessed = service_name(config, ticket.classification.service, language)
        routed = t(language, "tickets.card.reasons_moved", service=guessed)
    context = [routed, t(language, "tickets.card.filed_at", date=md.date(ticket.created_at))]
    if ticket.is_open and unsure(ticket):
        reroute = t(language, "working.select.reassign")
        context.insert(1, t(language, "tickets.card.unsure", reroute=reroute))
    deadline = next_deadline(ticket, now, config) if now is not None else None
    if deadline is not None:
        context.insert(0, deadline_text(deadline, language, lasting=lasting))
    if ticket.origin and ticket.origin.permalink:
        link = md.link(ticket.origin.permalink, t(language, "filing.modal.source_link"))
        context.append(t(language, "tickets.card.origin", link=link))
    if ticket.last_change is not None:
        change = describe_change(ticket.last_change, language, config)
        context.append(t(language, "tickets.card.last_change", change=change))
    if ticket.approval in ("pending", "rejected", "withdrawn"):  # a catalogue request's
        context.append(t(language, f"catalogue.card.{ticket.approval}"))
    paging_line = _paging_line(ticket, language)
    if paging_line:
        context.append(paging_line)
    suspected = suspected_evidence(ticket)
    if suspected is not None:
        context.append(suspected_line(suspected, language))
    context += _links_lines(ticket, language, storm=config.problems.enabled)
    context += resolution_lines(ticket, config, language)  # how it was solved
    context += merge_lines(ticket, language)  # merged into another, or duplicates taken in
    if ticket.type in PARENT_TYPES and ticket.linked_incidents:
        fields.append(
            t(language, "tickets.card.field.linked", count=len(ticket.linked_incidents)),
        )
    blocks: list[Block] = [
        _header(ticket, language),
        *_summary(ticket, config, language, files),
        SectionBlock(fields=[MarkdownTextObject(text=f) for f in fields]),
        ContextBlock(elements=[MarkdownTextObject(text=c) for c in _fit(context)]),
    ]
    controls = ticket_controls(ticket, config, language)
    if controls is not None:
        blocks.append(controls)
    if ticket.is_open and ticket.paging is not None and ticket.paging.active:
        blocks.append(_paging_actions(ticket, language))
    if suspected is not None and may_declare(ticket):
        blocks.append(declare_actions(ticket, language))
    return blocks


def _fit(lines: list[str]) -> list[str]:
    """At most ``CONTEXT_MAX`` elements (Slack's limit for a context block): the last holds
    the rest, one per line."""
    if len(lines) <= CONTEXT_MAX:
        return lines
    return [*lines[: CONTEXT_MAX - 1], "\n".join(lines[CONTEXT_MAX - 1 :])]


def _links_lines(ticket: Ticket, language: Language, storm: bool) -> list[str]:
    """What a ticket's message says of its links: the problem an incident is linked to; the
    incidents linked to a problem (or emergency), and that new ones join it while it is open."""
    if ticket.problem_id:  # what its resolution will do, while there is one to come
        key = "tickets.card.linked_to" if ticket.is_open else "tickets.card.linked_to_ended"
        return [t(language, key, parent_id=ticket.problem_id)]
    if ticket.type not in PARENT_TYPES:
        return []
    lines = []
    linked = ticket.linked_incidents
    if linked:
        shown = ", ".join(linked[:LINKED_SHOWN])
        if len(linked) > LINKED_SHOWN:
            more = t(language, "tickets.card.linked_more", count=len(linked) - LINKED_SHOWN)
            shown = f"{shown} {more}"
        lines.append(t(language, "tickets.card.linked_list", ids=shown))
    if ticket.is_open and storm:
        lines.append(t(language, "tickets.card.storm_mode"))
    return lines


def requester_text(key: str, ticket: Ticket, config: ServicesConfig, **params: str) -> str:
    """A DM to the requester, in their language. A private service's channel is named, not
    linked: the requester, not one of its people, could not open it."""
    language = ticket.language
    known = config.services.get(ticket.service)
    if known is not None and known.private:
        channel = t(language, "tickets.dm.private_channel")
    elif ticket.message:
        channel = md.channel(ticket.message.channel)
    elif ticket.service in config.services:
        channel = md.channel(config.service(ticket.service).channel)
    else:
        channel = ""
    return t(
        language,
        key,
        ticket_id=ticket.id,
        title=md.escape(ticket.title),
        priority=priority_name(language, ticket.priority),
        service=md.escape(service_name(config, ticket.service, language)),
        channel=channel,
        type=type_name(language, ticket.type),
        **params,
    )


def text_blocks(text: str) -> list[Block]:
    return [SectionBlock(text=MarkdownTextObject(text=md.truncate(text, SECTION_MAX)))]


def help_text(language: Language, admin: bool = False) -> str:
    """The /ticket help; the admin commands too for an admin (from the rosters: others are not
    shown commands they may not use)."""
    text = t(language, "filing.help.text")
    return f"{text}\n\n{t(language, 'filing.help.admin')}" if admin else text


def help_blocks(language: Language, problem: str | None = None, admin: bool = False) -> list[Block]:
    text = help_text(language, admin)
    return text_blocks(f"{problem}\n\n{text}" if problem else text)


def ticket_list_blocks(
    tickets: Sequence[Ticket],
    config: ServicesConfig,
    language: Language,
    assigned: Sequence[Ticket] = (),
) -> list[Block]:
    """``/ticket list``: every open ticket the person filed (the Home tab sends them here to see
    them all), then those they have (an agent's own work, what is due first); a line each, as
    many sections as the lines need, whole lines only; what one message cannot hold is counted
    on a last line."""
    if not tickets and not assigned:
        return text_blocks(t(language, "tickets.list.empty"))
    room = MESSAGE_BLOCKS_MAX // 2 if assigned else MESSAGE_BLOCKS_MAX
    title = t(language, "tickets.list.title")
    blocks = _list_section(title, tickets, config, language, room)
    if assigned:
        title = t(language, "tickets.list.assigned_title")
        blocks += _list_section(title, assigned, config, language, MESSAGE_BLOCKS_MAX - len(blocks))
    return blocks


def _list_section(
    title: str,
    tickets: Sequence[Ticket],
    config: ServicesConfig,
    language: Language,
    room: int,
) -> list[Block]:
    """``title``, then a line per ticket in sections of whole lines, ``room`` blocks at most."""
    lines = [
        t(
            language,
            "tickets.list.line",
            ticket_id=ticket.id,
            title=md.escape(md.truncate(title_in(ticket, config, language), 80)),
            status=status_name(language, ticket.status, ticket.awaiting_approval),
            priority=ticket.priority.value,
            service=md.escape(service_name(config, ticket.service, language)),
        )
        for ticket in tickets
    ] or [t(language, "tickets.list.none")]
    characters = SECTION_MAX - 200  # a section keeps room for the "and N more" line
    sections: list[list[str]] = [[]]
    for shown, line in enumerate(lines):
        if len("\n".join([*sections[-1], line])) > characters:
            if len(sections) == room - 1:  # the title is one block
                more = t(language, "tickets.list.more", count=len(lines) - shown)
                sections[-1].append(more)
                break
            sections.append([])
        sections[-1].append(line)
    heading = SectionBlock(text=MarkdownTextObject(text=title))
    return [heading, *(SectionBlock(text=MarkdownTextObject(text="\n".join(s))) for s in sections)]


def ticket_detail_blocks(
    ticket: Ticket,
    history: Sequence[HistoryEntry],
    config: ServicesConfig,
    language: Language,
    now: datetime | None = None,
) -> list[Block]:
    """``/ticket show``: the ticket, then its history (oldest first, the last entries)."""
    blocks = ticket_message(ticket, config, language, now=now, lasting=False)  # one look
    blocks = [block for block in blocks if not isinstance(block, ActionsBlock)]
    lines = [
        f"{md.date(entry.at)} · {describe_change(entry, language, config)}"
        for entry in list(history)[-HISTORY_MAX:]
    ]
    blocks += [
        DividerBlock(),
        SectionBlock(
            text=MarkdownTextObject(
                text=md.truncate(
                    t(language, "tickets.show.history") + "\n" + "\n".join(lines), SECTION_MAX
                )
            )
        ),
    ]
    return blocks
