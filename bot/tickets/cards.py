"""A ticket's card in its service's channel, through the stored outbox: never lost, never doubled.

Posting a card first stores what is owed (an outbox item of kind ``card`` whose id says which
ticket, which service and which posting), then tries it at once. What Slack cannot take now (5xx,
429, no answer) waits in the outbox and the scheduler's ticks try it again with backoff, on any
replica, after a restart too; the card is recorded on the ticket the moment Slack takes it.

An attempt whose answer was lost may still have posted the card. So a later attempt first looks
for it in the channel (the card carries the ticket id and its role in its message metadata) from
the first attempt's time, and adopts what it finds instead of posting again.

What never will work (``channel_not_found``, ``not_in_channel``, ``is_archived``,
``invalid_blocks``, or too many attempts) is recorded in the ticket's history, logged, counted in
``/metrics`` (by the outbox), shown in ``/healthz``, and told to the service's people (or the
default service) with the ticket id; the requester of a new ticket is told too.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.clock import Clock
from bot.domain.models import (
    HistoryAction,
    HistoryEntry,
    MessageRef,
    Outgoing,
    OutgoingKind,
    Ticket,
)
from bot.domain.outbox import OutboxState, requester_files_item
from bot.tickets.audited import AuditedWrites
from bot.tickets.ports import CardPort, Courier, Notifier, RequesterNotice
from storage.audit import AuditLog
from storage.outbox import OutboxRepository
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)

CARD_ROLE = "card"
"""The role a card's message metadata names (``handlers/tickets``)."""


class CardState(StrEnum):
    POSTED = "posted"  # the ticket has its card
    WAITING = "waiting"  # Slack could not take it yet: the outbox keeps trying
    FAILED = "failed"  # it never will be posted: told to whom it may concern


@dataclass(frozen=True)
class CardPosting:
    ticket: Ticket
    state: CardState


def card_message(ticket: Ticket, change: HistoryEntry | None) -> tuple[str, Outgoing]:
    """The outbox item owed for ``ticket``'s card in its current service: the first one
    (``number`` 0), or the one a move (``change``) owes, numbered by when it happened."""
    number = int(change.at.timestamp() * 1000) if change is not None else 0
    message = Outgoing(OutgoingKind.CARD, ticket.id, about=ticket.service, number=number)
    return card_item_id(message), message


def card_item_id(message: Outgoing) -> str:
    return f"{message.ticket_id}:card:{message.about}:{message.number}"


class CardOutbox:
    """Posts cards through the outbox; the ``Sender`` of the ``card`` kind."""

    grouped = False

    def __init__(
        self,
        tickets: TicketRepository,
        outbox: OutboxRepository,
        courier: Courier,
        notifier: Notifier,
        cards: CardPort,
        clock: Clock,
        audit: AuditLog | None = None,
    ) -> None:
        """``audit``: the log the card's history entries are written with (posted, failed)."""
        self.tickets = tickets
        self.writes = AuditedWrites(tickets, audit)
        self.outbox = outbox
        self.courier = courier
        self.notifier = notifier
        self.cards = cards
        self.clock = clock

    async def post(
        self, ticket: Ticket, change: HistoryEntry | None, expect: dict[str, object] | None
    ) -> CardPosting:
        """Store the card owed, try it now; returns the ticket as it stands and where its card
        is. ``expect`` is checked again at delivery (the ticket's service and no card yet)."""
        del expect  # the delivery checks the service and that no card was recorded meanwhile
        now = self.clock.now()
        item_id, message = card_message(ticket, change)
        await self.courier.store_and_deliver([(item_id, message)], now)
        current = await self.tickets.get(ticket.id) or ticket
        item = await self.outbox.get(item_id)
        if current.message is not None and current.service == message.about:
            return CardPosting(current, CardState.POSTED)
        if item is not None and item.state is OutboxState.FAILED:
            return CardPosting(current, CardState.FAILED)
        return CardPosting(current, CardState.WAITING)

    async def queued(self, ticket_id: str) -> bool:
        """Whether a card of ``ticket_id`` was ever put in the outbox (waiting, sent or not)."""
        items = await self.outbox.for_ticket(ticket_id)
        return any(item.message.kind is OutgoingKind.CARD for item in items)

    # --- the outbox's Sender --------------------------------------------------------------------
    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        message = messages[0]
        ticket = await self.tickets.get(message.ticket_id)
        if ticket is None or ticket.service != message.about:
            return None  # moved on meanwhile: the card of its new service is owed instead
        if ticket.message is not None:
            return ticket.message  # it has its card already
        late = since is not None
        ref = await self.cards.find_card(ticket, since) if since is not None else None
        if ref is not None:
            log.warning(
                "card of %s found in %s after an unanswered attempt: adopted, not posted again",
                ticket.id,
                ref.channel,
                extra={"ticket_id": ticket.id},
            )
        else:
            ref = await self.notifier.post_ticket(ticket)
        entry = HistoryEntry(ticket.id, now, "guichet", HistoryAction.POSTED, after=ref.channel)
        recorded = await self.writes.update_if(
            {"service": message.about, "message": None},
            entry,
            {"message": ref, "announce_at": None},  # posted: announced (bot/filing/unannounced.py)
        )
        if recorded is None:
            log.warning(
                "ticket %s changed while its card was being posted",
                ticket.id,
                extra={"ticket_id": ticket.id},
            )
            return ref
        if late and message.number == 0:  # its requester was told it would come
            await self.notifier.tell_requester(recorded, RequesterNotice.FILED, "guichet")
        await self._copy_request_files(recorded, now)
        return ref

    async def _copy_request_files(self, ticket: Ticket, now: datetime) -> None:
        """A catalogue request's files, private to its requester in Slack, copied into the
        new card's thread for its team (``bot/working/requester_files.py``): once per service's
        card (moved to another team, that team gets them too)."""
        files = ticket.request.files if ticket.request is not None else ()
        if not files:
            return
        ids = [f.id for f in files]
        item = requester_files_item(ticket.id, ticket.requester, ids, f"request:{ticket.service}")
        await self.courier.store_and_deliver([item], now)

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        for message in messages:
            ticket = await self.tickets.get(message.ticket_id)
            if ticket is None:
                continue
            entry = HistoryEntry(
                ticket.id, self.clock.now(), "guichet", HistoryAction.POST_FAILED, note=reason
            )
            await self.writes.record(entry)
            await self.cards.report_undeliverable(ticket, reason)
            if message.number == 0:
                await self.notifier.tell_requester(ticket, RequesterNotice.POST_FAILED, "guichet")
