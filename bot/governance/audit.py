"""The audit log's use cases: record a refusal, copy the lines left pending on tickets, and
read the log (admins only) for ``/ticket audit [period]``.

A change's line is written by the ticket desk in the change's own update
(``bot/tickets/desk.py``); a refusal changes no ticket, so its line is written here on its own,
when the person is told why nothing changed (``handlers/kit/refusals.py``).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.audit import AuditEntry, Outcome, new_id
from bot.domain.clock import Clock
from bot.domain.errors import GuichetError, StoreRejected, StoreUnavailable
from bot.domain.periods import last_days
from bot.telemetry.isolation import WHY_MAX, isolated
from bot.tickets.audit_lines import current_surface
from bot.tickets.ports import Directory
from storage.audit import AuditLog

log = logging.getLogger(__name__)

MAX_LINES = 50_000  # an audit export holds at most this many lines (the oldest first)
SWEEP_BATCH = 200  # tickets with pending lines copied per tick at most
UNKEPT_MAX_DAYS = 3650  # the longest ``/ticket audit`` period when no retention deletes lines
PERIOD_MAX_DAYS = 365  # what every other period may be (``bot/reports/request.py``)


class NotAnAdmin(GuichetError):
    """Only the services file's ``admins`` may read the audit log."""


@dataclass(frozen=True)
class AuditExport:
    start: datetime
    end: datetime
    entries: list[AuditEntry]
    truncated: bool


def longest_period(kept: timedelta | None) -> int:
    """The most days ``/ticket audit`` may ask for: as long as ``retention.audit`` keeps the
    lines (a year at least, as every other period), ten years when nothing deletes them."""
    if kept is None:
        return UNKEPT_MAX_DAYS
    return max(PERIOD_MAX_DAYS, math.ceil(kept / timedelta(days=1)))


class AuditTrail:
    def __init__(self, log_store: AuditLog, directory: Directory, clock: Clock) -> None:
        self.store = log_store
        self.directory = directory
        self.clock = clock

    async def refused(
        self,
        actor: str,
        attempted: str,
        ticket_id: str | None,
        reason: Exception | str,
        about: str | None = None,
    ) -> None:
        """Record that ``actor`` was refused ``attempted``; a database failure is logged (the
        person is told anyway: the log cannot be written when the database is down).
        ``about`` names what was tried on when it is not a ticket (a suggestion, an article);
        ``reason`` is the error (its class's name is stored), or a word when the use case
        answers without one."""
        if isinstance(reason, StoreUnavailable):
            return
        why = reason if isinstance(reason, str) else type(reason).__name__
        entry = AuditEntry(
            id=new_id(),
            at=self.clock.now(),
            actor=actor,
            action=attempted,
            outcome=Outcome.REFUSED,
            surface=current_surface(),
            ticket_id=ticket_id,
            note=f"{why} {about}" if about else why,
        )
        try:
            await self.store.add(entry)  # a new line: inserted, not upserted
        except StoreUnavailable as error:
            log.error("could not record the refusal of %s to %s: %s", attempted, actor, error)

    async def export_for(
        self, user: str, days: int, ticket_id: str | None = None, person: str | None = None
    ) -> AuditExport:
        """The lines of the last ``days`` days (only ``ticket_id``'s, only those ``person`` is
        in, when given); raises ``NotAnAdmin`` (recorded as a refusal)."""
        if not await self.directory.is_admin(user):
            refusal = NotAnAdmin(user)
            await self.refused(user, "audit_export", None, refusal)
            raise refusal
        period = last_days(self.clock.now(), days)
        entries = await self.store.between(
            period.start, period.end, MAX_LINES + 1, ticket_id=ticket_id, person=person
        )
        return AuditExport(period.start, period.now, entries[:MAX_LINES], len(entries) > MAX_LINES)

    async def sweep(self, now: datetime) -> None:
        """Copy the lines a replica wrote with their change but could not copy to the log. A
        line the log refuses (``StoreRejected``: a value or a validation the database will not
        take) would be refused again at every tick for ever: it is given up, taken off its
        document with one error line naming it and what the database said (the trace, as the
        outbox's messages Slack refuses for good), and the document's other lines are copied.
        One document whose lines cannot be copied or taken off does not hold up the others'."""
        for holder, document_id, entries in await self.store.pending(SWEEP_BATCH):
            with isolated(log, "audit: could not copy the pending lines of %s", document_id):
                await self._copy(holder, document_id, entries)

    async def _copy(self, holder: str, document_id: str, entries: list[AuditEntry]) -> None:
        try:
            await self.store.settle(document_id, entries, holder)
        except StoreRejected:
            await self._copy_each(holder, document_id, entries)
            return
        log.info("audit: %d pending line(s) of %s copied", len(entries), document_id)

    async def _copy_each(self, holder: str, document_id: str, entries: list[AuditEntry]) -> None:
        """One at a time (those copied already are left as they are): the refused ones are
        given up, then all are taken off the document."""
        copied = 0
        for entry in entries:
            try:
                await self.store.append([entry])
            except StoreRejected as refused:
                log.error(
                    "audit: line %s of %s (%s by %s at %s) given up: the log refused it (%s)",
                    entry.id,
                    document_id,
                    entry.action,
                    entry.actor,
                    entry.at.isoformat(),
                    " ".join(str(refused).split())[:WHY_MAX],
                    extra={"ticket_id": entry.ticket_id} if entry.ticket_id else None,
                )
                continue
            copied += 1
        await self.store.take_off(document_id, [entry.id for entry in entries], holder)
        if copied:
            log.info("audit: %d pending line(s) of %s copied", copied, document_id)
