"""Agents working a ticket: assign it, change its status, priority or type, send it to another
service.

Only the people of the ticket's service may (``Directory.may_work``). Each use case takes what
the person acting saw (``seen``) and refuses with ``StaleTicket`` when the ticket changed since;
its write also expects the service it read, so a change racing a reassignment is not made by
someone who no longer works the ticket. It returns a ``Changed`` for
``ChangeAnnouncer.announce``; nothing is written when it raises.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.errors import (
    CannotWork,
    EmergencyPriority,
    LinksAcrossPrivacy,
    NoChange,
    NotAllowed,
    TicketNotFound,
)
from bot.domain.models import OPEN_STATUSES, HistoryAction, Priority, Status, Ticket, TicketType
from bot.domain.reclassification import RECLASSIFIABLE, refuse_if_linked
from bot.domain.workflow import check_transition
from bot.governance.privacy import may_link
from bot.working.changes import Changed, ChangeWriter
from storage.ticket_documents import EARLIER_CARDS

OWNED = frozenset({Status.IN_PROGRESS, Status.WAITING_ON_REQUESTER})
"""Statuses someone must own: set on a ticket nobody has, it becomes theirs (as Claim does)."""


class TicketWork(ChangeWriter):
    async def workable(self, ticket_id: str, actor: str) -> Ticket:
        """The ticket, if ``actor`` may work it. Raises ``TicketNotFound`` or ``NotAllowed``."""
        ticket = await self.desk.tickets.get(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        if not await self.desk.directory.may_work(ticket, actor):
            raise NotAllowed(ticket.service, requester=actor == ticket.requester)
        return ticket

    async def open_workable(self, ticket_id: str, actor: str) -> Ticket:
        """The ticket, if ``actor`` may work it and it is not over. Raises as ``workable``, or
        ``TicketEnded`` (who ended it, when)."""
        ticket = await self.workable(ticket_id, actor)
        await self.desk.refuse_ended(ticket)
        return ticket

    async def assign(self, ticket_id: str, actor: str, assignee: str, seen: str | None) -> Changed:
        """Give the ticket to ``assignee`` (one of its service's people); ``seen`` is the
        assignee the actor saw. A new ticket goes in progress, as when claimed."""
        ticket = await self.open_workable(ticket_id, actor)
        await self.check_seen(ticket, {"assignee": seen})
        if ticket.assignee == assignee:
            raise NoChange(ticket.id, "assignee", assignee)
        if not await self.desk.directory.may_work(ticket, assignee):
            raise CannotWork(assignee, ticket.service)
        changes: dict[str, object] = {"assignee": assignee}
        if ticket.status is Status.NEW:
            changes["status"] = Status.IN_PROGRESS
        entry = self.entry(
            ticket, actor, HistoryAction.ASSIGNED, before=ticket.assignee, after=assignee
        )
        expect = {"assignee": ticket.assignee, "status": ticket.status, "service": ticket.service}
        return await self.write(ticket, entry, changes, expect)

    async def change_status(
        self, ticket_id: str, actor: str, wanted: Status, seen: Status | None = None
    ) -> Changed:
        """Move the ticket to ``wanted`` if the state machine allows it from ``seen`` (the
        status the actor saw; the current one when ``None``; one the actor's own last change
        moved on, a claim say, is acted from as it is now). Raises ``IllegalTransition``,
        ``NoChange`` (their own change set it already)."""
        ticket = await self.workable(ticket_id, actor)
        await self.desk.refuse_ended(ticket, wanted)
        as_seen = await self.check_seen(ticket, {"status": seen or ticket.status}, actor)
        if not as_seen and ticket.status is wanted:  # their own change did it already
            raise NoChange(ticket.id, "status", wanted.value)
        check_transition(ticket.status, wanted)
        expect: dict[str, object] = {"status": ticket.status, "service": ticket.service}
        changes: dict[str, object] = {"status": wanted}
        if wanted in OWNED and ticket.assignee is None:
            # nobody is "on it" without a name: who puts it in progress takes it; who asks the
            # requester something owns the follow-up (their answer puts it back in progress)
            changes["assignee"] = actor
            expect["assignee"] = None
        entry = self.entry(ticket, actor, HistoryAction.STATUS, before=ticket.status, after=wanted)
        return await self.write(ticket, entry, changes, expect)

    async def change_priority(
        self, ticket_id: str, actor: str, wanted: Priority, seen: Priority | None = None
    ) -> Changed:
        ticket = await self.open_workable(ticket_id, actor)
        # a priority their own last change moved on: acted from as it is now
        await self.check_seen(ticket, {"priority": seen or ticket.priority}, actor)
        if ticket.priority is wanted:
            raise NoChange(ticket.id, "priority", wanted)
        if ticket.type is TicketType.EMERGENCY and wanted is not Priority.P1:
            # a P3 that pages and escalates is no emergency: "Not an emergency" says so
            refuse_if_linked(ticket)  # linked, it is not offered either: Unlink first
            raise EmergencyPriority(ticket.id)
        entry = self.entry(
            ticket, actor, HistoryAction.PRIORITY, before=ticket.priority, after=wanted
        )
        expect = {"priority": ticket.priority, "status": ticket.status, "service": ticket.service}
        return await self.write(ticket, entry, {"priority": wanted}, expect)

    async def reassign(
        self, ticket_id: str, actor: str, service: str, seen: str | None = None
    ) -> Changed:
        """Send the ticket to another service: it is unassigned there and its channel message
        moves (``announce`` posts it in the new channel). Raises ``ValueError`` for a service the
        services file does not know, ``LinksAcrossPrivacy`` when its links would join a private
        service's case with another team's."""
        if service not in self.desk.config.services:
            raise ValueError(f"unknown service {service!r}")
        ticket = await self.open_workable(ticket_id, actor)
        await self.check_seen(ticket, {"service": seen or ticket.service})
        if ticket.service == service:
            raise NoChange(ticket.id, "service", service)
        await self.refuse_links_across_privacy(ticket, service)
        entry = self.entry(
            ticket, actor, HistoryAction.REASSIGNED, before=ticket.service, after=service
        )
        changes: dict[str, object] = {"service": service, "assignee": None, "message": None}
        if ticket.status is Status.IN_PROGRESS:  # nobody has it in the new team: it is new there
            changes["status"] = Status.NEW
        expect = {"service": ticket.service, "status": ticket.status}
        # the card it leaves keeps its place: its thread holds what the bot posted under it
        # (copies of files, relays), which retention and an erasure clean as the new one's
        kept: dict[str, Sequence[object]] | None = None
        if ticket.message is not None:
            kept = {EARLIER_CARDS: [ticket.message]}
        return await self.write(ticket, entry, changes, expect, push=kept)

    async def refuse_links_across_privacy(self, ticket: Ticket, service: str) -> None:
        """Raise ``LinksAcrossPrivacy`` when ``ticket``, sent to ``service``, would be linked
        with a case it could never have joined there (storm mode's rule, ``may_link``): linked to
        a problem or emergency of another team while one of the two is private, or holding open
        incidents of such teams. Finished incidents stay linked (nothing unlinks them), and the
        reports never name another team's private problem."""
        config = self.desk.config
        if ticket.problem_id is not None:
            parent = await self.desk.tickets.get(ticket.problem_id)
            if parent is not None and not may_link(config, service, parent.service):
                raise LinksAcrossPrivacy(ticket.id, service, parent.id)
        if ticket.linked_incidents:
            apart = [other for other in config.services if not may_link(config, other, service)]
            linked = await self.desk.tickets.linked_from(
                ticket.id, apart, OPEN_STATUSES, len(ticket.linked_incidents)
            )
            if linked:
                raise LinksAcrossPrivacy(ticket.id, service, None, len(linked))

    async def change_type(
        self, ticket_id: str, actor: str, wanted: TicketType, seen: TicketType
    ) -> Changed:
        """Correct the ticket's type to ``wanted``; ``seen`` is the type the actor saw. Only
        between the types that are not an emergency (``bot/domain/reclassification.py``):
        anything else is a value no card offers (``ValueError``). Raises as ``change_priority``,
        or ``TypeHeldByLinks`` while a problem link holds the type. The write expects the
        ticket still unlinked, so a link made meanwhile wins and this change is stale."""
        if wanted not in RECLASSIFIABLE or seen not in RECLASSIFIABLE:
            raise ValueError(f"not a type an agent chooses: {seen} -> {wanted}")
        ticket = await self.open_workable(ticket_id, actor)
        await self.check_seen(ticket, {"type": seen}, actor)  # or their own change moved it
        if ticket.type is wanted:
            raise NoChange(ticket.id, "type", wanted)
        refuse_if_linked(ticket)
        entry = self.entry(
            ticket, actor, HistoryAction.TYPE_CHANGED, before=ticket.type, after=wanted
        )
        expect: dict[str, object] = {
            "type": ticket.type,
            "status": ticket.status,
            "service": ticket.service,
            "problem_id": None,
            "linked_incidents.0": {"$exists": False},  # none linked (or no list at all)
        }
        return await self.write(ticket, entry, {"type": wanted}, expect)
