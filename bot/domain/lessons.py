"""A lesson: what one settled ticket teaches the classifier (``bot/filing/word_evidence.py``).

Pure data, shared by the learning use case and the store that keeps lessons (one per ticket).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

SERVICE_LABEL = "s:"
TYPE_LABEL = "t:"


@dataclass(frozen=True, slots=True)
class Lesson:
    """One settled ticket: its words (features), and the service and type it ended with.

    ``ticket_id`` is the key that makes learning idempotent: a ticket (or an imported history
    line) teaches once; learning it again with another outcome replaces its lesson."""

    ticket_id: str
    features: frozenset[str]
    service: str
    type: str
    weight: int = 1
    """How many votes it carries: a correction (the ticket had to be moved) teaches more than a
    confirmation of what Guichet already chose."""

    def labels(self) -> tuple[str, ...]:
        """The labels it counts for: its service, and its type when known (``""``: a history
        line without a type teaches only its service)."""
        if not self.type:
            return (SERVICE_LABEL + self.service,)
        return SERVICE_LABEL + self.service, TYPE_LABEL + self.type

    @property
    def digest(self) -> str:
        """A short fingerprint of what it teaches: equal lessons, equal digests."""
        content = "\x1f".join([self.service, self.type, str(self.weight), *sorted(self.features)])
        return hashlib.blake2b(content.encode(), digest_size=12).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredLesson:
    """A lesson as the store keeps it: ``revision`` grows each time its outcome changes."""

    lesson: Lesson
    revision: int
