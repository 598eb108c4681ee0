"""Resolving a ticket with how it was solved: the note (required or optional, as its service
says) and category are written with the status, in the same update, so a resolved ticket of a
service that requires a note never lacks one."""

from __future__ import annotations

from bot.domain.errors import GuichetError
from bot.domain.models import HistoryAction, Status
from bot.domain.resolution import NOTE_MAX, RESOLUTION, ResolutionNote
from bot.domain.resolution_categories import BUILT_IN, category_keys
from bot.domain.workflow import check_transition
from bot.working.changes import Changed
from bot.working.work import TicketWork


class NoteRequired(GuichetError):
    """The ticket's service asks how it was solved before it is resolved."""


class Resolving(TicketWork):
    def asks(self, service: str) -> ResolutionNote | None:
        """Whether ``service`` asks how its tickets were solved (and if it must be said)."""
        known = self.desk.config.services.get(service)
        return known.resolution_note if known else None

    def categories(self, service: str) -> tuple[str, ...]:
        """The resolution categories ``service`` offers, in order (``resolution_categories:``;
        by default the built-in list)."""
        known = self.desk.config.services.get(service)
        return category_keys(known.resolution_categories) if known else BUILT_IN

    def note_required(self, service: str) -> bool:
        return self.asks(service) is ResolutionNote.REQUIRED

    async def resolve(
        self,
        ticket_id: str,
        actor: str,
        seen: Status,
        note: str,
        category: str | None,
    ) -> Changed:
        """Resolve the ticket (from ``seen``, the status the actor saw), keeping ``note`` and
        ``category``. Raises ``NotAllowed``, ``StaleTicket``, ``IllegalTransition``,
        ``NoteRequired``, ``TicketEnded``, ``ValueError`` (a category the STORED ticket's
        service does not offer); nothing is written then."""
        ticket = await self.open_workable(ticket_id, actor)
        await self.check_seen(ticket, {"status": seen}, actor)  # or moved by their own change
        check_transition(ticket.status, Status.RESOLVED)
        if category is not None and category not in self.categories(ticket.service):
            raise ValueError(f"{ticket.service} has no resolution category {category!r}")
        note = note.strip()[:NOTE_MAX]
        if not note and self.note_required(ticket.service):
            raise NoteRequired(ticket.id)
        resolution = {"note": note, "category": category, "by": actor}
        entry = self.entry(
            ticket, actor, HistoryAction.STATUS, before=ticket.status, after=Status.RESOLVED
        )
        changes: dict[str, object] = {"status": Status.RESOLVED, f"extra.{RESOLUTION}": resolution}
        expect = {"status": ticket.status, "service": ticket.service}
        return await self.write(ticket, entry, changes, expect)
