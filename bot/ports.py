"""What the use cases need from the outside world, as protocols (Slack implements them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from bot.models import HistoryEntry, MessageRef, Outgoing, Ticket


class RequesterNotice(StrEnum):
    """What the requester is told by direct message."""

    FILED = "filed"
    POST_FAILED = "post_failed"
    CLAIMED = "claimed"
    ACKNOWLEDGED = "acknowledged"


class Notifier(Protocol):
    async def post_ticket(self, ticket: Ticket) -> MessageRef:
        """Post the ticket in its service's channel; raise ``DeliveryFailed`` when Slack refuses."""
        ...

    async def refresh_ticket(self, ticket: Ticket, change: HistoryEntry | None) -> None:
        """Update the ticket's channel message in place to show its current state."""
        ...

    async def tell_requester(self, ticket: Ticket, notice: RequesterNotice, actor: str) -> None:
        """Tell the requester, in their language, what happened to their ticket."""
        ...


class Directory(Protocol):
    async def may_work(self, ticket: Ticket, user: str) -> bool:
        """True when ``user`` may work ``ticket``: a member of its service's channel or one of
        the service's agents."""
        ...


class Messenger(Protocol):
    """Delivers what the scheduler sends: reminders, pages, the last-level notice."""

    async def send(self, message: Outgoing, ticket: Ticket, now: datetime) -> MessageRef:
        """Deliver one message; raise ``DeliveryDeferred`` when it may work later (rate limit,
        Slack or network down) and ``DeliveryFailed`` when it never will."""
        ...

    async def show_acknowledged(
        self, ticket: Ticket, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        """Update every page already sent for ``ticket`` to say who acknowledged it, and when."""
        ...

    async def report_failure(self, message: Outgoing, ticket: Ticket, reason: str) -> None:
        """Tell the ticket's service channel that ``message`` could not be delivered."""
        ...
