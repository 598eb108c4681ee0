"""Answering the person who acted, only them: where they acted, or by DM as a last resort.

Why the ``response_url`` first: ``chat.postEphemeral`` reaches only members of the channel
(``user_not_in_channel`` otherwise), and a button can be pressed by someone who is not one (a
card shared elsewhere, a public channel seen without joining it). What is posted to the
interaction's ``response_url`` shows to that person where they pressed, whatever their
membership. Callers have acknowledged the request already: these calls come after the ack.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from handlers.kit.response_urls import webhook
from handlers.kit.slack_errors import SLACK_FAILURES

log = logging.getLogger(__name__)


async def tell(client: AsyncWebClient, body: dict, user: str, text: str) -> None:
    """An answer to ``user`` only, where they pressed: through the interaction's
    ``response_url`` (ephemeral, even in a channel they are not a member of), else
    ``chat.postEphemeral``, else a DM."""
    if await _respond(body.get("response_url"), text, client):
        return
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id"
    )
    await tell_in(client, str(channel or ""), user, text)


async def tell_in(client: AsyncWebClient, channel: str, user: str, text: str) -> None:
    """An ephemeral message to ``user`` in ``channel`` (when there is no interaction to answer,
    e.g. after a reaction), else a DM (they are not a member of it, or it failed)."""
    if channel:
        try:
            await client.chat_postEphemeral(channel=channel, user=user, text=text)
            return
        except SLACK_FAILURES as error:
            log.warning("postEphemeral failed in %s: %s", channel, error)
    await dm(client, user, text)


async def dm(
    client: AsyncWebClient, user: str, text: str, metadata: dict[str, Any] | None = None
) -> None:
    """A direct message to ``user`` (from the Home tab there is no channel to answer in); a
    failure is logged, the listener has already acknowledged. ``metadata`` names what the
    message is about (a ticket's DM carries it, so that retention finds it again)."""
    try:
        await client.chat_postMessage(channel=user, text=text, metadata=metadata)
    except SLACK_FAILURES as error:
        log.error("could not DM %s: %s", user, error)


async def _respond(url: object, text: str, client: AsyncWebClient) -> bool:
    """Post ``text`` ephemeral to the interaction's ``response_url``; False when there is none
    (a modal's, the Home tab's) or Slack did not take it (used 5 times, older than 30 min)."""
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        return False
    try:
        response = await webhook(url, client).send(
            text=text, response_type="ephemeral", replace_original=False
        )
    except SLACK_FAILURES as error:
        log.warning("response_url failed: %r", error)
        return False
    if response.status_code != 200:
        log.warning("response_url refused: %s %s", response.status_code, response.body)
        return False
    return True
