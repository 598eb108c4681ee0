"""The ticket writes that carry their audit line: every history entry Guichet writes, in
whichever way (a filing's insert, a conditional change, a record of what happened regardless of
the ticket's state), is written with its audit line in the same insert or update, then copied to
the audit log (``storage/audit.py``). The desk and the card outbox write through this, so no
history kind can be written without its line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.domain.audit import AuditEntry
from bot.domain.models import HistoryEntry, NewTicket, Ticket
from bot.tickets.audit_lines import change_line, settle
from storage.audit import AuditLog, pending_document
from storage.tickets import TicketRepository


class AuditedWrites:
    """``audit`` is ``None`` only in use-case tests that do not look at the log."""

    def __init__(self, tickets: TicketRepository, audit: AuditLog | None) -> None:
        self.tickets = tickets
        self.audit = audit

    def _line(self, entry: HistoryEntry) -> AuditEntry | None:
        return change_line(entry) if self.audit is not None else None

    async def create(self, new: NewTicket, unsettled: list[AuditEntry] | None = None) -> Ticket:
        """Store a new ticket; its ``created`` line is written by the same insert. Given
        ``unsettled``, the line is not copied to the log now but added to it, for ``settle``
        after the ack (an ack that waits only for what its answer needs); it rides on the
        ticket meanwhile, where the scheduler's sweep finds it if that never comes."""
        lines: list[AuditEntry] = []

        def line_of(entry: HistoryEntry) -> dict[str, Any]:
            lines.append(change_line(entry))
            return pending_document(lines[-1])

        ticket = await self.tickets.create(new, line_of if self.audit is not None else None)
        if unsettled is not None:
            unsettled.extend(lines)
        else:
            await settle(self.audit, ticket.id, lines)
        return ticket

    async def settle(self, ticket_id: str, lines: Sequence[AuditEntry]) -> None:
        """Copy to the log the lines ``create`` left ``unsettled``."""
        await settle(self.audit, ticket_id, lines)

    async def record(self, entry: HistoryEntry, changes: dict[str, Any] | None = None) -> None:
        """Append ``entry`` (with ``changes``) whatever the ticket's state: what happened
        regardless of it (posted, a post failed, files shared)."""
        line = self._line(entry)
        written = await self.tickets.record(
            entry, changes, audit_line=pending_document(line) if line else None
        )
        if written and line is not None:
            await settle(self.audit, entry.ticket_id, [line])

    async def update_if(
        self,
        condition: dict[str, Any],
        entry: HistoryEntry,
        changes: dict[str, Any],
        add: dict[str, Sequence[str]] | None = None,
        remove: dict[str, Sequence[str]] | None = None,
        push: dict[str, Sequence[Any]] | None = None,
    ) -> Ticket | None:
        """``TicketRepository.update_if`` with the entry's line: written only with the change."""
        line = self._line(entry)
        changed = await self.tickets.update_if(
            condition,
            entry,
            changes,
            add=add,
            remove=remove,
            audit_line=pending_document(line) if line else None,
            push=push,
        )
        if changed is not None and line is not None:
            await settle(self.audit, entry.ticket_id, [line])
        return changed
