"""How every listener of a person's click or submission opens: acknowledge Slack first (it
waits 3 seconds at most), then who it is and the language they read; for a listener whose
work after the ack can wait its turn (no ``trigger_id`` to use within 3 seconds), the turn in
the bounded queue of work after the ack (``bot/runtime/after_ack.py``), so that a burst of
clicks never delays the next person's ack."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncAck

from bot.domain.models import Language
from bot.runtime.after_ack import AfterAck
from handlers.kit.locale import LocaleResolver

TICKET_ID = re.compile(r"[A-Z]{3}-\d{1,9}")


async def acknowledged(
    ack: AsyncAck,
    body: dict[str, Any],
    locales: LocaleResolver,
    queue: AfterAck | None = None,
    in_line: bool = False,
) -> tuple[str, Language]:
    """``ack()``, then (with ``queue``) the listener's turn in it, then the user who acted and
    their language (users.info, cached). ``in_line``: a ticket's own controls (its card's
    buttons and menus, a page's): the turn in that ticket's line, so two presses on it are
    worked in the order they came (``AfterAck.turn``)."""
    await ack()
    user = str(body["user"]["id"])
    if queue is not None:
        actions = body.get("actions") or [{}]
        name = f"{actions[0].get('action_id', body.get('type'))} by {user}"
        await queue.turn(name, in_line_for=_ticket_of(actions[0]) if in_line else None)
    return user, await locales.language_of(user)


def _ticket_of(action: dict[str, Any]) -> str | None:
    """The ticket a control acts on, for its place in that ticket's line: a ticket's buttons
    and menus carry its id first in their value (``INC-42``, ``INC-42|new|in_progress``).
    Only a line: what the value claims is checked against the stored ticket afterwards."""
    value = action.get("value") or (action.get("selected_option") or {}).get("value") or ""
    first = str(value).split("|", 1)[0]
    return first if TICKET_ID.fullmatch(first) else None
