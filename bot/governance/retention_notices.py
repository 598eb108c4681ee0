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
from bot.domain.models import MessageRef, Outgoing, OutgoingKind, Ticket
from bot.domain.retention import ANONYMOUS, RetentionDone
from storage.retention import RetentionStore, TicketTraces
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


def forgotten_messages(ticket_id: str, traces: TicketTraces) -> list[tuple[str, Outgoing]]:
    """The outbox items deleting the bot's messages about ``ticket_id`` from Slack, stored
    before the ticket is anonymised or deleted: those in its requester's DM (the DMs about it,
    the replies relayed in its thread), in the DMs of the others it wrote to about it (its
    assignee, the approvers asked), and its replies in the card's thread and in the threads of
    the cards it had before it moved to another team. Their ids name
    the ticket's last change, as the card's line does; they go at the outbox's pace (``bulk``)."""
    kind = OutgoingKind.FORGOTTEN_MESSAGES
    since = traces.created_at.isoformat()
    items: list[tuple[str, Outgoing]] = []
    if traces.requester is not None:
        dm = Outgoing(
            kind,
            ticket_id,
            traces.requester,
            due=traces.changed_at,
            about=since,
            bulk=True,
            ref=traces.dm,
        )
        items.append((f"{ticket_id}:{kind.value}:dm:{traces.changed_at.isoformat()}", dm))
    for number, person in enumerate(traces.others, start=1):  # ids name no one
        other = Outgoing(kind, ticket_id, person, due=traces.changed_at, about=since, bulk=True)
        items.append(
            (f"{ticket_id}:{kind.value}:dm{number}:{traces.changed_at.isoformat()}", other)
        )
    if traces.card is not None:
        thread = Outgoing(
            kind, ticket_id, due=traces.changed_at, about=since, bulk=True, ref=traces.card
        )
        items.append((f"{ticket_id}:{kind.value}:thread:{traces.changed_at.isoformat()}", thread))
    for number, card in enumerate(traces.earlier_cards, start=1):  # before it moved
        earlier = Outgoing(kind, ticket_id, due=traces.changed_at, about=since, bulk=True, ref=card)
        items.append(
            (f"{ticket_id}:{kind.value}:thread{number}:{traces.changed_at.isoformat()}", earlier)
        )
    return items


def anonymised_card(ticket_id: str, traces: TicketTraces) -> list[tuple[str, Outgoing]]:
    """The outbox item redrawing the card of ``ticket_id`` once it is anonymised."""
    if traces.card is None:
        return []
    kind = OutgoingKind.ANONYMISED_CARD
    message = Outgoing(
        kind, ticket_id, due=traces.changed_at, about=traces.service, ref=traces.card
    )
    return [(f"{ticket_id}:{kind.value}:{traces.changed_at.isoformat()}", message)]


class ForgottenMessagesPort(Protocol):
    async def delete_in_dm(
        self, person: str, known: MessageRef | None, ticket_id: str, since: datetime
    ) -> int:
        """Delete the bot's messages about ``ticket_id`` in its DM with ``person`` (those
        carrying the ticket in their metadata, and the bot's replies in their threads),
        posted since ``since``; how many. Raises ``DeliveryDeferred`` or ``DeliveryFailed``."""
        ...

    async def delete_in_thread(self, card: MessageRef) -> int:
        """Delete the bot's replies in the thread of ``card``; how many."""
        ...


async def _forgotten(tickets: TicketRepository, message: Outgoing) -> bool:
    """Whether the ticket is gone or anonymised; ``DeliveryDeferred`` while retention has not
    done it yet (stored just before), ``False`` when it was reopened or changed first (nothing
    to do: not past its time any more; a later sweep stores items of its own, named by that
    change), rather than tried until given up with an error line."""
    ticket = await tickets.get(message.ticket_id)
    if ticket is None or ticket.requester == ANONYMOUS:
        return True
    if ticket.is_open or (message.due is not None and ticket.updated_at != message.due):
        return False
    raise DeliveryDeferred("not forgotten yet")


class ForgottenMessages:
    """The outbox's ``Sender`` of ``OutgoingKind.FORGOTTEN_MESSAGES``: what the bot posted in
    Slack about a ticket retention forgot is deleted. An app may delete its own messages only:
    what people wrote themselves in the card's thread or the DM stays (theirs, and Slack's
    retention's)."""

    grouped = False

    def __init__(self, tickets: TicketRepository, port: ForgottenMessagesPort) -> None:
        self.tickets = tickets
        self.port = port

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        message = messages[0]
        if not await _forgotten(self.tickets, message):
            return None
        posted_since = datetime.fromisoformat(message.about) if message.about else None
        if message.recipient is not None:
            deleted = await self.port.delete_in_dm(
                message.recipient, message.ref, message.ticket_id, posted_since or now
            )
        elif message.ref is not None:
            deleted = await self.port.delete_in_thread(message.ref)
        else:
            return None
        log.info(
            "retention: %d message(s) of the bot about %s deleted from Slack (%s)",
            deleted,
            message.ticket_id,
            "DM" if message.recipient is not None else "card's thread",
            extra={"ticket_id": message.ticket_id},
        )
        return message.ref or MessageRef("", "")

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        for message in messages:
            log.error(
                "retention: the bot's messages about %s (%s) are still in Slack: %s; "
                "delete them by hand",
                message.ticket_id,
                "the requester's DM" if message.recipient is not None else "the card's thread",
                reason,
                extra={"ticket_id": message.ticket_id},
            )


class AnonymisedCardPort(Protocol):
    async def redraw(self, ticket: Ticket) -> MessageRef:
        """Redraw the ticket's card from it as stored; raises ``DeliveryDeferred`` or
        ``DeliveryFailed``."""
        ...


class AnonymisedCards:
    """The outbox's ``Sender`` of ``OutgoingKind.ANONYMISED_CARD``: the card of a ticket
    retention anonymised no longer shows its requester, title or description."""

    grouped = False

    def __init__(self, tickets: TicketRepository, port: AnonymisedCardPort) -> None:
        self.tickets = tickets
        self.port = port

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        message = messages[0]
        ticket = await self.tickets.get(message.ticket_id)
        if ticket is None or ticket.message is None:
            return None  # deleted since (its own line replaces the card)
        if not await _forgotten(self.tickets, message):
            return None
        return await self.port.redraw(ticket)

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        for message in messages:
            log.error(
                "retention: the card of anonymised ticket %s (%s) still shows it: %s; "
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
