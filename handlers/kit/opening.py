"""How every listener of a person's click or submission opens: acknowledge Slack first (it
waits 3 seconds at most), then who it is and the language they read; for a listener whose
work after the ack can wait its turn (no ``trigger_id`` to use within 3 seconds), the turn in
the bounded queue of work after the ack (``bot/runtime/after_ack.py``), so that a burst of
clicks never delays the next person's ack."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck

from bot.domain.models import Language
from bot.runtime.after_ack import AfterAck
from handlers.kit.locale import LocaleResolver


async def acknowledged(
    ack: AsyncAck,
    body: dict[str, Any],
    locales: LocaleResolver,
    queue: AfterAck | None = None,
) -> tuple[str, Language]:
    """``ack()``, then (with ``queue``) the listener's turn in it, then the user who acted and
    their language (users.info, cached)."""
    await ack()
    user = str(body["user"]["id"])
    if queue is not None:
        actions = body.get("actions") or [{}]
        await queue.turn(f"{actions[0].get('action_id', body.get('type'))} by {user}")
    return user, await locales.language_of(user)
