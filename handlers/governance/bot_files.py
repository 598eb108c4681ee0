"""The bot's copies of an erased person's files in a ticket's channel thread, deleted from Slack
(``bot/governance/dm_erasure.py``): the thread read with ``conversations.replies``; each message
of the bot's sharing files (``file_share``) whose line mentions the person
(``handlers/working/requester_files.py``: "📎 The file <@U…> attached to *INC-1* …", in
whichever language) loses its files (``files.delete``: deleting the message would leave them)
and then goes (``chat.delete``). Another person's copies, and what people posted, stay."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import DeliveryFailed
from bot.domain.models import MessageRef
from bot.governance.ports import CopySweep
from handlers.governance.bot_dms import GONE, UNREADABLE, Identity, every_page
from handlers.kit import mrkdwn as md
from handlers.kit.slack_errors import SLACK_FAILURES, reason

log = logging.getLogger(__name__)

FILE_GONE = frozenset({"file_not_found", "file_deleted"})  # deleted already
THREAD_GONE = UNREADABLE | GONE | {"thread_not_found"}  # the card or its channel is no more


class SlackBotFileCopies:
    def __init__(self, client: AsyncWebClient, identity: Identity) -> None:
        """``identity`` tells the bot's own user id (``auth.test``): whose messages go."""
        self._client = client
        self._identity = identity

    async def delete_copies(self, person: str, thread: MessageRef, budget: int) -> CopySweep:
        try:
            me = (await self._identity.answer()).bot_user_id
            if not me:
                raise DeliveryFailed("auth.test did not say who the bot is")
            try:
                replies = await every_page(
                    self._client.conversations_replies, channel=thread.channel, ts=thread.ts
                )
            except SlackApiError as error:
                if reason(error) not in THREAD_GONE:
                    raise
                log.warning(
                    "privacy erase: thread %s/%s cannot be read (%s): skipped",
                    thread.channel,
                    thread.ts,
                    reason(error),
                )
                return CopySweep(0, 1, finished=True)
            spent, files = 1, 0
            for message in replies:
                if message.get("ts") == thread.ts or not _copy_of(message, str(me), person):
                    continue
                ids = [str(f["id"]) for f in message.get("files") or [] if _has_id(f)]
                if spent + len(ids) + 1 > budget and spent > 1:  # the rest next time
                    return CopySweep(files, spent, finished=False)
                for file_id in ids:
                    await self._delete_file(file_id)
                    files, spent = files + 1, spent + 1
                await self._delete_message(thread.channel, str(message["ts"]))
                spent += 1
            return CopySweep(files, spent, finished=True)
        except SLACK_FAILURES as error:
            raise DeliveryFailed(reason(error)) from error
        except ConnectionError as error:  # auth.test could not be asked
            raise DeliveryFailed(str(error)) from error

    async def _delete_file(self, file_id: str) -> None:
        try:
            await self._client.files_delete(file=file_id)
        except SlackApiError as error:
            if reason(error) not in FILE_GONE:
                raise

    async def _delete_message(self, channel: str, ts: str) -> None:
        try:
            await self._client.chat_delete(channel=channel, ts=ts)
        except SlackApiError as error:
            if reason(error) not in GONE:
                raise


def _copy_of(message: dict[str, Any], me: str, person: str) -> bool:
    """A copy the bot made of ``person``'s files: its ``file_share`` line mentions them."""
    return (
        message.get("user") == me
        and message.get("subtype") == "file_share"
        and md.user(person) in str(message.get("text") or "")
    )


def _has_id(shared: Any) -> bool:
    return isinstance(shared, dict) and bool(shared.get("id"))
