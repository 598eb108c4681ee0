"""Delivering a relayed reply through the stored outbox (the ``Sender`` of both relay kinds).

A team reply goes to the requester's DM thread (opened first when the ticket has none), the
requester's reply to the ticket's channel thread. Each carries its ticket and role in Slack's
message metadata: after an attempt whose answer was lost (``since``), the relay (and a DM
thread it opened) is looked for and adopted instead of posted again. Once delivered it is
recorded in the ticket's history and its author sees the mark; never deliverable, the history
says so and its author sees the failure mark.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from bot.conversation.ports import RelayMark
from bot.domain.errors import DeliveryDeferred, DeliveryFailed
from bot.domain.models import HistoryAction, MessageRef, Outgoing, OutgoingKind
from bot.domain.outbox import OutboxState, message_role

if TYPE_CHECKING:
    from bot.conversation.relay import Conversation

log = logging.getLogger(__name__)

_FAILED = {
    OutgoingKind.RELAY_TO_REQUESTER: HistoryAction.RELAY_TO_REQUESTER_FAILED,
    OutgoingKind.RELAY_TO_TEAM: HistoryAction.RELAY_TO_TEAM_FAILED,
}


class RelayDelivery:
    grouped = False

    def __init__(self, conversation: Conversation) -> None:
        self._conversation = conversation

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        message = messages[0]
        conversation, reply = self._conversation, message.reply
        ticket = await conversation.desk.tickets.get(message.ticket_id)
        if ticket is None or reply is None:
            return None  # erased meanwhile
        relay, role = conversation.relay, message_role(message)
        if message.kind is OutgoingKind.RELAY_TO_REQUESTER:
            where = await conversation.requester_thread(ticket, since)
        elif ticket.message is not None:
            where = ticket.message
        else:
            raise DeliveryFailed("the ticket has no channel message")
        ref = await relay.find_relayed(ticket, where, role, since) if since else None
        if ref is None and message.kind is OutgoingKind.RELAY_TO_REQUESTER:
            ref = await relay.to_requester(ticket, where, reply, role)
        elif ref is None:
            ref = await relay.to_team(ticket, reply, role)
        if message.kind is OutgoingKind.RELAY_TO_REQUESTER:
            await conversation.record(ticket, reply, HistoryAction.RELAYED_TO_REQUESTER)
        else:
            await conversation.record(ticket, reply, HistoryAction.RELAYED_TO_TEAM, resume=True)
            await conversation.copy_files(ticket, reply, now)
        await relay.mark(reply, RelayMark.RELAYED)
        return ref

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        for message in messages:
            ticket = await self._conversation.desk.tickets.get(message.ticket_id)
            if ticket is not None and message.reply is not None:
                await self._conversation.failed(
                    ticket, message.reply, _FAILED[message.kind], reason
                )


class RelayCorrection:
    """The outbox's ``Sender`` of ``OutgoingKind.RELAY_CORRECTED``: a relayed reply its author
    edited or deleted, its copy on the other side updated or deleted where the relay's outbox
    item recorded it (a relay still queued is cancelled, a deletion's; an edit waits for it)."""

    grouped = False

    def __init__(self, conversation: Conversation) -> None:
        self._conversation = conversation

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        message = messages[0]
        conversation = self._conversation
        relay = await conversation.outbox.get(message.about or "")
        ticket = await conversation.desk.tickets.get(message.ticket_id)
        if relay is None or ticket is None:
            return None  # never relayed (a note, a reply not heard), or erased since
        if relay.state is OutboxState.PENDING:
            if message.reply is not None:
                raise DeliveryDeferred("the relay it corrects is not delivered yet")
            await conversation.outbox.cancel(relay.id, now)  # deleted before it went
            return None
        if relay.state is not OutboxState.SENT or relay.sent is None:
            return None  # never delivered: nothing shows it
        to_requester = relay.message.kind is OutgoingKind.RELAY_TO_REQUESTER
        await conversation.relay.correct(ticket, relay.sent, message.reply, to_requester)
        return relay.sent

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        for message in messages:
            log.error(
                "ticket %s: the copy of a relayed reply could not be %s: %s",
                message.ticket_id,
                "deleted" if message.reply is None else "updated",
                reason,
                extra={"ticket_id": message.ticket_id},
            )
