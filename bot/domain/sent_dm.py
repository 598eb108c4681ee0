"""A direct message to a ticket's requester that carries buttons."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.models import MessageRef


@dataclass(frozen=True)
class SentDm:
    """Where the DM is and what it says, so that it can lose its buttons (and say what
    happened) once a later message takes over: only the latest DM about a ticket stays live."""

    ref: MessageRef
    text: str


@dataclass(frozen=True)
class DeliveredDm:
    """A DM the outbox delivered (or found, its answer lost): ``live`` when it carries buttons."""

    dm: SentDm
    live: bool
