"""The Slack side of ``bot/working/requester_files.py``: the files a requester uploaded in a form,
read with the bot's token (``files.info``, then their private URL) and uploaded again into the
ticket's channel thread (``files_upload_v2``: files.getUploadURLExternal, the bytes,
files.completeUploadExternal with the thread), under one line saying whose they are.

A file cannot carry message metadata: after a lost answer the copy is told by that line, posted
by the bot in the thread since the first attempt. The line saying a copy was given up carries
its ticket and role in its metadata, as the bot's other thread messages do."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import aiohttp
from slack_sdk.errors import SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.config import ServicesConfig
from bot.domain.errors import DeliveryDeferred, DeliveryFailed
from bot.domain.models import Language, MessageRef, Outgoing, Ticket
from bot.domain.outbox import message_role
from bot.locales.i18n import t
from handlers.kit import mrkdwn as md
from handlers.kit.slack_errors import SLACK_FAILURES, delivery_failure
from handlers.tickets.card_posting import find_message, find_posted, message_metadata

log = logging.getLogger(__name__)

FILE_MAX = 10 * 1024 * 1024  # Slack's limit on a file_input's files
DOWNLOAD_TIMEOUT = aiohttp.ClientTimeout(total=60)
_UPLOAD_FAILURES = (SlackClientError, aiohttp.ClientError, TimeoutError)


class SlackRequesterFiles:
    def __init__(self, client: AsyncWebClient, config: ServicesConfig) -> None:
        """``client``: the outbox's own (no blind retry), with the bot's token."""
        self._client = client
        self._config = config

    def _language(self, ticket: Ticket) -> Language:
        known = self._config.services.get(ticket.service)  # a service since removed: default
        return known.language if known is not None else self._config.language

    def _comment(self, ticket: Ticket, message: Outgoing) -> str:
        count = len((message.text or "").split())
        return t(
            self._language(ticket),
            "working.thread.requester_files",
            user=md.user(message.actor or ""),
            ticket_id=ticket.id,
            count=count,
        )

    async def copy(self, ticket: Ticket, thread: MessageRef, message: Outgoing) -> MessageRef:
        uploads = [await self._read(file_id) for file_id in (message.text or "").split()]
        if not uploads:
            raise DeliveryFailed("no files to copy")
        try:
            await self._client.files_upload_v2(
                file_uploads=uploads,
                channel=thread.channel,
                thread_ts=thread.ts,
                initial_comment=self._comment(ticket, message),
            )
        except _UPLOAD_FAILURES as error:
            raise delivery_failure(error) from error
        return thread  # the copies are in its thread (Slack's answer names the files, no ts)

    async def find_copy(
        self, ticket: Ticket, thread: MessageRef, message: Outgoing, since: datetime
    ) -> MessageRef | None:
        comment = self._comment(ticket, message)
        return await find_posted(
            self._client, thread.channel, lambda m: _is_copy(m, comment), since, thread.ts
        )

    async def tell_not_copied(
        self, ticket: Ticket, thread: MessageRef, message: Outgoing
    ) -> MessageRef:
        text = t(
            self._language(ticket),
            "working.thread.requester_files_not_copied",
            ticket_id=ticket.id,
            count=len((message.text or "").split()),
        )
        try:
            response = await self._client.chat_postMessage(
                channel=thread.channel,
                thread_ts=thread.ts,
                text=text,
                metadata=message_metadata(ticket.id, message_role(message)),
            )
        except SLACK_FAILURES as error:
            raise delivery_failure(error) from error
        return MessageRef(channel=str(response["channel"]), ts=str(response["ts"]))

    async def find_not_copied(
        self, ticket: Ticket, thread: MessageRef, message: Outgoing, since: datetime
    ) -> MessageRef | None:
        role = message_role(message)
        return await find_message(self._client, thread.channel, ticket.id, role, since, thread.ts)

    async def _read(self, file_id: str) -> dict[str, Any]:
        """One file as ``files_upload_v2`` takes it: its bytes, name and title."""
        try:
            info = (await self._client.files_info(file=file_id))["file"]
        except SLACK_FAILURES as error:
            raise delivery_failure(error) from error
        url = str(info.get("url_private_download") or info.get("url_private") or "")
        name = str(info.get("name") or info.get("title") or file_id)
        if not url:
            raise DeliveryFailed(f"{file_id}: Slack gave no URL to read it")
        if int(info.get("size") or 0) > FILE_MAX:
            raise DeliveryFailed(f"{file_id}: larger than a form takes")
        headers = {"Authorization": f"Bearer {self._client.token}"}
        try:
            async with (
                aiohttp.ClientSession(timeout=DOWNLOAD_TIMEOUT) as session,
                session.get(url, headers=headers) as response,
            ):
                if response.status >= 500 or response.status == 429:
                    raise DeliveryDeferred(f"{file_id}: download answered {response.status}")
                if response.status != 200:
                    raise DeliveryFailed(f"{file_id}: download answered {response.status}")
                if response.content_type == "text/html":  # Slack's sign-in page, not the file
                    raise DeliveryFailed(f"{file_id}: Slack did not let the bot read it")
                data = await _body(response, file_id)
        except (aiohttp.ClientError, TimeoutError) as error:
            raise DeliveryDeferred(f"{file_id}: {error.__class__.__name__}") from error
        return {"file": data, "filename": name, "title": str(info.get("title") or name)}


async def _body(response: aiohttp.ClientResponse, file_id: str) -> bytes:
    """The whole file, up to ``FILE_MAX`` (``read(n)`` alone returns what has arrived so far:
    a larger file was copied cut short)."""
    data = bytearray()
    async for chunk in response.content.iter_chunked(64 * 1024):
        data += chunk
        if len(data) > FILE_MAX:
            raise DeliveryFailed(f"{file_id}: larger than a form takes")
    return bytes(data)


def _is_copy(message: dict[str, Any], comment: str) -> bool:
    return bool(
        message.get("bot_id")
        and message.get("subtype") == "file_share"
        and message.get("text") == comment
    )
