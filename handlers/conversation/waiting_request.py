"""A requester writing in the thread of a DM about their catalogue request awaiting approval
(the one naming who must approve). No team sees a request before it is approved, so nothing is
relayed; rather than silence, they are told so in that thread, with who must decide. The DM is
known by its metadata (its ticket: ``handlers/conversation/thread_ticket.py``); the authority is
the stored ticket and its approval."""

from __future__ import annotations

import logging

from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.ports import ThreadReply
from bot.locales.i18n import t
from handlers.kit import mrkdwn as md
from handlers.kit.context import HandlerContext
from handlers.kit.slack_errors import SLACK_FAILURES, reason

log = logging.getLogger(__name__)


async def answer_while_waiting(
    ctx: HandlerContext, client: AsyncWebClient, reply: ThreadReply, ticket_id: str
) -> bool:
    """Answer ``reply``, written under a DM about ``ticket_id``, if that is the author's own
    request awaiting approval (True, even if Slack lost the answer: posted once, never retried,
    so a lost answer cannot double it); False when it is not."""
    approvers = await ctx.catalogue.approvals.waiting_for(ticket_id, reply.author)
    if approvers is None:
        return False
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
    return True
