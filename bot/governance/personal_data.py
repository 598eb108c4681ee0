"""``/ticket privacy export @person``: everything Guichet keeps about one person, for an admin
answering a data subject's request (GDPR art. 15), as one JSON file: their tickets, their audit
lines, and each other collection naming them (``storage/personal_data.py``). Admins only; the export
itself is a line of the audit log (who exported whose data), and so is a refusal."""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.domain.audit import AuditEntry, Outcome, new_id
from bot.domain.clock import Clock
from bot.governance.audit import AuditTrail, NotAnAdmin
from bot.tickets.audit_lines import current_surface
from storage.personal_data import PersonalDataStore


@dataclass(frozen=True)
class PersonalExport:
    person: str
    content: bytes  # UTF-8 JSON
    tickets: int
    audit_lines: int
    others: int = 0  # documents of the other collections naming them
    kinds: tuple[str, ...] = ()  # those collections (``approvals``, ``outbox``…), in file order

    @property
    def empty(self) -> bool:
        """Guichet keeps nothing about them (an id nobody used, or erased)."""
        return not self.tickets and not self.audit_lines and not self.others


class PersonalData:
    def __init__(self, store: PersonalDataStore, audit: AuditTrail, clock: Clock) -> None:
        self.store = store
        self.audit = audit
        self.clock = clock

    async def export_for(self, admin: str, person: str) -> PersonalExport:
        """``person``'s data; raises ``NotAnAdmin`` (recorded) unless ``admin`` is one."""
        if not await self.audit.directory.is_admin(admin):
            refusal = NotAnAdmin(admin)
            await self.audit.refused(admin, "privacy_export", None, refusal)
            raise refusal
        tickets = await self.store.tickets_of(person)
        lines = await self.store.audit_of(person)
        elsewhere = await self.store.elsewhere_of(person)
        # the places in Slack where the bot copied their files, and relayed their DM-thread
        # replies to the team (a ticket's thread, each card place it had), and relayed their
        # replies to a requester (the requester's DM thread): what an erasure deletes or
        # redacts there
        elsewhere["file_copies"] = await self.store.file_copies_of(person)
        elsewhere["relays"] = await self.store.relays_of(person)
        elsewhere["requester_relays"] = await self.store.requester_relays_of(person)
        now = self.clock.now()
        document = {
            "person": person,
            "exported_at": now.isoformat(),
            "exported_by": admin,
            "tickets": tickets,
            "audit": lines,
            **elsewhere,  # approvals, deflections, articles, article_history, suggestions...
        }
        content = json.dumps(document, ensure_ascii=False, indent=2, default=str).encode("utf-8")
        await self.audit.store.append(
            [
                AuditEntry(
                    id=new_id(),
                    at=now,
                    actor=admin,
                    action="privacy_export",
                    outcome=Outcome.DONE,
                    surface=current_surface(),
                    after=person,
                )
            ]
        )
        others = sum(len(documents) for documents in elsewhere.values())
        kinds = tuple(name for name, documents in elsewhere.items() if documents)
        return PersonalExport(person, content, len(tickets), len(lines), others, kinds)
