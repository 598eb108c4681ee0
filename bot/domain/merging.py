"""Merging a duplicate into a ticket: what a merge leaves on both tickets.

The duplicate is *closed* with the resolution category ``duplicate`` and the id of the ticket it
went into (``Ticket.extra["merged_into"]``); the ticket it went into lists what it absorbed
(``Ticket.extra["absorbed"]``). Closed, not a new status: every surface, report, retention rule
and state machine already knows what a closed ticket is (no buttons, no reminders, no pages,
kept then anonymised), and the category already says why; the reports leave merged tickets out
of their counts so one problem filed twice counts once.
"""

from __future__ import annotations

from typing import Any

from bot.domain.models import Status

MERGED_INTO = "merged_into"
"""``Ticket.extra`` key: the id of the ticket a duplicate was merged into."""
ABSORBED = "absorbed"
"""``Ticket.extra`` key: the ids of the duplicates merged into a ticket, oldest first."""

ENDED: frozenset[Status] = frozenset({Status.CLOSED, Status.CANCELLED})
"""A ticket in these statuses takes nothing in: not a merge target."""


def merged_into(extra: dict[str, Any]) -> str | None:
    """The ticket a duplicate went into, if it is one."""
    value = extra.get(MERGED_INTO)
    return str(value) if value else None


def absorbed(extra: dict[str, Any]) -> list[str]:
    """The duplicates merged into a ticket."""
    value = extra.get(ABSORBED)
    return [str(v) for v in value] if isinstance(value, list) else []
