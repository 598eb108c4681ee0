"""Telling a person that someone else took a ticket off them (Unassign pressed by a teammate, or
the ticket given to another agent): a DM in their language, through the stored outbox like the
requester's DMs, so a Slack outage delays it and a lost answer never doubles it. Said only while
it is still true when it goes: a DM that finds them on the ticket again is dropped."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.domain.models import HistoryAction, MessageRef, Outgoing, OutgoingKind, Ticket
from bot.tickets.desk import TicketDesk
from bot.tickets.ports import Courier
from bot.working.changes import Changed

log = logging.getLogger(__name__)

TAKEN_OFF = frozenset({HistoryAction.UNASSIGNED, HistoryAction.ASSIGNED})


class FormerAssigneePort(Protocol):
    """The Slack side: the DM posted with its metadata, and found after a lost answer. Both
    raise ``DeliveryDeferred`` (try later) or ``DeliveryFailed`` (never)."""

    async def send_dm(self, ticket: Ticket, message: Outgoing) -> MessageRef: ...

    async def find_dm(
        self, ticket: Ticket, message: Outgoing, since: datetime
    ) -> MessageRef | None: ...


def taken_off(changed: Changed) -> str | None:
    """Who ``changed`` took the ticket off, when someone else did it: the assignee before an
    unassignment or an assignment to another person, not the one acting."""
    entry = changed.entry
    former = changed.before.assignee
    if entry.action not in TAKEN_OFF or former is None:
        return None
    if former == entry.actor or former == changed.ticket.assignee:
        return None
    return former


class FormerAssigneeDms:
    """A follower of ``ChangeAnnouncer`` (``after_change``) and the outbox's ``Sender`` of
    ``OutgoingKind.FORMER_ASSIGNEE``."""

    grouped = False

    def __init__(self, desk: TicketDesk, courier: Courier, port: FormerAssigneePort) -> None:
        self.desk = desk
        self.courier = courier
        self.port = port

    async def after_change(self, changed: Changed) -> None:
        former = taken_off(changed)
        if former is None:
            return
        entry = changed.entry
        message = Outgoing(
            OutgoingKind.FORMER_ASSIGNEE,
            changed.ticket.id,
            former,
            about=entry.action.value,
            actor=entry.actor,
            token=entry.at.isoformat(),
        )
        kind = OutgoingKind.FORMER_ASSIGNEE
        item_id = f"{changed.ticket.id}:{kind}:{former}:{entry.at.isoformat()}"
        await self.courier.store_and_deliver([(item_id, message)], self.desk.clock.now())

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        message = messages[0]
        ticket = await self.desk.tickets.get(message.ticket_id)
        if ticket is None or ticket.assignee == message.recipient:
            return None  # gone (erased), or theirs again: nothing true to say
        if since is not None:
            found = await self.port.find_dm(ticket, message, since)
            if found is not None:
                return found
        return await self.port.send_dm(ticket, message)

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        for message in messages:
            log.error(
                "could not tell %s that %s was taken off them: %s",
                message.recipient,
                message.ticket_id,
                reason,
                extra={"ticket_id": message.ticket_id},
            )
