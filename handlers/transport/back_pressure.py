"""Back-pressure on the ack: a request is let in only when the queue of work after the ack has
room (``bot/runtime/after_ack.py``, ``AfterAck.room``: waiting up to 2 s for it); one still
refused then is answered so that nothing is lost and someone tries again.

Why not let every request in: each listener that finds the queue full keeps its whole request
while it waits for room, and a flood piles them up by thousands (the load benchmark's memory
phase grew from 167 to 716 MB). Waiting before the ack, with a bound, slows the sender down
instead, which is what a person clicking or Slack retrying handles well.

What each refusal looks like, chosen for what Slack does with it:

- a slash command: the answer is an ephemeral message in the person's language ("Guichet is
  very busy, try again in a moment"): Slack shows a command's JSON answer to its sender alone,
  where an HTTP error would only show a cryptic "failed with the error http_service_error";
- a form submission: the form's first input says the same thing (``response_action: errors``):
  the modal stays open with everything typed, nothing was filed, and submitting again files it
  once (the view id is the receipt);
- anything else (buttons, menus, shortcuts, events): HTTP 503. Slack retries an event it got
  no 2xx for (up to three times, the last about five minutes later: by then the queue has
  drained), and marks a button whose request failed, so the person presses it again; an ack
  answered 200 without doing the work would lose it silently.
"""

from __future__ import annotations

import json
from typing import Any

from slack_bolt.response import BoltResponse

from bot.domain.models import Language
from bot.locales.i18n import t
from bot.runtime.after_ack import AfterAck
from handlers.kit.locale import LocaleResolver

BUSY_KEY = "operations.busy"


class BackPressure:
    def __init__(self, queue: AfterAck, locales: LocaleResolver, default: Language) -> None:
        self.queue = queue
        self.locales = locales
        self.default = default

    async def refusal(self, body: dict[str, Any], kind: str) -> BoltResponse | None:
        """``None`` when the request may go on (room in the queue, perhaps after a wait);
        otherwise the answer that refuses it."""
        if self.queue.has_room() or await self.queue.room():
            return None
        text = t(self._language(body), BUSY_KEY)
        if kind == "command":
            return _json({"response_type": "ephemeral", "text": text})
        if kind == "view_submission":
            block = _first_input(body.get("view"))
            if block is not None:
                return _json({"response_action": "errors", "errors": {block: text}})
        return BoltResponse(status=503, body="busy")

    def _language(self, body: dict[str, Any]) -> Language:
        user = body.get("user_id")
        if isinstance(body.get("user"), dict):
            user = body["user"].get("id")
        known = self.locales.known(user) if isinstance(user, str) else None
        return known or self.default


def _first_input(view: Any) -> str | None:
    """The block id of the view's first input (where Slack can show an error)."""
    blocks = view.get("blocks") if isinstance(view, dict) else None
    for block in blocks if isinstance(blocks, list) else []:
        if isinstance(block, dict) and block.get("type") == "input" and block.get("block_id"):
            return str(block["block_id"])
    return None


def _json(answer: dict[str, Any]) -> BoltResponse:
    return BoltResponse(
        status=200,
        body=json.dumps(answer, ensure_ascii=False),
        headers={"content-type": "application/json;charset=utf-8"},
    )
