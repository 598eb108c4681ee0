"""What tells one delivery from Slack apart from another, for acting on it once
(``bot/outbox/receipts.py``): an event's ``event_id`` (the same on every redelivery)."""

from __future__ import annotations

from typing import Any


def event_key(body: dict[str, Any]) -> str | None:
    """The receipt key of an Events API delivery, or ``None`` when it carries no id."""
    event_id = body.get("event_id")
    return f"event:{event_id}" if isinstance(event_id, str) and event_id else None
