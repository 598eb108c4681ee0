"""Filing a ticket: suggest a type and a team for free text, classify, prioritise and store it,
then announce it (the triage of problems and storms decides first).

No Slack payload shapes in here: handlers turn the form into a ``ValidDraft``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from bot.domain import due_times
from bot.domain.approvals import ApprovalState
from bot.domain.audit import AuditEntry
from bot.domain.catalogue_request import CatalogueRequest
from bot.domain.models import (
    Classification,
    Language,
    Level,
    NewTicket,
    Origin,
    SlaClocks,
    Ticket,
    TicketType,
)
from bot.domain.priority import priority_for
from bot.filing.classifier import Classifier
from bot.filing.drafts import ValidDraft
from bot.filing.emergency import read_emergency
from bot.telemetry.metrics import Metrics
from bot.telemetry.observability import annotate
from bot.tickets.cards import CardState
from bot.tickets.desk import TicketDesk
from bot.tickets.ports import RequesterNotice

log = logging.getLogger(__name__)


class FilingTriage(Protocol):
    """Decides how a new ticket is announced (problems and storms: ``bot/problems/storm.py``)."""

    async def route(self, ticket: Ticket, post: Callable[[Ticket], Awaitable[Ticket]]) -> Ticket:
        """Announce ``ticket``: take it over (link it to the known problem behind it, hold it
        with similar ones), or have ``post`` post it as usual (then look at it again: recurring
        incidents). Returns it as it stands. Never loses it: when in doubt, it is posted."""
        ...


@dataclass(frozen=True)
class Suggestion:
    """What the classifier proposes for free text typed after ``/ticket``."""

    type: TicketType
    classification: Classification
    urgency: Level | None = None
    """``HIGH`` when the text asks for haste ("urgent", "ASAP") or reads as an emergency: the
    form pre-selects it, the requester still chooses."""


class Filing:
    def __init__(
        self,
        desk: TicketDesk,
        classifier: Classifier,
        metrics: Metrics,
        wake: Callable[[], None],
        triage: FilingTriage | None = None,
    ) -> None:
        """``wake`` asks the scheduler for a tick now (an emergency pages at once)."""
        self.desk = desk
        self.classifier = classifier
        self.metrics = metrics
        self.wake = wake
        self.triage = triage

    def suggest(self, text: str) -> Suggestion:
        ticket_type = self.classifier.suggest_type(text)
        urgency = Level.HIGH if read_emergency(text).is_urgent else None
        return Suggestion(ticket_type, self.classifier.classify(ticket_type, text, ""), urgency)

    async def file(
        self,
        draft: ValidDraft,
        requester: str,
        language: Language,
        source: str = "modal",
        origin: Origin | None = None,
        service: str | None = None,
        extra: dict[str, object] | None = None,
        request: CatalogueRequest | None = None,
        held: bool = False,
        submission: str | None = None,
        unsettled: list[AuditEntry] | None = None,
    ) -> Ticket:
        """Classify, prioritise and store a ticket (in ``service`` when given, whatever its
        text says; ``extra``: facts kept with it, see ``Ticket.extra``). ``held``: a catalogue
        request held for approval, stored awaiting it by the insert that creates it (no reader
        ever sees it unapproved: every control refuses it from the first instant), its SLA
        clocks waiting for the approval. Raises ``StoreUnavailable`` (or
        ``AlreadyFiled`` when ``origin`` carries a key already used, or the form
        ``submission`` already filed one); writes nothing then."""
        classification = self.classifier.classify(draft.type, draft.title, draft.description)
        if service is not None and service != classification.service:
            classification = replace(classification, service=service, confidence=1.0)
        priority = priority_for(draft.type, draft.impact, draft.urgency)
        created_at = self.desk.clock.now()
        due = due_times.initial(
            draft.type, priority, classification.service, created_at, self.desk.config
        )
        if held:
            due = due_times.InitialSchedule(SlaClocks(), None, None, None)
        new = NewTicket(
            type=draft.type,
            title=draft.title,
            description=draft.description,
            impact=draft.impact,
            urgency=draft.urgency,
            priority=priority,
            service=classification.service,
            requester=requester,
            language=language,
            classification=classification,
            created_at=created_at,
            source=source,
            origin=origin,
            sla=due.sla,
            paging=due.paging,
            remind_at=due.remind_at,
            next_ping_at=due.next_ping_at,
            extra=dict(extra or {}),
            request=request,
            submission=submission,
            approval=ApprovalState.PENDING.value if held else None,
        )
        ticket = await self.desk.create(new, unsettled)
        annotate(ticket_id=ticket.id)
        self.metrics.tickets_filed.labels(type=ticket.type.value, service=ticket.service).inc()
        log.info(
            "ticket filed",
            extra={"ticket_id": ticket.id, "service": ticket.service, "type": ticket.type.value},
        )
        return ticket

    async def filed_from(self, submission: str) -> Ticket | None:
        """The ticket a form submission filed (when the same one comes again)."""
        return await self.desk.tickets.find_by_submission(submission)

    async def announce(self, ticket: Ticket, unsettled: Sequence[AuditEntry] = ()) -> Ticket:
        """Post a stored ticket in its service's channel and tell the requester where it went.

        When the channel refuses the post, the ticket stays stored, the failure is logged and
        recorded in its history, and the requester is told. Then, when the ticket already owes
        something (an emergency pages at once), the scheduler is woken up.

        The triage decides first (a known problem's incident is linked to it instead of being
        posted; see ``bot/problems/storm.py``). Its "to announce" mark is cleared then (with the
        post, in the same write); until then the scheduler would announce it
        (``bot/filing/unannounced.py``). ``unsettled``: the audit lines ``file`` left on the
        ticket, copied to the log first.
        """
        await self.desk.settle(ticket.id, unsettled)
        try:
            if self.triage is not None:
                announced = await self.triage.route(ticket, self._announce)
            else:
                announced = await self._announce(ticket)
            if announced.announce_at is not None:  # linked, held, or its post failed
                await self.desk.tickets.mark_announced(ticket.id)
                announced.announce_at = None
            return announced
        finally:
            if ticket.next_ping_at is not None and ticket.next_ping_at <= self.desk.clock.now():
                self.wake()

    async def _announce(self, ticket: Ticket) -> Ticket:
        posting = await self.desk.post_card(ticket)
        if posting.state is CardState.FAILED and self.desk.cards is not None:
            return posting.ticket  # the outbox told the requester, and the service's people
        notice = _NOTICES[posting.state]
        await self.desk.notifier.tell_requester(posting.ticket, notice, "guichet")
        return posting.ticket


_NOTICES = {
    CardState.POSTED: RequesterNotice.FILED,
    CardState.WAITING: RequesterNotice.FILED_LATE,
    CardState.FAILED: RequesterNotice.POST_FAILED,
}
