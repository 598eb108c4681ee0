"""Which ticket a DM thread is about: its first message's metadata, which Guichet puts on every
message it posts through the outbox (``handlers/tickets/card_posting.py``). Read once per reply
written under one of Guichet's DMs that is not a ticket's conversation thread; the stored ticket
then decides what the reply may do (the metadata only names it)."""

from __future__ import annotations

import logging

from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.ports import ThreadReply
from handlers.kit.slack_errors import SLACK_FAILURES, reason
from handlers.tickets.card_posting import EVENT_TYPE

log = logging.getLogger(__name__)


async def thread_root(client: AsyncWebClient, reply: ThreadReply) -> dict | None:
    """The first message of the thread of ``reply`` (with its metadata); ``None`` when Slack
    could not say (logged)."""
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
    return messages[0] if messages and isinstance(messages[0], dict) else {}


async def ticket_of_thread(client: AsyncWebClient, reply: ThreadReply) -> str | None:
    """The ticket the thread of ``reply`` is about, by its first message's metadata when
    Guichet posted it; ``None`` when it is about none, or Slack could not say (logged)."""
    first = await thread_root(client, reply)
    return ticket_named(first, reply) if first is not None else None


def ticket_named(first: dict, reply: ThreadReply) -> str | None:
    """The ticket the thread's first message ``first`` names in its metadata when Guichet
    posted it; ``None`` otherwise."""
    metadata = first.get("metadata") or {}
    payload = metadata.get("event_payload") or {}
    ticket_id = payload.get("ticket_id") if isinstance(payload, dict) else None
    if (
        first.get("ts") != reply.thread_ts
        or not first.get("bot_id")  # a message of a person's, whatever its metadata says
        or metadata.get("event_type") != EVENT_TYPE
        or not isinstance(ticket_id, str)
    ):
        return None
    return ticket_id
