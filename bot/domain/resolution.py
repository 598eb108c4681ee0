"""How a ticket was solved: a note and a category asked when it is resolved, shown to the
requester with *is it solved?* and kept on the ticket (``Ticket.extra["resolution"]``) for
reports and the knowledge base.

A service says whether the note is ``required`` or ``optional`` (``resolution_note:``; without
it nothing is asked and *Resolved* resolves at once, as before); the category is always
optional, one of the service's ``resolution_categories`` (``bot/domain/resolution_categories.py``;
by default ``Category``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

RESOLUTION = "resolution"
"""``Ticket.extra`` key: the resolution (``note``, ``category``, ``by``)."""

NOTE_MAX = 2000


class ResolutionNote(StrEnum):
    REQUIRED = "required"
    OPTIONAL = "optional"


class Category(StrEnum):
    FIXED = "fixed"  # repaired or corrected
    WORKAROUND = "workaround"
    CONFIGURATION = "configuration"  # a setting or an access given
    EXPLAINED = "explained"  # answered, nothing to change
    NOT_REPRODUCED = "not_reproduced"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class Resolution:
    note: str
    category: str | None  # a ``Category`` or one of the service's ``resolution_categories``
    by: str


def resolution_of(extra: dict[str, Any]) -> Resolution | None:
    """The resolution kept on a ticket (``Ticket.extra``), if any."""
    stored = extra.get(RESOLUTION)
    if not isinstance(stored, dict):
        return None
    category = stored.get("category")
    return Resolution(
        note=str(stored.get("note") or ""),
        category=str(category) if category else None,
        by=str(stored.get("by") or ""),
    )
