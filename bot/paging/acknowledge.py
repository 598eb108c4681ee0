"""Acknowledging an emergency: one person takes the page, and the paging stops everywhere."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from bot.domain import oncall as paging_rules
from bot.domain.errors import AlreadyAcknowledged, NotPaging
from bot.domain.models import HistoryAction, HistoryEntry, OutgoingKind, Status, Ticket
from bot.outbox.ports import Messenger
from bot.paging.ports import PagedHomes
from bot.paging.reminders_answered import RemindersAnswered
from bot.telemetry.metrics import Metrics
from bot.tickets.desk import TicketDesk
from bot.tickets.ports import RequesterNotice
from storage.outbox import OutboxRepository

log = logging.getLogger(__name__)

PAGING_KINDS = (OutgoingKind.PAGE, OutgoingKind.LAST_LEVEL)


class Acknowledgements:
    def __init__(
        self,
        desk: TicketDesk,
        outbox: OutboxRepository,
        messenger: Messenger,
        metrics: Metrics,
        homes: PagedHomes,
    ) -> None:
        self.desk = desk
        self.homes = homes
        self.metrics = metrics
        self.outbox = outbox
        self.messenger = messenger
        self.reminders = RemindersAnswered(outbox, messenger)  # taken: no more "claim it"

    async def acknowledge(self, ticket_id: str, user: str) -> Ticket:
        """Record that ``user`` acknowledged the ticket's paging, now; exactly one of two
        simultaneous presses wins. Stops all paging (nothing queued goes out), updates every page
        sent, the channel message and the paged people's Home tabs, and tells the requester.

        Raises ``TicketNotFound``, ``TicketEnded`` (cancelled, resolved or closed),
        ``NotPaging``, ``NotAllowed`` (only on-call people and those who may work the service's
        tickets acknowledge) or ``AlreadyAcknowledged`` (who was first, and when); nothing is
        written then.
        """
        # told nothing of its state unless they may work it; cancelled or resolved: nobody is
        # "on it" now
        ticket = await self.desk.require_workable(ticket_id, user)
        paging = ticket.paging
        if paging is None:
            raise NotPaging(ticket.id)
        if paging.acked_by:
            raise AlreadyAcknowledged(ticket.id, paging.acked_by, paging.acked_at)
        at = self.desk.clock.now()
        acknowledged = await self._write(ticket, user, at)
        if acknowledged is None:  # claimed meanwhile? then acknowledge only
            current = await self.desk.require(ticket_id)
            if current.paging is not None and current.paging.acked_by is None:
                ticket, acknowledged = current, await self._write(current, user, at)
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
        await self.desk.notifier.refresh_ticket(acknowledged)
        await self.desk.notifier.tell_requester(acknowledged, RequesterNotice.ACKNOWLEDGED, user)
        await self.reminders.answered(ticket, acknowledged, at)
        # the page leaves the Home tab of everyone it paged (no one else's shows it)
        await self.homes.refresh(paging_rules.paged_people(acknowledged.paging))
        return acknowledged

    async def _write(self, ticket: Ticket, user: str, at: datetime) -> Ticket | None:
        """Record the acknowledgement, in one conditional update. Acknowledging takes the
        ticket (``ack_assigns``, on by default): an unassigned open ticket is assigned to whoever
        acknowledged, in progress, so nobody is told "someone is on it" while nobody is; the
        entry's ``after`` names them then."""
        assert ticket.paging is not None
        changes: dict[str, Any] = {"paging": paging_rules.acknowledge(ticket.paging, user, at)}
        expect: dict[str, Any] = {"paging.acked_by": None}
        service = self.desk.config.services.get(ticket.service)
        takes = bool(service and service.ack_assigns) and ticket.assignee is None
        if takes and ticket.is_open:
            changes["assignee"] = user
            expect["assignee"] = None
            if ticket.status is Status.NEW:
                changes["status"] = Status.IN_PROGRESS
                expect["status"] = Status.NEW
        taken = "assignee" in changes
        entry = HistoryEntry(
            ticket.id, at, user, HistoryAction.ACKNOWLEDGED, after=user if taken else None
        )
        return await self.desk.apply_change(ticket, entry, changes, expect)
