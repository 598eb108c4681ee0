"""A direct message to Guichet naming one of its writer's own tickets ("any news on INC-4?"):
answered with where the ticket stands and how to reach its team, not with articles or the offer
to file another ticket (which made people file the same problem twice).

Files sent with such a message ("screenshot for INC-4" + a file) are not relayed from here: the
answer says so and where to send them (the ticket's conversation thread, linked). Relaying them
would pass a private DM's content to a team on the strength of an id written in a sentence
("is this like INC-4?" is no request to send anything); a reply in the ticket's thread is the
one gesture that means "send this to the team", and it relays the files with the text."""

from __future__ import annotations

import logging
import re
from itertools import pairwise

from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import GuichetError
from bot.domain.models import TYPE_PREFIX, Language, Ticket
from bot.domain.text import words
from bot.locales.i18n import status_in_sentence, t
from handlers.kit import mrkdwn as md
from handlers.kit.context import HandlerContext
from handlers.kit.permalinks import permalink
from handlers.kit.slack_errors import SLACK_FAILURES, reason
from handlers.tickets.card import service_name

log = logging.getLogger(__name__)

# A ticket id written in a sentence: three letters, a hyphen, its number (INC-4, req-12); with
# one of Guichet's own prefixes, typed without its hyphen too (inc4, INC 4)
_NAMED = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{3})(-| ?)(\d{1,9})(?![0-9])")
_PREFIXES = frozenset(TYPE_PREFIX.values())
NAMED_MAX = 3  # ids looked up in one message at most
# « mon ticket ? », "my ticket?": a short message asking about one's ticket without its id
_ASKING = (("mon", "ticket"), ("my", "ticket"), ("ma", "demande"), ("my", "request"))
ASKING_MAX_WORDS = 6


def named_ids(text: str) -> list[str]:
    """The ticket ids ``text`` names, in order, once each (at most ``NAMED_MAX``)."""
    found: list[str] = []
    for letters, hyphen, number in _NAMED.findall(text):
        if hyphen != "-" and letters.upper() not in _PREFIXES:
            continue  # "win10", "top 3": no id of ours
        named = f"{letters.upper()}-{int(number)}"
        if named not in found:
            found.append(named)
    return found[:NAMED_MAX]


def asks_about_own(text: str) -> bool:
    """Whether ``text`` is a short question about one's ticket, naming none (« mon ticket ? »,
    « des nouvelles de ma demande »)."""
    said = words(text)
    pairs = set(pairwise(said))
    return len(said) <= ASKING_MAX_WORDS and any(pair in pairs for pair in _ASKING)


async def answer_about_own_ticket(
    ctx: HandlerContext, client: AsyncWebClient, event: dict, question: str
) -> bool:
    """Answer ``question`` when it names a ticket its writer filed; whether it did (the
    database failing, or no such ticket of theirs: not answered here)."""
    user, channel = str(event["user"]), str(event.get("channel") or "")
    named = named_ids(question)
    ticket = await _own_ticket(ctx, user, named)
    if ticket is None and not named and asks_about_own(question):
        return await _answer_which(ctx, client, event, user, channel)
    if ticket is None:
        return False
    language = await ctx.locales.language_of(user)
    where = await _where_to_write(client, ticket, language)
    text = _where_it_stands(ctx, ticket, language, where)
    files = len(event.get("files") or [])
    if files:  # nobody sees them from here: where they reach the team
        text += "\n" + t(language, "conversation.own_ticket.files", count=files, where=where)
    try:
        await client.chat_postMessage(channel=channel, text=text)
    except SLACK_FAILURES as error:
        log.warning("could not answer %s about %s: %s", user, ticket.id, reason(error))
    return True


async def _answer_which(
    ctx: HandlerContext, client: AsyncWebClient, event: dict, user: str, channel: str
) -> bool:
    """« mon ticket ? »: where their one open ticket stands, or which they have when several;
    not answered here (``False``) when they have none, or the database fails."""
    try:
        tickets = await ctx.desk.open_tickets_of(user)
    except GuichetError:
        return False
    if not tickets:
        return False
    if len(tickets) == 1:
        return await answer_about_own_ticket(ctx, client, event, tickets[0].id)
    language = await ctx.locales.language_of(user)
    shown = tickets[: NAMED_MAX * 2]
    listed = ", ".join(
        t(
            language,
            "conversation.own_ticket.which_item",
            ticket_id=ticket.id,
            title=md.escape(ticket.title),
        )
        for ticket in shown
    )
    text = t(
        language,
        "conversation.own_ticket.which",
        count=len(tickets),
        tickets=listed,
        example=tickets[0].id,
    )
    try:
        await client.chat_postMessage(channel=channel, text=text)
    except SLACK_FAILURES as error:
        log.warning("could not answer %s about their tickets: %s", user, reason(error))
    return True


async def _own_ticket(ctx: HandlerContext, user: str, named: list[str]) -> Ticket | None:
    for ticket_id in named:
        try:
            shown = await ctx.desk.show(ticket_id, user)
        except GuichetError:  # none such, not theirs to see, or the database failing
            continue
        if shown.ticket.requester == user:
            return shown.ticket
    return None


async def _where_to_write(client: AsyncWebClient, ticket: Ticket, language: Language) -> str:
    """Where to write to its team: the thread its team's answers arrive in (linked) when it
    has one, else under any of Guichet's messages about it."""
    thread = ticket.requester_thread
    link = await permalink(client, thread.channel, thread.ts) if thread else None
    if link:
        return t(language, "conversation.own_ticket.thread_link", link=link)
    return t(language, "conversation.own_ticket.any_message")


def _where_it_stands(ctx: HandlerContext, ticket: Ticket, language: Language, where: str) -> str:
    """Its status, who has it, and ``where`` to write to its team."""
    who = (
        t(language, "conversation.own_ticket.assignee", assignee=md.user(ticket.assignee))
        if ticket.assignee
        else ""
    )
    return t(
        language,
        "conversation.own_ticket.text" if ticket.is_open else "conversation.own_ticket.ended",
        ticket_id=ticket.id,
        title=md.escape(ticket.title),
        status=status_in_sentence(language, ticket.status, ticket.awaiting_approval),
        service=md.escape(service_name(ctx.config, ticket.service, language)),
        assignee=who,
        where=where,
    )
