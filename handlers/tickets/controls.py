"""Block Kit for working a ticket in its channel: the buttons and menus under its message, and
what its message becomes once the ticket went to another service. Part of the ticket's card (the
card and the notifier build them); the presses are served by ``handlers/working/``."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.blocks.basic_components import PlainTextObject
from slack_sdk.models.blocks.blocks import Block

from bot.domain.config import ServicesConfig
from bot.domain.merging import merged_into
from bot.domain.models import HistoryEntry, Language, Priority, Status, Ticket, TicketType
from bot.domain.reclassification import may_declare, may_dismiss, type_choices
from bot.domain.workflow import next_statuses
from bot.locales.i18n import priority_name, status_name, t, type_name
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.values import pack
from handlers.tickets.emergency_controls import (
    declare_button,
    not_emergency_menu,
    suspected_evidence,
)

OPTION_TEXT_MAX = 75
OPTIONS_MAX = 100  # Slack's limit for a static select
HEADER_MAX = 150
TITLE_MAX = 200


def _option(value: str, text: str) -> Option:
    return Option(value=value, text=md.truncate(text, OPTION_TEXT_MAX))


def _change_menu(
    action_id: str, placeholder: str, choices: list[tuple[str, str]]
) -> StaticSelectElement:
    """A menu changing one of the ticket's fields: each choice's (value, what it reads)."""
    return StaticSelectElement(
        action_id=action_id,
        placeholder=placeholder,
        options=[_option(value, text) for value, text in choices],
    )


def ticket_controls(
    ticket: Ticket, config: ServicesConfig, language: Language
) -> ActionsBlock | None:
    """What the people of the service may do now: claim and assign while it is open, move it
    to the statuses the state machine allows, change its priority or its type, send it to another
    service.
    Once it is closed, only "Save as an article" (its answer may still help the next person who
    asks: the requester confirming it solved must not take that away); nothing once it is
    cancelled or closed as a duplicate. Every value starts with the ticket id, then what the
    menu was showing (so a stale choice is recognised), then the choice."""
    statuses = next_statuses(ticket.status)
    if ticket.status is Status.CLOSED and merged_into(ticket.extra) is None:
        return ActionsBlock(block_id=ids.BLOCK_TICKET_ACTIONS, elements=[_save(ticket, language)])
    if not statuses:
        return None
    elements: list[ButtonElement | StaticSelectElement] = []
    if ticket.is_open and not ticket.assignee:
        elements.append(
            ButtonElement(
                action_id=ids.ACTION_CLAIM,
                text=t(language, "working.button.claim"),
                value=ticket.id,
                style="primary",
            )
        )
    if ticket.is_open:
        elements.append(
            ButtonElement(
                action_id=ids.ACTION_ASSIGN,
                text=t(language, "working.button.assign"),
                value=pack(ticket.id, ticket.assignee),
            )
        )
    if ticket.is_open and ticket.assignee:
        elements.append(
            ButtonElement(
                action_id=ids.ACTION_UNASSIGN,
                text=t(language, "governance.button.unassign"),
                value=pack(ticket.id, ticket.assignee),
            )
        )
    if ticket.is_open:
        elements.append(
            ButtonElement(
                action_id=ids.ACTION_EDIT,
                text=t(language, "governance.button.edit"),
                value=ticket.id,
            )
        )
    if ticket.status is Status.RESOLVED:  # its answer may help the next person who asks
        elements.append(_save(ticket, language))
    elements.append(
        _change_menu(
            ids.ACTION_STATUS,
            t(language, "working.select.status"),
            [(pack(ticket.id, ticket.status, s), status_name(language, s)) for s in statuses],
        )
    )
    if ticket.is_open:
        priorities = [p for p in Priority if p is not ticket.priority]
        if ticket.type is TicketType.EMERGENCY:  # P1: "Not an emergency" chooses another
            priorities = [p for p in priorities if p is Priority.P1]
        if priorities:
            elements.append(
                _change_menu(
                    ids.ACTION_PRIORITY,
                    t(language, "working.select.priority"),
                    [
                        (pack(ticket.id, ticket.priority, p), priority_name(language, p))
                        for p in priorities
                    ],
                )
            )
        kinds = type_choices(ticket)  # correct its type (not into or out of an emergency)
        if kinds:
            elements.append(
                _change_menu(
                    ids.ACTION_TYPE,
                    t(language, "working.select.type"),
                    [(pack(ticket.id, ticket.type, k), type_name(language, k)) for k in kinds],
                )
            )
        elements += _emergency_controls(ticket, language)
        others = [service for service in config.services if service != ticket.service]
        others = others[:OPTIONS_MAX]
        if others:
            elements.append(
                StaticSelectElement(
                    action_id=ids.ACTION_REASSIGN,
                    placeholder=t(language, "working.select.reassign"),
                    options=[
                        _option(
                            pack(ticket.id, ticket.service, service),
                            config.service_name(service, language),
                        )
                        for service in others
                    ],
                )
            )
    if ticket.is_open:  # answer with a knowledge base article (handlers/conversation/)
        elements.append(
            ButtonElement(
                action_id=ids.ACTION_KB_REPLY,
                text=t(language, "knowledge.reply.button"),
                value=ticket.id,
            )
        )
    if ticket.is_open:  # close it as a duplicate of another (handlers/working/merge_actions.py)
        elements.append(
            ButtonElement(
                action_id=ids.ACTION_MERGE,
                text=t(language, "working.merge.button"),
                value=ticket.id,
            )
        )
    known = config.services.get(ticket.service)
    if ticket.is_open and known is not None and known.saved_replies:  # handlers/conversation/
        elements.append(
            ButtonElement(
                action_id=ids.ACTION_SAVED_REPLY,
                text=t(language, "conversation.saved_reply.button"),
                value=ticket.id,
            )
        )
    return ActionsBlock(block_id=ids.BLOCK_TICKET_ACTIONS, elements=elements)


def _save(ticket: Ticket, language: Language) -> ButtonElement:
    """ "Save as an article" (handlers/knowledge/save_article.py): resolved or closed tickets."""
    return ButtonElement(
        action_id=ids.ACTION_KB_SAVE, text=t(language, "knowledge.save.button"), value=ticket.id
    )


def _emergency_controls(
    ticket: Ticket, language: Language
) -> list[ButtonElement | StaticSelectElement]:
    """Into or out of an emergency, beside the type menu: "This is an emergency" (a suspected
    one has it in red on its own row instead), or "Not an emergency: incident…" (while it
    pages, beside Acknowledge instead)."""
    if may_declare(ticket) and suspected_evidence(ticket) is None:
        return [declare_button(ticket, language)]
    if may_dismiss(ticket) and not (ticket.paging is not None and ticket.paging.active):
        return [not_emergency_menu(ticket, language)]
    return []


def moved_message(
    ticket: Ticket, change: HistoryEntry, config: ServicesConfig, language: Language
) -> list[Block]:
    """The ticket's former channel message, once it went to another service: where, and who
    sent it there; no buttons any more. A private service's channel is named, not linked: the
    former channel's people, not its own, could not open it; and its title goes (a case sent
    to a private team is that team's: the former channel keeps its id only)."""
    header = t(
        language, "tickets.card.header", ticket_id=ticket.id, type=type_name(language, ticket.type)
    )
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=md.truncate(header, HEADER_MAX))),
        SectionBlock(text=MarkdownTextObject(text=moved_text(ticket, change, config, language))),
    ]
    if not moved_to_private(ticket, config):
        title = md.escape(md.truncate(ticket.title, TITLE_MAX))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=title)]))
    return blocks


def moved_to_private(ticket: Ticket, config: ServicesConfig) -> bool:
    """Whether the ticket's service now (where it was sent) is a private one."""
    known = config.services.get(ticket.service)
    return known is not None and known.private


def moved_text(
    ticket: Ticket, change: HistoryEntry, config: ServicesConfig, language: Language
) -> str:
    """« ➡️ INC-3 was sent to IT security (its private channel) by @léa »."""
    if moved_to_private(ticket, config):
        channel = t(language, "tickets.dm.private_channel")
    elif ticket.message is not None:
        channel = md.channel(ticket.message.channel)
    else:
        channel = md.channel(config.service(ticket.service).channel)
    return t(
        language,
        "working.moved",
        ticket_id=ticket.id,
        service=md.escape(config.service_name(ticket.service, language)),
        channel=channel,
        actor=md.user(change.actor),
    )
