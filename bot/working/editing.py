"""Agent tools: correct a ticket's title and description, take a ticket off its assignee.

Who may edit: the people of its service, at any time while it is open; its requester too, until
someone has it (once claimed, what the agent is working on no longer moves under them). Only
its service's people may unassign; an in-progress ticket nobody has any more is new again
("in progress with nobody on it" does not exist). Authority comes from the stored ticket and
the roster; each write expects what it read, so a concurrent change wins cleanly.
"""

from __future__ import annotations

from bot.domain.errors import NotAllowed, TicketNotFound, WrongStatus
from bot.domain.models import HistoryAction, Status, Ticket
from bot.working.changes import Changed, ChangeWriter

TITLE_MAX = 150  # the filing form's bounds (``bot/filing/drafts.py``)
DESCRIPTION_MAX = 2800


class TicketEditing(ChangeWriter):
    async def editable(self, ticket_id: str, actor: str) -> Ticket:
        """The open ticket, if ``actor`` may edit it. Raises ``TicketNotFound``, ``NotAllowed``
        or ``WrongStatus``."""
        ticket = await self.desk.tickets.get(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        if not await self._may_edit(ticket, actor):
            raise NotAllowed(ticket.service, requester=actor == ticket.requester)
        await self.desk.refuse_ended(ticket)
        return ticket

    async def _may_edit(self, ticket: Ticket, actor: str) -> bool:
        if await self.desk.directory.may_work(ticket, actor):
            return True
        return actor == ticket.requester and ticket.assignee is None

    async def edit(
        self, ticket_id: str, actor: str, title: str, description: str
    ) -> Changed | None:
        """Write the new title and description; ``None`` when neither changed (nothing
        written). Raises as ``editable`` does, ``ValueError`` for an empty or too long text,
        ``StaleTicket`` when the ticket changed meanwhile."""
        title, description = " ".join(title.split()), description.strip()
        if not title or len(title) > TITLE_MAX or len(description) > DESCRIPTION_MAX:
            raise ValueError("title or description out of bounds")
        ticket = await self.editable(ticket_id, actor)
        fields = [
            name
            for name, old, new in (
                ("title", ticket.title, title),
                ("description", ticket.description, description),
            )
            if old != new
        ]
        if not fields:
            return None
        entry = self.entry(
            ticket,
            actor,
            HistoryAction.EDITED,
            before=ticket.title,
            after=title,
            note=",".join(fields),
        )
        expect: dict[str, object] = {
            "title": ticket.title,
            "description": ticket.description,
            "status": ticket.status,
            "service": ticket.service,
        }
        if actor == ticket.requester and not await self.desk.directory.may_work(ticket, actor):
            expect["assignee"] = None  # the requester's edit loses to a claim made meanwhile
        changes = {"title": title, "description": description}
        return await self.write(ticket, entry, changes, expect)

    async def unassign(self, ticket_id: str, actor: str, seen: str | None) -> Changed:
        """Take the ticket off its assignee (``seen``: the one the actor saw); back in the queue,
        new. Raises ``NotAllowed``, ``WrongStatus``, ``StaleTicket`` (someone else has it now)."""
        ticket = await self.desk.tickets.get(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        if not await self.desk.directory.may_work(ticket, actor):
            raise NotAllowed(ticket.service, requester=actor == ticket.requester)
        await self.desk.refuse_ended(ticket)
        await self.check_seen(ticket, {"assignee": seen})
        if ticket.assignee is None:
            raise WrongStatus(ticket.id, ticket.status)
        changes: dict[str, object] = {"assignee": None}
        if ticket.status is Status.IN_PROGRESS:
            changes["status"] = Status.NEW
        entry = self.entry(ticket, actor, HistoryAction.UNASSIGNED, before=ticket.assignee)
        expect = {"assignee": ticket.assignee, "status": ticket.status, "service": ticket.service}
        return await self.write(ticket, entry, changes, expect)
