"""The bot's own messages in its DMs with an erased person, deleted from Slack
(``bot/governance/dm_erasure.py``): the DM ``conversations.open`` gives (a person whose account
is deactivated may have none any more: the channels the store knew stand in), read with
``conversations.history`` and each thread's ``conversations.replies``; every message the bot
posted goes with ``chat.delete``, a thread's replies before its parent."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from slack_bolt.authorization import AuthorizeResult
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import DeliveryFailed
from bot.governance.ports import DmSweep
from handlers.kit.slack_errors import SLACK_FAILURES, reason

log = logging.getLogger(__name__)

PAGE = 200
GONE = frozenset({"message_not_found"})  # deleted already (an earlier attempt, the person)
NO_DM = frozenset(
    {"user_not_found", "user_disabled", "user_not_visible", "cannot_dm_bot", "not_authorized"}
)
"""``conversations.open`` answers for a person the bot can no longer open a DM with."""
UNREADABLE = frozenset({"channel_not_found", "not_in_channel"})  # a DM gone, or not the bot's


class Identity(Protocol):  # handlers/transport/identity.py: the bot's ``auth.test`` answer
    async def answer(self) -> AuthorizeResult: ...


class SlackBotDirectMessages:
    def __init__(self, client: AsyncWebClient, identity: Identity) -> None:
        """``identity`` tells the bot's own user id (``auth.test``): whose messages it deletes."""
        self._client = client
        self._identity = identity

    async def _bot_user(self) -> str:
        user = (await self._identity.answer()).bot_user_id
        if not user:
            raise ConnectionError("auth.test did not say who the bot is")
        return str(user)

    async def delete_ours(self, person: str, channels: tuple[str, ...], budget: int) -> DmSweep:
        try:
            me = await self._bot_user()
            found = dict.fromkeys(channels)
            opened = await self._open(person)
            if opened is not None:
                found = {opened: None, **found}
            deleted = 0
            for channel in found:
                deleted += await self._clean(channel, me, budget - deleted)
                if deleted >= budget:
                    return DmSweep(deleted, finished=False)
            return DmSweep(deleted, finished=True)
        except SLACK_FAILURES as error:
            raise DeliveryFailed(reason(error)) from error
        except ConnectionError as error:  # auth.test could not be asked
            raise DeliveryFailed(str(error)) from error

    async def _open(self, person: str) -> str | None:
        try:
            response = await self._client.conversations_open(users=person)
        except SlackApiError as error:
            if reason(error) in NO_DM:
                log.warning("privacy erase: no DM with the person (%s)", reason(error))
                return None
            raise
        return str((response.get("channel") or {}).get("id") or "") or None

    async def _clean(self, channel: str, me: str, budget: int) -> int:
        """Delete up to ``budget`` of the bot's messages in ``channel`` (all read first: a
        page's cursor is not moved by what is deleted after it was read)."""
        try:
            top = await every_page(self._client.conversations_history, channel=channel)
        except SlackApiError as error:
            if reason(error) not in UNREADABLE:
                raise
            log.warning("privacy erase: DM %s cannot be read (%s): skipped", channel, reason(error))
            return 0
        ours: list[str] = []
        for message in top:
            if message.get("reply_count") or message.get("thread_ts") == message.get("ts"):
                thread = await every_page(
                    self._client.conversations_replies, channel=channel, ts=message["ts"]
                )
                ours.extend(
                    str(reply["ts"])
                    for reply in thread
                    if reply.get("ts") != message["ts"] and reply.get("user") == me
                )
            if message.get("user") == me:
                ours.append(str(message["ts"]))
        deleted = 0
        for ts in ours[:budget]:
            try:
                await self._client.chat_delete(channel=channel, ts=ts)
            except SlackApiError as error:
                if reason(error) not in GONE:
                    raise
            deleted += 1
        return deleted


async def every_page(method: Callable[..., Awaitable[Any]], **args: Any) -> list[dict]:
    """Every message a paged read (``conversations.history``, ``conversations.replies``) of
    ``args`` returns, page after page."""
    messages: list[dict] = []
    cursor: str | None = None
    while True:
        response = await method(**args, limit=PAGE, cursor=cursor)
        messages.extend(response.get("messages") or [])
        cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
        if cursor is None:
            return messages
