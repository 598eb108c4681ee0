"""What retention tells Slack of what it deleted: a deleted ticket's card in its service's
channel is replaced by one line saying the ticket was deleted under the retention rules (its
requester, title and description go with the ticket; its buttons would answer "not found").

The line is an outbox item stored before the ticket is deleted (its id names the ticket and its
last change, so a sweep cut short and run again stores nothing twice) and tried once the ticket
is gone, then by the ticks while Slack fails: a crash between the deletion and the update
loses nothing. It is kept when the deletion takes the ticket's other outbox items
(``storage/retention.py``).

And the admins are told what retention did each day (``bot/governance/retention.py``): a DM
each, in their language, through the outbox (found by its metadata after a lost answer)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.domain.errors import DeliveryDeferred
from bot.domain.models import MessageRef, Outgoing, OutgoingKind
from bot.domain.retention import RetentionDone
from storage.retention import RetentionStore
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)


class DeletedCardPort(Protocol):
    async def replace_card(self, ref: MessageRef, ticket_id: str, service: str) -> None:
        """Replace the card at ``ref`` by the line saying ``ticket_id`` was deleted, in the
        language of ``service``; raises ``DeliveryDeferred`` (try later) or ``DeliveryFailed``
        (never)."""
        ...


def deleted_card(
    ticket_id: str, service: str, card: MessageRef, changed_at: datetime
) -> tuple[str, Outgoing]:
    """The outbox item replacing the card of ``ticket_id``, about to be deleted; its id names
    the ticket's last change, so a sweep run again stores nothing twice, and a ticket reopened
    before it could be deleted (the item dropped), then closed again, gets an item of its own."""
    message = Outgoing(OutgoingKind.DELETED_CARD, ticket_id, about=service, ref=card)
    kind = OutgoingKind.DELETED_CARD.value
    return f"{ticket_id}:{kind}:{changed_at.isoformat()}", message


class DeletedCards:
    """The outbox's ``Sender`` of ``OutgoingKind.DELETED_CARD``."""

    grouped = False

    def __init__(self, tickets: TicketRepository, port: DeletedCardPort) -> None:
        self.tickets = tickets
        self.port = port

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        """``None`` when the ticket was reopened before it could be deleted (its card is live
        again); deferred while it is still stored (the sweep has not deleted it yet)."""
        message = messages[0]
        if message.ref is None:
            return None
        ticket = await self.tickets.get(message.ticket_id)
        if ticket is not None:
            if ticket.is_open:
                return None
            raise DeliveryDeferred("not deleted yet")
        await self.port.replace_card(message.ref, message.ticket_id, message.about or "")
        return message.ref

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        for message in messages:
            log.error(
                "retention: the card of deleted ticket %s (%s) still shows it: %s; "
                "delete it by hand",
                message.ticket_id,
                f"{message.ref.channel} {message.ref.ts}" if message.ref else "no card",
                reason,
                extra={"ticket_id": message.ticket_id},
            )


class Admins(Protocol):
    async def admins(self) -> list[str]:
        """Every admin (``admins:``: listed users and their user groups' members)."""
        ...


class RetentionReportPort(Protocol):
    """The Slack side: the DM posted with its metadata, and found after a lost answer. Both
    raise ``DeliveryDeferred`` (try later) or ``DeliveryFailed`` (never)."""

    async def send_report(self, message: Outgoing, day: str, done: RetentionDone) -> MessageRef: ...

    async def find_report(self, message: Outgoing, since: datetime) -> MessageRef | None: ...


def retention_report(day: str, admin: str) -> tuple[str, Outgoing]:
    """The outbox item telling ``admin`` what retention did on ``day``; its ``ticket_id`` is
    the day's own name (``retention:YYYY-MM-DD``: no ticket, and metadata must name one)."""
    kind = OutgoingKind.RETENTION_REPORT
    message = Outgoing(kind, f"retention:{day}", admin, about=day)
    return f"retention:{day}:{kind.value}:{admin}", message


class RetentionReports:
    """The outbox's ``Sender`` of ``OutgoingKind.RETENTION_REPORT``."""

    grouped = False

    def __init__(self, store: RetentionStore, port: RetentionReportPort) -> None:
        self.store = store
        self.port = port

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        message = messages[0]
        done = await self.store.day(message.about or "")
        if done is None or not done or message.recipient is None:
            return None
        if since is not None:
            found = await self.port.find_report(message, since)
            if found is not None:
                return found
        return await self.port.send_report(message, message.about or "", done)

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        for message in messages:
            log.error(
                "retention: could not tell %s what was done on %s: %s",
                message.recipient,
                message.about,
                reason,
            )
