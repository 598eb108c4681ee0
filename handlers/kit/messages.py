"""What a message to send is (its notification text and its blocks) and how a duration reads:
shared by the scheduler's messages, the problems' notices and the reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from slack_sdk.models.blocks.blocks import Block
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.models import Language, MessageRef
from bot.locales.i18n import t
from handlers.kit.slack_errors import SLACK_FAILURES, delivery_failure


@dataclass(frozen=True)
class Rendered:
    """A message: its notification text and its blocks."""

    text: str
    blocks: list[Block]


async def post_rendered(
    client: AsyncWebClient,
    channel: str,
    rendered: Rendered,
    thread_ts: str | None = None,
    metadata: dict[str, Any] | None = None,
    broadcast: bool | None = None,
) -> MessageRef:
    """Post ``rendered`` in ``channel`` (in ``thread_ts``'s thread, shown in the channel too
    with ``broadcast``), links not unfurled; where it landed. Raises ``DeliveryFailed`` (or
    ``DeliveryDeferred``: worth another try) when Slack did not take it."""
    try:
        response = await client.chat_postMessage(
            channel=channel,
            text=rendered.text,
            blocks=rendered.blocks or None,
            thread_ts=thread_ts,
            reply_broadcast=broadcast if thread_ts else None,
            metadata=metadata,
            unfurl_links=False,
            unfurl_media=False,
        )
    except SLACK_FAILURES as error:
        raise delivery_failure(error) from error
    return MessageRef(channel=str(response["channel"]), ts=str(response["ts"]))


def duration_text(language: Language, delta: timedelta, *, in_days: bool = True) -> str:
    """``1 h 5 min``, ``2 h``, ``2 j 3 h``: how late, how long, for people (no ``0 min``).

    Not ``in_days``: in hours however long (``50 h``), for business time, where 24 h of opening
    hours are about three working days and "2 d" would read as two days of the calendar."""
    minutes = max(0, int(delta.total_seconds()) // 60)
    if minutes < 1:
        return t(language, "vocabulary.duration.moment")
    days, rest = divmod(minutes, 24 * 60) if in_days else (0, minutes)
    hours, minutes = divmod(rest, 60)
    if days:
        if not hours:
            return t(language, "vocabulary.duration.whole_days", days=days)
        return t(language, "vocabulary.duration.days", days=days, hours=hours)
    if hours:
        if not minutes:
            return t(language, "vocabulary.duration.whole_hours", hours=hours)
        return t(language, "vocabulary.duration.hours", hours=hours, minutes=minutes)
    return t(language, "vocabulary.duration.minutes", minutes=minutes)
