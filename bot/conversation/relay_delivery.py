"""Delivering a relayed reply through the stored outbox (the ``Sender`` of both relay kinds).

A team reply goes to the requester's DM thread (opened first when the ticket has none), the
requester's reply to the ticket's channel thread. Each carries its ticket and role in Slack's
message metadata: after an attempt whose answer was lost (``since``), the relay (and a DM
thread it opened) is looked for and adopted instead of posted again. Once delivered it is
recorded in the ticket's history and its author sees the mark; never deliverable, the history
says so and its author sees the failure mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from bot.conversation.ports import RelayMark
from bot.domain.errors import DeliveryFailed
from bot.domain.models import HistoryAction, MessageRef, Outgoing, OutgoingKind
from bot.domain.outbox import message_role

if TYPE_CHECKING:
    from bot.conversation.relay import Conversation

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
        await relay.mark(reply, RelayMark.RELAYED)
        return ref

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        for message in messages:
            ticket = await self._conversation.desk.tickets.get(message.ticket_id)
            if ticket is not None and message.reply is not None:
                await self._conversation.failed(
                    ticket, message.reply, _FAILED[message.kind], reason
                )
