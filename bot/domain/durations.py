"""Durations as admins write them in the services file: ``30s``, ``15m``, ``4h``, ``2d``."""

from __future__ import annotations

import re
from datetime import timedelta

_PATTERN = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(text: str | int | timedelta) -> timedelta:
    """Parse ``"15m"`` into ``timedelta(minutes=15)``; a bare ``0`` is nothing.

    Raises ``ValueError`` with a message fit for an administrator. Any other bare number is
    refused: read as seconds, ``repage_every: 5`` written for five minutes paged every five
    seconds.
    """
    if isinstance(text, timedelta):
        return text
    if isinstance(text, bool):
        raise ValueError(f"{text!r} is not a duration (write it like 30s, 15m, 4h or 2d)")
    if isinstance(text, int):
        if text < 0:
            raise ValueError(f"{text!r} is negative")
        if text:
            raise ValueError(
                f"{text} has no unit: write {text}s, {text}m, {text}h or {text}d (seconds, "
                "minutes, hours or days)"
            )
        return timedelta(0)
    match = _PATTERN.match(str(text))
    if match is None:
        raise ValueError(f"{text!r} is not a duration (write it like 30s, 15m, 4h or 2d)")
    amount, unit = match.groups()
    return timedelta(**{_UNITS[unit]: int(amount)})


def format_duration(delta: timedelta) -> str:
    """The shortest exact spelling: ``timedelta(minutes=90)`` -> ``"90m"``, 2 days -> ``"2d"``."""
    seconds = int(delta.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
