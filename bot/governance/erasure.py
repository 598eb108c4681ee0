"""``/ticket privacy erase @person`` (GDPR art. 17): the person becomes "a former employee"
(``FORMER``) in every ticket, history entry, message copy, rating and audit line; the
figures stay. Admins only, after a confirmation; erasing twice does nothing the second time.
The erasure is itself an audit line (by whom, how many tickets; not whose id)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.domain.audit import AuditEntry, Outcome, new_id
from bot.domain.clock import Clock
from bot.governance.audit import AuditTrail, NotAnAdmin
from bot.tickets.audit_lines import current_surface
from storage.erasure import ErasureStore

log = logging.getLogger(__name__)

FORMER = "former_employee"
BATCH = 200


@dataclass(frozen=True)
class Erased:
    tickets: int
    audit_lines: int


class Erasure:
    def __init__(self, store: ErasureStore, audit: AuditTrail, clock: Clock) -> None:
        self.store = store
        self.audit = audit
        self.clock = clock

    async def check_admin(self, admin: str) -> None:
        """Raise ``NotAnAdmin`` (recorded as a refusal) unless ``admin`` is one."""
        if not await self.audit.directory.is_admin(admin):
            refusal = NotAnAdmin(admin)
            await self.audit.refused(admin, "privacy_erase", None, refusal)
            raise refusal

    async def erase(self, admin: str, person: str) -> Erased:
        await self.check_admin(admin)
        tickets = 0
        while ids := await self.store.tickets_with(person, BATCH):
            for ticket_id in ids:
                tickets += await self.store.erase_in_ticket(ticket_id, person, FORMER)
            log.info("privacy erase: %d ticket(s) done so far", tickets)
        lines = await self.store.erase_in_audit(person, FORMER)
        await self.audit.store.append(
            [
                AuditEntry(
                    id=new_id(),
                    at=self.clock.now(),
                    actor=admin,
                    action="privacy_erase",
                    outcome=Outcome.DONE,
                    surface=current_surface(),
                    after=FORMER,
                    note=f"{tickets} tickets, {lines} audit lines",
                )
            ]
        )
        return Erased(tickets, lines)
