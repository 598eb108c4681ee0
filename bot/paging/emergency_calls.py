"""A person decides what is an emergency: "This is an emergency" and "Not an emergency".

Guichet never pages on its own reading of a text (``bot/filing/from_message.py`` files a
suspected emergency as a high-priority incident). One of the service's people may declare it
an emergency from its card: it becomes an emergency (P1) and paging starts, unless someone has
already taken it. And an on-call person paged for something that is not an emergency says so
on the page: paging stops everywhere (nothing queued goes out, the pages sent say who decided),
the ticket becomes an incident with the priority they chose, the requester is told, and the
history says who. Authority comes from the stored ticket and the service's people, each change
is one conditional update: two presses at once make one change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.domain import oncall as paging_rules
from bot.domain.errors import NoChange, NotAllowed, NotPaging
from bot.domain.models import (
    NOT_EMERGENCY_BY,
    SUSPECTED_EMERGENCY,
    HistoryAction,
    HistoryEntry,
    OutgoingKind,
    Priority,
    Ticket,
    TicketType,
)
from bot.outbox.ports import Messenger
from bot.paging.acknowledge import PAGING_KINDS
from bot.tickets.desk import TicketDesk
from bot.tickets.ports import RequesterNotice
from storage.outbox import OutboxRepository

log = logging.getLogger(__name__)


class EmergencyCalls:
    def __init__(
        self,
        desk: TicketDesk,
        outbox: OutboxRepository,
        messenger: Messenger,
        wake: Callable[[], None],
    ) -> None:
        """``wake`` asks the scheduler for a tick now (a declared emergency pages at once)."""
        self.desk = desk
        self.outbox = outbox
        self.messenger = messenger
        self.wake = wake

    async def declare(self, ticket_id: str, user: str) -> Ticket:
        """``user`` (one of the service's people) says the open ticket is an emergency: it
        becomes one, P1, and pages on-call at once when nobody has taken it yet.

        Raises ``TicketNotFound``, ``WrongStatus`` (no longer open), ``NoChange`` (already an
        emergency), ``NotAllowed`` or ``StaleTicket`` (it changed meanwhile); writes nothing
        then."""
        ticket = await self.desk.require(ticket_id)
        await self.desk.refuse_ended(ticket)
        if ticket.type is TicketType.EMERGENCY:
            raise NoChange(ticket.id, "type", TicketType.EMERGENCY.value)
        if not await self.desk.directory.may_work(ticket, user):
            raise NotAllowed(ticket.service)
        at = self.desk.clock.now()
        entry = HistoryEntry(
            ticket.id,
            at,
            user,
            HistoryAction.EMERGENCY_DECLARED,
            before=ticket.type.value,
            after=TicketType.EMERGENCY.value,
        )
        changes: dict[str, object] = {
            "type": TicketType.EMERGENCY,
            "priority": Priority.P1,
            "extra": _without_suspicion(ticket),
        }
        if ticket.assignee is None:
            changes["paging"] = paging_rules.start(at)
        expect = {"type": ticket.type, "status": ticket.status, "assignee": ticket.assignee}
        declared = await self.desk.apply_change(ticket, entry, changes, expect)
        if declared is None:
            raise await self.desk.stale(ticket.id)
        log.info("%s declared an emergency by %s", ticket.id, user, extra={"ticket_id": ticket.id})
        await self.desk.notifier.refresh_ticket(declared)
        await self.desk.notifier.tell_requester(declared, RequesterNotice.EMERGENCY_DECLARED, user)
        if declared.paging is not None and declared.paging.active:
            self.wake()
        return declared

    async def dismiss(self, ticket_id: str, user: str, priority: Priority) -> Ticket:
        """``user`` (paged, or one of the service's people) says the paging emergency is not
        one: paging stops, it becomes an incident of ``priority``.

        Raises ``TicketNotFound``, ``NotPaging`` (not an emergency paging now: acknowledged,
        stopped or already dismissed), ``NotAllowed`` or ``StaleTicket``; writes nothing then."""
        ticket = await self.desk.require(ticket_id)
        await self.desk.refuse_ended(ticket)
        paging = ticket.paging
        if ticket.type is not TicketType.EMERGENCY or paging is None or not paging.active:
            raise NotPaging(ticket.id)
        if not await self.desk.directory.may_work(ticket, user):
            raise NotAllowed(ticket.service)
        at = self.desk.clock.now()
        entry = HistoryEntry(
            ticket.id,
            at,
            user,
            HistoryAction.NOT_EMERGENCY,
            before=ticket.priority.value,
            after=priority.value,
        )
        changes = {
            "type": TicketType.INCIDENT,
            "priority": priority,
            "paging": paging_rules.stop(paging, at),
            "extra": {**_without_suspicion(ticket), NOT_EMERGENCY_BY: user},
        }
        expect = {
            "type": TicketType.EMERGENCY,
            "paging.acked_by": None,
            "paging.stopped_at": None,
        }
        dismissed = await self.desk.apply_change(ticket, entry, changes, expect)
        if dismissed is None:
            raise NotPaging(ticket.id)
        log.info("%s is not an emergency, says %s", ticket.id, user, extra={"ticket_id": ticket.id})
        await self.outbox.cancel_pending(ticket.id, PAGING_KINDS, at)
        sent = await self.outbox.sent_for(ticket.id, [OutgoingKind.PAGE])
        await self.messenger.show_acknowledged(dismissed, sent)
        await self.desk.notifier.refresh_ticket(dismissed)
        await self.desk.notifier.tell_requester(dismissed, RequesterNotice.NOT_EMERGENCY, user)
        return dismissed


def _without_suspicion(ticket: Ticket) -> dict[str, object]:
    """The ticket's facts once a person decided: no longer a suspected emergency."""
    return {key: value for key, value in ticket.extra.items() if key != SUSPECTED_EMERGENCY}
