"""The Slack side of the reports: the weekly digest in a channel, files sent to a person.

Files go through ``files_upload_v2`` (files.getUploadURLExternal, then the bytes to the upload
URL it returns, then files.completeUploadExternal), which wants a channel *id*: the chart is
shared in the channel the figures were posted to, as Slack named it in its answer, so a
services file may still name its channels ``#it-help``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiohttp
from slack_sdk.errors import SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.config import ServicesConfig
from bot.domain.errors import DeliveryFailed
from bot.domain.models import MessageRef
from bot.locales.i18n import iso_date, t
from bot.reports.charts import day_label
from bot.reports.ports import DigestPost
from handlers.reports.blocks import digest_message
from handlers.tickets.card_posting import find_message, find_posted, message_metadata

ALT_TEXT_MAX = 1000
UploadFailure = (SlackClientError, aiohttp.ClientError, TimeoutError)


DIGEST_ROLE = "digest"
"""The role in their metadata of a digest's figures (their ``ticket_id``: service and week)."""


def _digest_key(digest: DigestPost) -> str:
    return f"{digest.service}:{digest.first_day.isoformat()}"


def _chart_name(digest: DigestPost) -> str:
    return f"guichet-{digest.service}-{digest.first_day.isoformat()}.png"


def _shares(message: dict[str, Any], filename: str) -> bool:
    """Whether ``message`` shares a file named ``filename`` (a file cannot carry metadata: its
    share is told by its name, which names the service and the week)."""
    files = message.get("files") if message.get("subtype") == "file_share" else None
    return any(isinstance(f, dict) and f.get("name") == filename for f in files or [])


def _failed(error: Exception) -> DeliveryFailed:
    response = getattr(error, "response", None)
    reason = response.get("error") if response is not None else None
    return DeliveryFailed(str(reason or f"{error.__class__.__name__}: {error}")[:200])


class SlackReportPublisher:
    def __init__(self, client: AsyncWebClient, config: ServicesConfig) -> None:
        self._client = client
        self._config = config

    async def post_figures(self, digest: DigestPost) -> MessageRef:
        rendered = digest_message(digest, self._config)
        try:
            response = await self._client.chat_postMessage(
                channel=self._config.service(digest.service).channel,
                text=rendered.text,
                blocks=rendered.blocks,
                metadata=message_metadata(_digest_key(digest), DIGEST_ROLE),
                unfurl_links=False,
                unfurl_media=False,
            )
        except UploadFailure as error:
            raise _failed(error) from error
        return MessageRef(channel=str(response["channel"]), ts=str(response["ts"]))

    async def find_figures(self, digest: DigestPost, since: datetime) -> MessageRef | None:
        channel = self._config.service(digest.service).channel
        try:
            return await find_message(
                self._client, channel, _digest_key(digest), DIGEST_ROLE, since
            )
        except DeliveryFailed as failure:  # the digest's failures say why, as its posts do
            raise DeliveryFailed(failure.reason) from failure

    async def find_chart(self, digest: DigestPost, figures: MessageRef, since: datetime) -> bool:
        name = _chart_name(digest)
        try:
            found = await find_posted(
                self._client, figures.channel, lambda m: _shares(m, name), since
            )
        except DeliveryFailed as failure:
            raise DeliveryFailed(failure.reason) from failure
        return found is not None

    async def upload_chart(self, digest: DigestPost, figures: MessageRef) -> None:
        if digest.chart_png is None:
            return
        language = self._config.service(digest.service).language
        first = iso_date(digest.first_day)
        last = iso_date(digest.last_day)
        days = ", ".join(f"{day_label(day, language)}: {day.total}" for day in digest.days)
        try:
            await self._client.files_upload_v2(
                channel=figures.channel,
                file=digest.chart_png,
                filename=_chart_name(digest),
                title=t(
                    language,
                    "reports.digest.chart_title",
                    service=self._config.service_name(digest.service, language),
                    first=first,
                    last=last,
                ),
                alt_txt=t(language, "reports.digest.chart_alt", days=days)[:ALT_TEXT_MAX],
                initial_comment=t(language, "reports.digest.chart_comment", first=first, last=last),
            )
        except UploadFailure as error:
            raise _failed(error) from error

    async def send_file(
        self, user: str, filename: str, content: bytes, title: str, comment: str
    ) -> None:
        """Upload a file into ``user``'s direct messages with the bot."""
        try:
            opened = await self._client.conversations_open(users=user)
            await self._client.files_upload_v2(
                channel=str(opened["channel"]["id"]),
                file=content,
                filename=filename,
                title=title,
                initial_comment=comment,
            )
        except UploadFailure as error:
            raise _failed(error) from error
