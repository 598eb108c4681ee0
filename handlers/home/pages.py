"""The App Home's first section for someone being paged: each emergency paging them now, not yet
acknowledged, with its essentials and the page's own Acknowledge (same action, same checks) and
Open ticket buttons. Empty for everyone else; gone once the page is acknowledged."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.blocks.blocks import Block

from bot.domain.config import ServicesConfig
from bot.domain.models import Language, Ticket
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.tickets.card import SECTION_MAX, acknowledge_button, service_name
from handlers.tickets.catalogue_answers import title_in

TITLE_MAX = 150


def page_blocks(
    pages: Sequence[Ticket], user: str, config: ServicesConfig, language: Language
) -> list[Block]:
    """The live pages of ``user``, first on their Home (nothing when there are none)."""
    if not pages:
        return []
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=t(language, "paging.home.title")))
    ]
    for ticket in pages:
        blocks += _page(ticket, user, config, language)
    blocks.append(DividerBlock())
    return blocks


def _page(ticket: Ticket, user: str, config: ServicesConfig, language: Language) -> list[Block]:
    assert ticket.paging is not None  # a live page: its paging runs
    title = md.escape(md.truncate(title_in(ticket, config, language), TITLE_MAX))
    facts = t(
        language,
        "paging.home.row",
        service=md.escape(service_name(config, ticket.service, language)),
        level=_level_of(ticket, user, config) + 1,
        since=md.date(ticket.paging.started_at),
        count=ticket.paging.paged.get(user, 1),
    )
    text = f"🚨 *{ticket.id}* · *{title}*\n{facts}"
    buttons = [
        acknowledge_button(ticket, language),
        ButtonElement(
            action_id=ids.ACTION_OPEN_TICKET,
            text=t(language, "paging.button.open"),
            value=ticket.id,
        ),
    ]
    return [
        SectionBlock(text=MarkdownTextObject(text=md.truncate(text, SECTION_MAX))),
        ActionsBlock(elements=buttons),
    ]


def _level_of(ticket: Ticket, user: str, config: ServicesConfig) -> int:
    """The first on-call level of the ticket's service that names ``user`` (the level reached,
    when the rosters changed since they were paged)."""
    service = config.services.get(ticket.service)
    for index, level in enumerate(service.oncall if service else []):
        if user in level.users:
            return index
    return ticket.paging.level if ticket.paging else 0
