"""``message`` events: replies in a ticket's channel thread and in a requester's DM threads.

Every message event the bot receives comes here (Bolt runs one listener per event and answers
404 to an event nobody listens to, which Slack would retry), so the listener returns at once
for what is not a person's reply in a thread.
"""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.ports import ThreadReply
from bot.conversation.relay import RelayOutcome
from bot.domain.catalogue_request import FileRef
from bot.domain.errors import StoreUnavailable
from handlers.conversation.own_ticket import answer_about_own_ticket
from handlers.conversation.under_dm import reply_under_dm
from handlers.kit.context import HandlerContext
from handlers.kit.deliveries import event_key
from handlers.knowledge.direct import answer_direct_message, direct_question

log = logging.getLogger(__name__)

# Subtypes that are still a person writing: a reply also sent to the channel, one with files.
RELAYED_SUBTYPES = {None, "thread_broadcast", "file_share"}


def thread_reply(event: dict) -> ThreadReply | None:
    """The reply a ``message`` event carries, or ``None`` when it is none of ours to relay:
    not in a thread, written by a bot, or an edit, a deletion or another subtype."""
    if event.get("subtype") not in RELAYED_SUBTYPES or event.get("bot_id"):
        return None
    user, ts, thread_ts = event.get("user"), event.get("ts"), event.get("thread_ts")
    if not user or not ts or not thread_ts or thread_ts == ts:
        return None
    return ThreadReply(
        channel=str(event.get("channel") or ""),
        ts=str(ts),
        thread_ts=str(thread_ts),
        author=str(user),
        text=str(event.get("text") or ""),
        files=len(event.get("files") or []),
        attachments=tuple(
            FileRef(
                id=str(f["id"]),
                name=str(f.get("name") or f.get("title") or f["id"]),
                permalink=str(f.get("permalink") or ""),
            )
            for f in event.get("files") or []
            if isinstance(f, dict) and f.get("id")
        ),
    )


def corrected_reply(event: dict) -> tuple[ThreadReply, bool] | None:
    """A person's thread reply edited (``message_changed``: the reply as it reads now) or
    deleted (``message_deleted``: as it read; ``True``), or ``None``: another subtype, a bot's
    message, a thread's root, an edit that changed neither its text nor its files (Slack
    sends one when a link unfurls)."""
    subtype = event.get("subtype")
    if subtype == "message_changed":
        shown = event.get("message") or {}
        before = event.get("previous_message") or {}
        unchanged = shown.get("text") == before.get("text") and _file_ids(shown) == _file_ids(
            before
        )
        if unchanged or shown.get("subtype") == "tombstone":
            return None
    elif subtype == "message_deleted":
        shown = event.get("previous_message") or {}
    else:
        return None
    if not isinstance(shown, dict) or shown.get("bot_id"):
        return None
    reply = thread_reply({**shown, "subtype": None, "channel": event.get("channel")})
    return (reply, subtype == "message_deleted") if reply is not None else None


def _file_ids(message: dict) -> list[str]:
    return [str(f.get("id")) for f in message.get("files") or [] if isinstance(f, dict)]


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.event("message")
    async def message_posted(event: dict, body: dict, client: AsyncWebClient) -> None:
        question = direct_question(event)
        if question is not None:  # a DM to Guichet outside a thread: the knowledge base answers
            # work after the ack like any other: its turn in the bounded queue (a burst waits)
            await ctx.after_ack.turn(f"question from {event.get('user')}")
            await _answer_once(ctx, client, event, body, question)
            return
        corrected = corrected_reply(event)
        if corrected is not None:
            await _correct_once(ctx, event, body, *corrected)
            return
        reply = thread_reply(event)
        if reply is None or not reply.channel:
            return
        # in line for its thread as it arrives, then its turn (``bot/runtime/in_order.py``)
        async with ctx.in_order.one_at_a_time((reply.channel, reply.thread_ts)):
            await ctx.after_ack.turn(f"relay from {reply.channel}")  # Bolt acked events already
            try:
                async with ctx.receipts.once(event_key(body)) as first:
                    if not first:  # Slack delivered it again: relayed (or being relayed) already
                        return
                    if event.get("channel_type") == "im":
                        outcome = await ctx.conversation.from_requester(reply)
                        if outcome is RelayOutcome.IGNORED:  # not a ticket's conversation thread
                            await reply_under_dm(ctx, client, reply)
                    else:
                        await ctx.conversation.from_team(reply)
            except StoreUnavailable:
                log.exception("database unavailable: a reply in %s was not relayed", reply.channel)


async def _correct_once(
    ctx: HandlerContext, event: dict, body: dict, reply: ThreadReply, deleted: bool
) -> None:
    """The copy of a relayed reply follows its edit or deletion (once, though Slack may
    deliver the event again)."""
    if not reply.channel:
        return
    in_dm = event.get("channel_type") == "im"
    # after the relay of the reply it corrects, if that is still going on (in line first)
    async with ctx.in_order.one_at_a_time((reply.channel, reply.thread_ts)):
        await ctx.after_ack.turn(f"correction in {reply.channel}")
        try:
            async with ctx.receipts.once(event_key(body)) as first:
                if first:
                    edit_ts = str(event.get("ts") or reply.ts)
                    await ctx.conversation.corrected(reply, deleted, in_dm, edit_ts)
        except StoreUnavailable:
            log.exception(
                "database unavailable: an edited reply in %s was not followed", reply.channel
            )


async def _answer_once(
    ctx: HandlerContext, client: AsyncWebClient, event: dict, body: dict, question: str
) -> None:
    """Answer a direct message once, though Slack may deliver it again. Without the database
    the receipt cannot be taken: the person is answered anyway (a doubled suggestion costs less
    than a question left without an answer)."""
    taken = False
    try:
        async with ctx.receipts.once(event_key(body)) as first:
            taken = True
            if first and not await answer_about_own_ticket(ctx, client, event, question):
                await answer_direct_message(ctx, client, event, question)
    except StoreUnavailable:
        if taken:  # answered (or past answering): only the receipt's "done" was lost
            log.exception("database unavailable: a direct message's receipt stays in progress")
            return
        log.warning("database unavailable: a direct message is answered without its receipt")
        await answer_direct_message(ctx, client, event, question)
