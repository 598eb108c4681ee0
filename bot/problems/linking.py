"""Linking incidents to the problem (or emergency) behind them, and unlinking a wrong match.

Two tickets change: the incident records its ``problem_id`` (the truth: an incident is linked
once, by a write that expects it unlinked and of the type it read, so of two simultaneous links
— or a link and an agent's change of its type — exactly one wins), then
the problem adds it to its ``linked_incidents`` (an ``$addToSet``, so doing it twice keeps one).
Both go through ``TicketDesk.apply_change``, each with its history entry. A linked incident is not
reminded on its own: its problem is the work (``bot/due_work.py``); unlinked, its reminders
resume where its clocks stand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from bot.domain import sla
from bot.domain.due_times import calendar_of
from bot.domain.errors import NotLinked
from bot.domain.models import OPEN_STATUSES, HistoryAction, HistoryEntry, Ticket, TicketType
from bot.governance.privacy import may_link
from bot.tickets.desk import TicketDesk

HISTORY_IDS_MAX = 20
LINKABLE = frozenset({TicketType.INCIDENT, TicketType.EMERGENCY})
"""What may be linked: incidents, and a second emergency about an outage already declared. A
ticket an agent reclassified as a request (or anything else) since it was grouped is not."""


def may_join(incident: Ticket) -> bool:
    """Whether ``incident`` may be linked to a problem now: open, unlinked, of a linkable
    type, not awaiting approval."""
    return (
        incident.is_open
        and incident.problem_id is None
        and incident.type in LINKABLE
        and not incident.awaiting_approval
    )


class Links:
    def __init__(self, desk: TicketDesk) -> None:
        self.desk = desk

    async def link(
        self,
        parent: Ticket,
        incidents: Sequence[Ticket],
        actor: str,
        also: Callable[[Ticket], dict[str, Any]] | None = None,
    ) -> tuple[Ticket, list[Ticket]]:
        """Link the open, unlinked ``incidents`` to ``parent``; returns the parent as it
        stands and the incidents this call linked (one linked meanwhile elsewhere is left, and
        one across a private service's line, ``may_link``, never joins).
        ``also``: more changes to make to each incident in the same update (given it). A
        catalogue request awaiting approval takes part in no link, either side: it is not its
        service's work yet (``TicketDesk.refuse_awaiting_approval``)."""
        if parent.awaiting_approval:
            return parent, []
        now = self.desk.clock.now()
        linked: list[Ticket] = []
        for incident in incidents:
            done = await self._link_one(parent, incident, actor, also)
            if done is not None:
                linked.append(done)
        if not linked:
            return parent, linked
        ids = [incident.id for incident in linked]
        shown = ", ".join(ids[:HISTORY_IDS_MAX]) + (" …" if len(ids) > HISTORY_IDS_MAX else "")
        entry = HistoryEntry(
            parent.id, now, actor, HistoryAction.INCIDENTS_LINKED, after=str(len(ids)), note=shown
        )
        updated = await self.desk.apply_change(parent, entry, {}, {}, add={"linked_incidents": ids})
        return updated or parent, linked

    async def _link_one(
        self,
        parent: Ticket,
        incident: Ticket,
        actor: str,
        also: Callable[[Ticket], dict[str, Any]] | None = None,
    ) -> Ticket | None:
        for _ in range(2):  # once more if it changed (claimed, ...) between our read and write
            if not may_join(incident):
                return None
            if not may_link(self.desk.config, incident.service, parent.service):
                return None  # a private case never joins another team's problem, nor the reverse
            entry = HistoryEntry(
                incident.id, self.desk.clock.now(), actor, HistoryAction.LINKED, after=parent.id
            )
            done = await self.desk.apply_change(
                incident,
                entry,
                {"problem_id": parent.id, "remind_at": None, **(also(incident) if also else {})},
                expect={
                    "problem_id": None,
                    "status": incident.status,
                    "type": incident.type,
                    "service": incident.service,  # sent to a private team meanwhile: not linked
                    "approval": incident.approval,
                },
            )
            if done is not None:
                return done
            fresh = await self.desk.tickets.get(incident.id)
            if fresh is None:
                return None
            incident = fresh
        return None

    async def unlink(
        self, incident: Ticket, parent: Ticket, actor: str, *, open_only: bool = False
    ) -> Ticket:
        """Take ``incident`` out of ``parent``: it is a ticket of its own again (its reminders
        resume). Raises ``NotLinked`` when it is not linked to ``parent`` (any more) or, with
        ``open_only``, when it is no longer open: the write expects what the caller checked
        (an agent's Unlink checked it open; a resolution by the problem's fix arriving between
        that check and this write must not be undone). The release of a cancelled problem's
        incidents unlinks whatever their status."""
        if incident.problem_id != parent.id:
            raise NotLinked(incident.id, parent.id)
        now = self.desk.clock.now()
        remind_at = None
        if incident.is_open:
            cadence = self.desk.config.sla_for(incident.priority).reminder_cadence
            calendar = calendar_of(self.desk.config, incident)
            remind_at = sla.next_reminder(incident.sla, now, cadence, calendar)
        entry = HistoryEntry(incident.id, now, actor, HistoryAction.UNLINKED, before=parent.id)
        expect: dict[str, Any] = {"problem_id": parent.id}
        if open_only:
            expect["status"] = {"$in": sorted(status.value for status in OPEN_STATUSES)}
        done = await self.desk.apply_change(
            incident, entry, {"problem_id": None, "remind_at": remind_at}, expect=expect
        )
        if done is None:
            raise NotLinked(incident.id, parent.id)
        parent_entry = HistoryEntry(
            parent.id, now, actor, HistoryAction.INCIDENT_UNLINKED, after=incident.id
        )
        await self.desk.apply_change(
            parent, parent_entry, {}, {}, remove={"linked_incidents": [incident.id]}
        )
        return done
