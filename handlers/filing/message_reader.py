"""Reading a Slack message for a ticket: the message itself, its plain text."""

from __future__ import annotations

import asyncio
import logging

from slack_sdk.web.async_client import AsyncWebClient

from handlers.kit import mrkdwn as md
from handlers.kit.slack_errors import SLACK_FAILURES, reason

log = logging.getLogger(__name__)

NAMES_MAX = 10


async def fetch_message(client: AsyncWebClient, channel: str, ts: str) -> dict | None:
    """The message ``ts`` of ``channel``: a channel message (conversations.history), else a
    thread reply (conversations.replies). ``None`` when the bot cannot read it."""
    try:
        history = await client.conversations_history(
            channel=channel, latest=ts, oldest=ts, inclusive=True, limit=1
        )
        found = _with_ts(history.get("messages"), ts)
        if found is None:
            replies = await client.conversations_replies(channel=channel, ts=ts, limit=1000)
            found = _with_ts(replies.get("messages"), ts)
    except SLACK_FAILURES as error:
        log.warning("could not read message %s in %s: %s", ts, channel, reason(error))
        return None
    return found


async def readable_text(client: AsyncWebClient, text: str) -> str:
    """A message's text with its mentions turned into people's names (users.info, a few)."""
    users = md.mentioned_users(text)[:NAMES_MAX]
    names = await asyncio.gather(*(_name(client, user) for user in users))
    return md.plain_text(text, {u: n for u, n in zip(users, names, strict=True) if n}).strip()


async def _name(client: AsyncWebClient, user: str) -> str | None:
    try:
        response = await client.users_info(user=user)
    except SLACK_FAILURES:
        return None
    profile = (response.get("user") or {}).get("profile") or {}
    name = profile.get("display_name") or profile.get("real_name")
    return str(name) if name else None


def _with_ts(messages: object, ts: str) -> dict | None:
    if not isinstance(messages, list):
        return None
    return next((m for m in messages if isinstance(m, dict) and m.get("ts") == ts), None)
