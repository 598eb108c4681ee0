"""Answering the person who pressed a button, only them (where they pressed it, or by DM)."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from handlers.kit.slack_errors import SLACK_FAILURES

log = logging.getLogger(__name__)


async def tell(client: AsyncWebClient, body: dict, user: str, text: str) -> None:
    """An ephemeral answer where the button was pressed (or a DM when that fails, e.g. the
    person is not a member of that channel)."""
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id"
    )
    try:
        if channel:
            await client.chat_postEphemeral(channel=channel, user=user, text=text)
            return
    except SlackApiError as error:
        log.warning("postEphemeral failed: %s", error.response.get("error"))
    try:
        await client.chat_postMessage(channel=user, text=text)
    except SlackApiError as error:
        log.error("could not answer %s: %s", user, error.response.get("error"))


async def dm(client: AsyncWebClient, user: str, text: str) -> None:
    """A direct message to ``user`` (from the Home tab there is no channel to answer in); a
    failure is logged, the listener has already acknowledged."""
    try:
        await client.chat_postMessage(channel=user, text=text)
    except SLACK_FAILURES as error:
        log.error("could not DM %s: %s", user, error)
