"""Acknowledging an emergency: one person takes the page, and the paging stops everywhere."""

from __future__ import annotations

import logging

from bot.domain import oncall as paging_rules
from bot.domain.errors import AlreadyAcknowledged, NotAllowed, NotPaging
from bot.domain.models import HistoryAction, HistoryEntry, OutgoingKind, Ticket
from bot.outbox.ports import Messenger
from bot.telemetry.metrics import Metrics
from bot.tickets.desk import TicketDesk
from bot.tickets.ports import RequesterNotice
from storage.outbox import OutboxRepository

log = logging.getLogger(__name__)

PAGING_KINDS = (OutgoingKind.PAGE, OutgoingKind.LAST_LEVEL)


class Acknowledgements:
    def __init__(
        self, desk: TicketDesk, outbox: OutboxRepository, messenger: Messenger, metrics: Metrics
    ) -> None:
        self.desk = desk
        self.metrics = metrics
        self.outbox = outbox
        self.messenger = messenger

    async def acknowledge(self, ticket_id: str, user: str) -> Ticket:
        """Record that ``user`` acknowledged the ticket's paging, now; exactly one of two
        simultaneous presses wins. Stops all paging (nothing queued goes out), updates every page
        sent and the channel message, and tells the requester.

        Raises ``TicketNotFound``, ``TicketEnded`` (cancelled, resolved or closed),
        ``NotPaging``, ``NotAllowed`` (only on-call people and those who may work the service's
        tickets acknowledge) or ``AlreadyAcknowledged`` (who was first, and when); nothing is
        written then.
        """
        ticket = await self.desk.require(ticket_id)
        if not ticket.is_open:  # cancelled or resolved: nobody is "on it" any more
            raise await self.desk.ended(ticket)
        paging = ticket.paging
        if paging is None:
            raise NotPaging(ticket.id)
        if paging.acked_by:
            raise AlreadyAcknowledged(ticket.id, paging.acked_by, paging.acked_at)
        if not await self.desk.directory.may_work(ticket, user):
            raise NotAllowed(ticket.service)
        at = self.desk.clock.now()
        entry = HistoryEntry(ticket.id, at, user, HistoryAction.ACKNOWLEDGED)
        acknowledged = await self.desk.apply_change(
            ticket,
            entry,
            {"paging": paging_rules.acknowledge(paging, user, at)},
            expect={"paging.acked_by": None},
        )
        if acknowledged is None:  # someone acknowledged between our read and our write
            current = await self.desk.require(ticket_id)
            if not current.is_open:
                raise await self.desk.ended(current)
            first = current.paging
            if first is None or first.acked_by is None:
                raise NotPaging(ticket.id)
            raise AlreadyAcknowledged(ticket.id, first.acked_by, first.acked_at)
        log.info("%s acknowledged by %s", ticket.id, user, extra={"ticket_id": ticket.id})
        self.metrics.pages_acknowledged.inc()
        await self.outbox.cancel_pending(ticket.id, PAGING_KINDS, at)
        sent = await self.outbox.sent_for(ticket.id, [OutgoingKind.PAGE])
        await self.messenger.show_acknowledged(acknowledged, sent)
        await self.desk.notifier.refresh_ticket(acknowledged, entry)
        await self.desk.notifier.tell_requester(acknowledged, RequesterNotice.ACKNOWLEDGED, user)
        return acknowledged
