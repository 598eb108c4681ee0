"""A Slack message's permalink, for a text that points to it."""

from __future__ import annotations

import logging

from slack_sdk.web.async_client import AsyncWebClient

from handlers.kit.slack_errors import SLACK_FAILURES, reason

log = logging.getLogger(__name__)


async def permalink(client: AsyncWebClient, channel: str, ts: str) -> str | None:
    """The link to the message ``ts`` of ``channel``; ``None`` when Slack gives none (logged)."""
    try:
        response = await client.chat_getPermalink(channel=channel, message_ts=ts)
    except SLACK_FAILURES as error:
        log.warning("no permalink for %s in %s: %s", ts, channel, reason(error))
        return None
    link = response.get("permalink")
    return str(link) if isinstance(link, str) and link.startswith("https://") else None
