"""What the outbox's deliveries need from Slack: reminders and pages sent, updated and reported."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.domain.models import (
    HistoryEntry,
    MessageRef,
    Outgoing,
    Ticket,
)


class Messenger(Protocol):
    """Delivers what the scheduler sends: reminders, pages, the last-level notice."""

    async def send(self, message: Outgoing, ticket: Ticket, now: datetime) -> MessageRef:
        """Deliver one message; raise ``DeliveryDeferred`` when it may work later (rate limit,
        Slack or network down) and ``DeliveryFailed`` when it never will."""
        ...

    async def find_sent(
        self, message: Outgoing, ticket: Ticket, since: datetime
    ) -> MessageRef | None:
        """``message`` as Slack holds it, posted since ``since`` by an attempt whose answer was
        lost (told by its metadata); ``None`` when it was not posted. Raises like ``send``."""
        ...

    async def show_acknowledged(
        self, ticket: Ticket, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        """Update every page already sent for ``ticket`` to say who acknowledged it, and when."""
        ...

    async def show_ended(
        self, ticket: Ticket, entry: HistoryEntry, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        """Update every page already sent for ``ticket`` to say it ended (``entry``: who
        cancelled or resolved it, when), without its Acknowledge button."""
        ...

    async def show_answered(
        self, ticket: Ticket, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        """Update the channel reminders sent for ``ticket`` to say what answered them (its last
        change: taken, ended), without their Claim button."""
        ...

    async def report_failure(self, message: Outgoing, ticket: Ticket, reason: str) -> None:
        """Tell the ticket's service channel that ``message`` could not be delivered."""
        ...
