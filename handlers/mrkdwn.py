"""Putting people's text into Slack messages safely."""

from __future__ import annotations

from datetime import datetime


def escape(text: str) -> str:
    """Escape ``& < >`` so user text cannot ping (``<!channel>``) or forge links."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def user(user_id: str) -> str:
    return f"<@{user_id}>"


def channel(channel_ref: str) -> str:
    return channel_ref if channel_ref.startswith("#") else f"<#{channel_ref}>"


def date(moment: datetime) -> str:
    """A date Slack shows in the reader's own time zone."""
    fallback = moment.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def time(moment: datetime) -> str:
    """A time of day (hh:mm) Slack shows in the reader's own time zone."""
    fallback = moment.strftime("%H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{{time}}|{fallback}>"
