"""What reaches a requester in their ticket's DM thread through the stored outbox shares one
delivery: an article (``article_delivery.py``), a saved reply (``saved_reply.py``), the notice
of a merge (``merge_notice.py``). The outbox stores it before it is sent, tries it at once and
retries it from the scheduler's ticks (``bot/outbox/deliveries.py``); once it is in the DM
thread the ticket's history records it, and one that can never go is recorded as failed. Each
post carries its ticket and role (with its outbox item's token) in Slack's message metadata:
after an attempt whose answer was lost, the thread is searched for it as relays are
(``Relay.find_relayed``) and what is found is adopted, never posted twice.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from bot.conversation.ports import ThreadPost
from bot.conversation.relay import Conversation
from bot.domain.models import HistoryAction, HistoryEntry, MessageRef, Outgoing, Ticket
from bot.domain.outbox import message_role, team_note_role

log = logging.getLogger(__name__)


class RequesterDelivery:
    """An outbox ``Sender`` of one kind of message to the requester's DM thread; subclasses say
    whether it is still wanted and how it is posted."""

    grouped = False
    recorded: HistoryAction | None = None  # the history entry written once it is delivered
    notes_team = False  # whether the channel thread gets a note (looked for too, when retried)

    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation

    async def wanted(self, ticket: Ticket, message: Outgoing) -> bool:
        """Whether ``message`` should still go (by default: while the ticket is open)."""
        return ticket.is_open

    async def post(self, ticket: Ticket, post: ThreadPost, message: Outgoing) -> None:
        """Post ``message`` in ``post.thread``, unless ``post.found`` holds it already (raises
        ``DeliveryFailed`` / ``DeliveryDeferred``)."""
        raise NotImplementedError

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        """Post the message in the requester's DM thread and record it; ``None`` when it is no
        longer wanted (the ticket gone or ended, what it carries withdrawn meanwhile). After an
        attempt whose answer was lost (``since``), the DM thread it opened and the message it
        posted there are adopted."""
        message = messages[0]
        desk = self.conversation.desk
        ticket = await desk.tickets.get(message.ticket_id)
        if ticket is None or not await self.wanted(ticket, message):
            return None
        relay, role = self.conversation.relay, message_role(message)
        thread = await self.conversation.requester_thread(ticket, since)
        found = noted = None
        if since is not None:  # an attempt may have posted them, then failed or lost the answer
            found = await relay.find_relayed(ticket, thread, role, since)
            if self.notes_team and ticket.message is not None:
                noted = await relay.find_relayed(
                    ticket, ticket.message, team_note_role(role), since
                )
        await self.post(ticket, ThreadPost(thread, role, found, noted), message)
        if self.recorded is not None:
            actor = message.actor or ""
            entry = HistoryEntry(ticket.id, now, actor, self.recorded, after=message.about)
            await desk.apply_change(ticket, entry, {}, expect={})
        log.info("ticket %s: %s %s sent", ticket.id, message.kind, message.about)
        return thread

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        """Never delivered: the ticket's history says so (the agent sees it in ``/ticket show``)."""
        desk = self.conversation.desk
        for message in messages:
            ticket = await desk.tickets.get(message.ticket_id)
            if ticket is None:
                continue
            entry = HistoryEntry(
                ticket.id,
                desk.clock.now(),
                message.actor or "",
                HistoryAction.RELAY_TO_REQUESTER_FAILED,
                after=message.about,
                note=reason,
            )
            await desk.apply_change(ticket, entry, {}, expect={})
            log.error("ticket %s: %s never delivered: %s", ticket.id, message.kind, reason)
