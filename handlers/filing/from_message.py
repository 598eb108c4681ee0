"""Filing from a Slack message: the message shortcut "Create a ticket" (opens
the filing form pre-filled) and the ticket reaction (files at once, once per message)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import StoreUnavailable
from bot.domain.models import Language, Ticket
from bot.filing.from_message import SourceMessage
from bot.knowledge.base import Suggestions
from bot.locales.i18n import status_name, t
from handlers.filing.card_shortcut import ticket_card_modal
from handlers.filing.form import FormContext, filing_modal, prefill_from_message
from handlers.filing.message_reader import fetch_message, readable_text
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.context import HandlerContext
from handlers.kit.deliveries import event_key
from handlers.kit.permalinks import permalink
from handlers.kit.replies import tell, tell_in
from handlers.kit.slack_errors import SLACK_FAILURES
from handlers.kit.store_answers import store_failed, store_failure
from handlers.knowledge.blocks import form_suggestion_blocks
from handlers.tickets.card import service_name

log = logging.getLogger(__name__)

SHORTCUT_SOURCE = "shortcut"


def retry_number(request: AsyncBoltRequest) -> int:
    """How many times Slack has delivered this event before (its X-Slack-Retry-Num header;
    Bolt keeps request headers lower-cased, as lists)."""
    values = request.headers.get("x-slack-retry-num") or []
    try:
        return int(values[0]) if values else 0
    except ValueError:
        return 0


def reaction_name(reaction: str) -> str:
    """``thumbsup::skin-tone-2`` -> ``thumbsup``."""
    return reaction.split("::", 1)[0]


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.shortcut(ids.MESSAGE_SHORTCUT_CALLBACK)
    async def ticket_from_message(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        """The form opens first, from what the payload holds (a trigger expires 3 s after the
        click, and each Slack call may take a second on a slow day); then it is completed
        with ``views.update``: the person's language, names for mentions, the message's link
        and a ticket already made from it."""
        await ack()
        user = body["user"]["id"]
        channel = str((body.get("channel") or {}).get("id") or "")
        message = body.get("message") or {}
        ts = str(message.get("ts") or body.get("message_ts") or "")
        first = ctx.locales.known(user) or ctx.config.language
        raw = str(message.get("text") or "")
        try:
            opened = await client.views_open(
                trigger_id=body["trigger_id"],
                view=_shortcut_form(ctx, first, raw, (channel, ts, None), None, None),
            )
        except SLACK_FAILURES as error:
            log.error("views.open failed for the message shortcut: %s", error)
            language = await ctx.locales.language_of(user)
            await tell(client, body, user, t(language, "filing.from_message.form_failed"))
            return
        language = await ctx.locales.language_of(user)
        text = await readable_text(client, raw)
        link = await permalink(client, channel, ts) if channel and ts else None
        try:
            card = await ctx.from_message.card_of(channel, ts) if channel and ts else None
            existing = await ctx.from_message.existing(channel, ts) if channel and ts else None
        except StoreUnavailable:
            log.exception("database unavailable: the shortcut form opens without the check")
            card = existing = None
        if card is not None:  # a ticket's own card: offer to open it rather than file it again
            await _complete(client, opened, ticket_card_modal(language, card, link))
            return
        shown = await _articles(ctx, user, text, language)
        if (language, text, link, existing, shown) == (first, raw, None, None, None):
            return  # nothing to add
        form = _shortcut_form(
            ctx, language, text, (channel, ts, link), existing.id if existing else None, shown
        )
        await _complete(client, opened, form)

    @app.event("reaction_added")
    async def reaction_added(
        event: dict,
        body: dict,
        request: AsyncBoltRequest,
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        item = event.get("item") or {}
        if reaction_name(str(event.get("reaction") or "")) != ctx.config.ticket_reaction:
            return
        channel, ts, user = item.get("channel"), item.get("ts"), event.get("user")
        if item.get("type") != "message" or not channel or not ts or not user:
            return
        if event.get("item_user") == context.bot_user_id:
            return  # a ticket from Guichet's own messages (a ticket post, a relay) makes no sense
        await ctx.after_ack.turn(f"reaction on {channel}/{ts}")  # Bolt acked events already
        retried = retry_number(request)
        if retried:
            log.info("reaction on %s/%s delivered again (retry %d)", channel, ts, retried)
        try:
            async with ctx.receipts.once(event_key(body)) as first:
                if first:
                    await _file_by_reaction(
                        ctx, client, body, str(channel), str(ts), str(user), retried > 0
                    )
        except StoreUnavailable:
            log.exception(
                "database unavailable: the reaction on %s/%s was not handled", channel, ts
            )


async def _complete(client: AsyncWebClient, opened: Any, completed: View) -> None:
    """Replace the form opened at once with its completed version (``views.update``)."""
    view = opened.get("view") or {}
    try:
        await client.views_update(view_id=view.get("id"), hash=view.get("hash"), view=completed)
    except SLACK_FAILURES as error:  # closed meanwhile, or already submitted: it stays
        log.info("the shortcut's form was not completed: %s", error)


def _shortcut_form(
    ctx: HandlerContext,
    language: Language,
    text: str,
    origin: tuple[str, str, str | None],
    existing: str | None,
    shown: Suggestions | None,
) -> View:
    """The form for the message ``origin`` (channel, ts, permalink), with the articles that may
    answer it."""
    channel, ts, link = origin
    suggestion = ctx.filing.suggest(text) if text else None
    prefill = prefill_from_message(text, suggestion, language, link, existing)
    form = FormContext(
        language=language,
        source=SHORTCUT_SOURCE,
        channel=channel or None,
        origin_ts=ts or None,
        permalink=link,
        deflection=shown.id if shown else None,
    )
    articles = form_suggestion_blocks(language, shown) if shown else []
    return filing_modal(language, ctx.config, form, prefill, articles)


async def _articles(
    ctx: HandlerContext, user: str, text: str, language: Language
) -> Suggestions | None:
    """Articles that may answer the message, shown in the form (none when the database fails:
    the form matters more)."""
    if not text:
        return None
    try:
        return await ctx.knowledge.suggest(user, text, language, "shortcut")
    except StoreUnavailable:
        log.exception("database unavailable: the shortcut form opens without articles")
        return None


async def _file_by_reaction(
    ctx: HandlerContext,
    client: AsyncWebClient,
    body: dict,
    channel: str,
    ts: str,
    user: str,
    retried: bool,
) -> None:
    language = await ctx.locales.language_of(user)
    try:
        existing = await ctx.from_message.existing(channel, ts)
        if existing is not None:
            if not retried:  # a retried delivery: the first one told them already
                await _tell_existing(ctx, client, channel, user, existing, language)
            return
        message = await fetch_message(client, channel, ts)
        if message is None:
            await tell_in(client, channel, user, t(language, "filing.from_message.unreadable"))
            return
        if message.get("bot_id") or message.get("subtype") == "bot_message":
            return
        source = SourceMessage(
            team=str(body.get("team_id") or ""),
            channel=channel,
            ts=ts,
            text=await readable_text(client, str(message.get("text") or "")),
            permalink=await permalink(client, channel, ts),
        )
        outcome = await ctx.from_message.file_once(source, user, language)
    except StoreUnavailable as store_error:
        log.exception(
            "database %s: no ticket from the reaction on %s/%s",
            store_failed(store_error),
            channel,
            ts,
        )
        await tell_in(client, channel, user, store_failure(language, store_error))
        return
    if outcome.created:
        thread = str(message.get("thread_ts") or ts)  # a reply's confirmation goes in its thread
        await _confirm_in_thread(ctx, client, channel, ts, thread, outcome.ticket)
    elif not retried:
        await _tell_existing(ctx, client, channel, user, outcome.ticket, language)


async def _confirm_in_thread(
    ctx: HandlerContext,
    client: AsyncWebClient,
    channel: str,
    ts: str,
    thread_ts: str,
    ticket: Ticket,
) -> None:
    """Show everyone in the channel that the message is now a ticket, in the language of the
    person who reacted: they made the gesture and wait for its answer, and the ticket is theirs
    (its requester, filed in their language); a line in both languages under every 🎫 would be
    noise for everyone else in the thread."""
    language = ticket.language
    text = t(
        language,
        "filing.from_message.filed",
        user=md.user(ticket.requester),
        ticket_id=ticket.id,
        service=md.escape(service_name(ctx.config, ticket.service, language)),
        priority=ticket.priority.value,
    )
    try:
        await client.reactions_add(channel=channel, timestamp=ts, name=ids.REACTION_FILED)
        await client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)
    except SLACK_FAILURES as error:
        log.warning("could not confirm %s under its message: %s", ticket.id, error)


async def _tell_existing(
    ctx: HandlerContext,
    client: AsyncWebClient,
    channel: str,
    user: str,
    ticket: Ticket,
    language: Language,
) -> None:
    """Whose ticket the message already is; ``/ticket show`` offered only to someone it shows
    the ticket to (its requester, its service's people, an admin)."""
    shown = await ctx.desk.may_see(ticket, user)
    text = t(
        language,
        "filing.from_message.exists" if shown else "filing.from_message.exists_elsewhere",
        ticket_id=ticket.id,
        user=md.user(ticket.requester),
        status=status_name(language, ticket.status, ticket.awaiting_approval),
        service=md.escape(service_name(ctx.config, ticket.service, language)),
    )
    await tell_in(client, channel, user, text)
