"""How every listener of a person's click or submission opens: acknowledge Slack first (it
waits 3 seconds at most), then who it is and the language they read."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck

from bot.domain.models import Language
from handlers.kit.locale import LocaleResolver


async def acknowledged(
    ack: AsyncAck, body: dict[str, Any], locales: LocaleResolver
) -> tuple[str, Language]:
    """``ack()``, then the user who acted and their language (users.info, cached)."""
    await ack()
    user = str(body["user"]["id"])
    return user, await locales.language_of(user)
