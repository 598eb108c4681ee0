"""What an agent sends a requester from a ticket's card through the stored outbox (an article,
a saved reply) shares: who may (the people of the STORED ticket's service, while it is open),
the message stored before it is sent, then tried at once while the agent waits.

Authority comes from the stored ticket and the rosters, never from what the form carried."""

from __future__ import annotations

import uuid
from dataclasses import replace
from enum import StrEnum

from bot.conversation.relay import Conversation
from bot.domain.errors import DeliveryFailed, NotAllowed
from bot.domain.models import Outgoing, Ticket
from bot.domain.outbox import OutboxState
from bot.outbox.deliveries import Deliveries
from storage.outbox import OutboxRepository


class ReplyGone(LookupError):
    """What was sent is no longer wanted (withdrawn, or the ticket ended, meanwhile)."""


class Sent(StrEnum):
    DELIVERED = "delivered"  # in the requester's DM thread now
    QUEUED = "queued"  # Slack could not take it now: the scheduler's ticks try again


class QueuedReplies:
    gone: type[LookupError] = ReplyGone  # raised by ``deliver`` for a cancelled item

    def __init__(
        self, conversation: Conversation, outbox: OutboxRepository, deliveries: Deliveries
    ) -> None:
        self._conversation = conversation
        self._outbox = outbox
        self._deliveries = deliveries

    async def check(self, ticket_id: str, user: str) -> Ticket:
        """The open ticket ``user`` may answer; raises ``TicketNotFound``, ``NotAllowed`` or
        ``TicketEnded``."""
        desk = self._conversation.desk
        ticket = await desk.require(ticket_id)
        if not await desk.directory.may_work(ticket, user):
            raise NotAllowed(ticket.service, requester=user == ticket.requester)
        await desk.refuse_ended(ticket)  # over: who ended it, and when (``TicketEnded``)
        return ticket

    async def enqueue(self, message: Outgoing) -> str:
        """Store ``message`` in the outbox, due now; returns the item's id. The item's token goes
        in the message too (its role in Slack's metadata): a retry adopts only its own post."""
        now = self._conversation.desk.clock.now()
        token = uuid.uuid4().hex[:12]
        item_id = f"{message.ticket_id}:{message.kind}:{message.about}:{token}"
        await self._outbox.add([(item_id, replace(message, token=token))], now)
        return item_id

    async def deliver(self, item_id: str) -> Sent:
        """Try the queued item at once (the agent waits). Raises ``DeliveryFailed`` (Slack
        refused it for good; the history says so) or ``gone`` (no longer wanted)."""
        now = self._conversation.desk.clock.now()
        if await self._deliveries.deliver_now([item_id], now):
            return Sent.DELIVERED
        item = await self._outbox.get(item_id)
        if item is not None and item.state is OutboxState.FAILED:
            raise DeliveryFailed(item.last_error or "failed")
        if item is not None and item.state is OutboxState.CANCELLED:
            raise self.gone(item_id)
        return Sent.QUEUED
