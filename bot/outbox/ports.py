"""What the outbox's deliveries need from Slack: reminders and pages sent, updated and reported
(``Messenger``), and the other kinds each delivered by their own ``Sender``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

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

    async def report_failure(
        self, message: Outgoing, ticket: Ticket, reason: str, *, maybe_sent: bool = False
    ) -> None:
        """Tell the ticket's service channel that ``message`` could not be delivered, or (when
        ``maybe_sent``: no answer ever came) could not be confirmed."""
        ...


class Sender(Protocol):
    """Delivers outbox messages of other kinds than the scheduler's own."""

    grouped: bool  # messages with the same ``about`` go out as one

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        """Deliver ``messages`` (one unless ``grouped``) as one message; ``None`` when none of
        them is wanted any more. ``since`` (the first attempt's time) is given when an earlier
        attempt may have delivered it, its answer lost: look for it (by its metadata) before
        posting again, and adopt what is found (grouped: the items of one earlier message come
        alone, each message's ``token`` the same at every try, so its ``message_role`` tells
        it). Raises ``DeliveryDeferred`` (rate limited: ``reason`` is ``ratelimited``) or
        ``DeliveryFailed``."""
        ...

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        """Tell whom it may concern that ``messages`` will never be delivered."""
        ...


@runtime_checkable
class AfterRecorded(Protocol):
    """A ``Sender`` with something to check once the outbox recorded its message as sent:
    what changed between the post and the record (``ref`` is where it landed). Called only
    for a message recorded as sent; what it fails to do is its own to log or queue."""

    async def follow_up_recorded(
        self, messages: Sequence[Outgoing], ref: MessageRef, now: datetime
    ) -> None:
        """Follow up ``messages``, just recorded as sent at ``ref``."""
        ...
