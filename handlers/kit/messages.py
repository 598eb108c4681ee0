"""What a message to send is (its notification text and its blocks) and how a duration reads:
shared by the scheduler's messages, the problems' notices and the reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from slack_sdk.models.blocks.blocks import Block

from bot.domain.models import Language
from bot.locales.i18n import t


@dataclass(frozen=True)
class Rendered:
    """A message: its notification text and its blocks."""

    text: str
    blocks: list[Block]


def duration_text(language: Language, delta: timedelta) -> str:
    """``1 h 5 min``, ``2 h``, ``2 j 3 h``: how late, how long, for people (no ``0 min``)."""
    minutes = max(0, int(delta.total_seconds()) // 60)
    if minutes < 1:
        return t(language, "vocabulary.duration.moment")
    days, rest = divmod(minutes, 24 * 60)
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
