"""A person decides what is an emergency: "This is an emergency" and "Not an emergency".

Guichet never pages on its own reading of a text (``bot/filing/from_message.py`` files a
suspected emergency as a high-priority incident). One of the service's people may declare any
open ticket an emergency from its card (a suspected one, or an ordinary incident that turns out
to be a major outage): it becomes an emergency (P1) and paging starts, unless someone has
already taken it. And one of them may say an open emergency is not one, while it pages or after
it was acknowledged: paging stops everywhere (nothing queued goes out, the pages sent say who
decided, the paged people's Home tabs no longer show it), the ticket becomes an incident with
the priority they chose, the requester is told, and the history says who. A ticket in a
problem link keeps its type (``bot/domain/reclassification.py``), as with "Change type".
Authority comes from the stored ticket and the service's people, each change is one conditional
update: two presses at once make one change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.domain import oncall as paging_rules
from bot.domain.errors import NoChange
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
from bot.domain.reclassification import refuse_if_linked
from bot.outbox.ports import Messenger
from bot.paging.acknowledge import PAGING_KINDS
from bot.paging.ports import PagedHomes
from bot.paging.reminders_answered import RemindersAnswered
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
        homes: PagedHomes,
    ) -> None:
        """``wake`` asks the scheduler for a tick now (a declared emergency pages at once)."""
        self.desk = desk
        self.homes = homes
        self.outbox = outbox
        self.messenger = messenger
        self.wake = wake
        self.reminders = RemindersAnswered(outbox, messenger)  # "the paging goes on": no more

    async def declare(self, ticket_id: str, user: str, seen: TicketType | None = None) -> Ticket:
        """``user`` (one of the service's people) says the open ticket is an emergency: it
        becomes one, P1, and pages on-call at once when nobody has taken it yet. ``seen`` is
        the type the card showed (``None``: a card drawn before it carried one).

        Raises ``TicketNotFound``, ``TicketEnded`` (no longer open), ``NotAllowed``,
        ``StaleTicket`` (its type is not the one seen, or it changed meanwhile), ``NoChange``
        (already an emergency) or ``TypeHeldByLinks``; writes nothing then."""
        ticket = await self.desk.require_workable(ticket_id, user)
        if seen is not None and ticket.type is not seen:
            raise await self.desk.stale(ticket.id)
        if ticket.type is TicketType.EMERGENCY:
            raise NoChange(ticket.id, "type", TicketType.EMERGENCY.value)
        refuse_if_linked(ticket)
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
            "extra": _decided(ticket),
        }
        if ticket.assignee is None:
            changes["paging"] = paging_rules.start(at)
        expect = {
            "type": ticket.type,
            "status": ticket.status,
            "assignee": ticket.assignee,
            "problem_id": None,
        }
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
        """``user`` (paged, or one of the service's people) says the open emergency is not
        one, whether it is paging, was acknowledged or never paged: paging stops if it runs,
        and it becomes an incident of ``priority``.

        Raises ``TicketNotFound``, ``TicketEnded``, ``NotAllowed``, ``NoChange`` (not an
        emergency: someone already decided), ``TypeHeldByLinks`` or ``StaleTicket``; writes
        nothing then."""
        ticket = await self.desk.require_workable(ticket_id, user)
        if ticket.type is not TicketType.EMERGENCY:
            raise NoChange(ticket.id, "type", ticket.type.value)
        refuse_if_linked(ticket)
        at = self.desk.clock.now()
        entry = HistoryEntry(
            ticket.id,
            at,
            user,
            HistoryAction.NOT_EMERGENCY,
            before=ticket.priority.value,
            after=priority.value,
        )
        changes: dict[str, object] = {
            "type": TicketType.INCIDENT,
            "priority": priority,
            "extra": {**_decided(ticket), NOT_EMERGENCY_BY: user},
        }
        expect: dict[str, object] = {
            "type": TicketType.EMERGENCY,
            "status": ticket.status,
            "problem_id": None,
            "linked_incidents": [],  # none linked meanwhile (storm mode)
        }
        paging = ticket.paging if ticket.paging is not None and ticket.paging.active else None
        if paging is not None:  # stopped as it stands, and not over an acknowledgement
            changes["paging"] = paging_rules.stop(paging, at)
            expect |= {"paging.acked_by": None, "paging.stopped_at": None}
        dismissed = await self.desk.apply_change(ticket, entry, changes, expect)
        if dismissed is None:
            raise await self.desk.stale(ticket.id)
        log.info("%s is not an emergency, says %s", ticket.id, user, extra={"ticket_id": ticket.id})
        await self.outbox.cancel_pending(ticket.id, PAGING_KINDS, at)
        if paging is not None:  # acknowledged pages already lost their buttons, say who took it
            sent = await self.outbox.sent_for(ticket.id, [OutgoingKind.PAGE])
            await self.messenger.show_acknowledged(dismissed, sent)
            # and it leaves the Home tab of everyone it paged
            await self.homes.refresh(paging_rules.paged_people(paging))
        await self.desk.notifier.refresh_ticket(dismissed)
        await self.desk.notifier.tell_requester(dismissed, RequesterNotice.NOT_EMERGENCY, user)
        await self.reminders.answered(ticket, dismissed, at)
        return dismissed


def _decided(ticket: Ticket) -> dict[str, object]:
    """The ticket's facts once a person decided: no longer a suspected emergency, nor one a
    person said was not (that decision is replaced by this one)."""
    dropped = (SUSPECTED_EMERGENCY, NOT_EMERGENCY_BY)
    return {key: value for key, value in ticket.extra.items() if key not in dropped}
