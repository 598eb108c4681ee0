"""A requester writing in the thread of a DM about their catalogue request awaiting approval
(the one naming who must approve). No team sees a request before it is approved, so nothing is
relayed; rather than silence, they are told so in that thread, with who must decide. The DM is
known by its metadata (its ticket); the authority is the stored ticket and its approval."""

from __future__ import annotations

import logging

from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.ports import ThreadReply
from bot.locales.i18n import t
from handlers.kit import mrkdwn as md
from handlers.kit.context import HandlerContext
from handlers.kit.slack_errors import SLACK_FAILURES, reason
from handlers.tickets.card_posting import EVENT_TYPE

log = logging.getLogger(__name__)


async def answer_while_waiting(
    ctx: HandlerContext, client: AsyncWebClient, reply: ThreadReply
) -> None:
    """Answer ``reply`` if it was written under a DM about the author's own request awaiting
    approval. Posted once, never retried (a lost answer cannot double it)."""
    ticket_id = await _ticket_of_thread(client, reply)
    if ticket_id is None:
        return
    approvers = await ctx.catalogue.approvals.waiting_for(ticket_id, reply.author)
    if approvers is None:
        return
    language = await ctx.locales.language_of(reply.author)
    text = t(
        language,
        "catalogue.requester.reply_while_waiting",
        ticket_id=ticket_id,
        approvers=", ".join(md.user(user) for user in approvers),
    )
    try:
        await client.chat_postMessage(channel=reply.channel, thread_ts=reply.thread_ts, text=text)
    except SLACK_FAILURES as error:
        log.warning("could not answer %s under %s: %s", reply.author, ticket_id, reason(error))


async def _ticket_of_thread(client: AsyncWebClient, reply: ThreadReply) -> str | None:
    """The ticket the thread's first message is about, by its metadata (Guichet's own)."""
    try:
        found = await client.conversations_replies(
            channel=reply.channel, ts=reply.thread_ts, limit=1, include_all_metadata=True
        )
    except SLACK_FAILURES as error:
        log.warning(
            "could not read the thread %s/%s: %s", reply.channel, reply.thread_ts, reason(error)
        )
        return None
    messages = found.get("messages") or []
    metadata = (messages[0].get("metadata") or {}) if messages else {}
    payload = metadata.get("event_payload") or {}
    ticket_id = payload.get("ticket_id")
    if metadata.get("event_type") != EVENT_TYPE or not isinstance(ticket_id, str):
        return None
    return ticket_id
