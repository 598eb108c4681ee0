"""What the reports need from Slack: the weekly digest's figures and chart posted in a channel,
and a file (the export) sent to a person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.domain.models import (
    MessageRef,
)
from bot.domain.stats import Day, Stats


@dataclass(frozen=True)
class DigestPost:
    """One service's weekly digest: the week's figures and, when it had tickets, the chart."""

    service: str
    first_day: date
    last_day: date
    stats: Stats
    days: tuple[Day, ...]  # tickets filed each day, by type (what the chart shows)
    chart_png: bytes | None


class ReportPublisher(Protocol):
    """Posts the weekly digests in the service channels."""

    async def post_figures(self, digest: DigestPost) -> MessageRef:
        """Post the week's figures in the service's channel; raise ``DeliveryFailed`` when Slack
        refuses."""
        ...

    async def find_figures(self, digest: DigestPost, since: datetime) -> MessageRef | None:
        """The week's figures posted since ``since`` by a post whose answer was lost (told by
        their metadata); ``None`` when they were not posted. Raises ``DeliveryFailed``."""
        ...

    async def find_chart(self, digest: DigestPost, figures: MessageRef, since: datetime) -> bool:
        """Whether the week's chart was shared in the channel of ``figures`` since ``since`` by
        an upload whose answer was lost. Raises ``DeliveryFailed``."""
        ...

    async def upload_chart(self, digest: DigestPost, figures: MessageRef) -> None:
        """Upload the chart (PNG) in the channel of ``figures``; raise ``DeliveryFailed``."""


class FileSender(Protocol):
    """Sends a person a file (the CSV export) in their direct messages with the bot."""

    async def send_file(
        self, user: str, filename: str, content: bytes, title: str, comment: str
    ) -> None:
        """Upload ``content`` as ``filename`` into ``user``'s direct messages; raise
        ``DeliveryFailed`` when Slack refuses."""
        ...
