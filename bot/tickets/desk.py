"""The use cases: file a ticket, announce it, claim it, look tickets up.

Plain async methods taking the store, the clock, the classifier and the notifier, so handlers,
the scheduler and tests call them the same way. No Slack payload shapes in here.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from bot.domain import due_times as schedule
from bot.domain.clock import Clock
from bot.domain.config import ServicesConfig
from bot.domain.errors import (
    AlreadyClaimed,
    DeliveryFailed,
    IllegalTransition,
    NotAllowed,
    TicketNotFound,
)
from bot.domain.models import (
    OPEN_STATUSES,
    Classification,
    HistoryEntry,
    Language,
    NewTicket,
    Origin,
    Status,
    Ticket,
    TicketType,
)
from bot.domain.priority import priority_for
from bot.domain.workflow import can_move
from bot.filing.classifier import Classifier
from bot.filing.drafts import ValidDraft
from bot.telemetry.metrics import Metrics
from bot.telemetry.observability import annotate
from bot.tickets.ports import Directory, Notifier, RequesterNotice
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)


ChangeHook = Callable[[Ticket, dict[str, Any], datetime], dict[str, Any]]
"""Given a ticket, the field changes about to be written and the time, more changes to write
with them (e.g. the SLA clocks a status change stops). Hooks keep derived fields consistent."""


class FilingTriage(Protocol):
    """Decides how a new ticket is announced (problems and storms: ``bot/storm.py``)."""

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


class Helpdesk:
    def __init__(
        self,
        tickets: TicketRepository,
        classifier: Classifier,
        config: ServicesConfig,
        clock: Clock,
        notifier: Notifier,
        directory: Directory,
        change_hooks: Sequence[ChangeHook] = (),
        wake: Callable[[], None] | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.tickets = tickets
        self.classifier = classifier
        self.config = config
        self.clock = clock
        self.notifier = notifier
        self.directory = directory
        self.change_hooks = list(change_hooks)
        self.wake = wake or (lambda: None)  # asks the scheduler for a tick now
        self.metrics = metrics or Metrics()
        self.triage: FilingTriage | None = None

    # --- filing -------------------------------------------------------------------------------
    def suggest(self, text: str) -> Suggestion:
        ticket_type = self.classifier.suggest_type(text)
        return Suggestion(ticket_type, self.classifier.classify(ticket_type, text, ""))

    async def file(
        self,
        draft: ValidDraft,
        requester: str,
        language: Language,
        source: str = "modal",
        origin: Origin | None = None,
        service: str | None = None,
    ) -> Ticket:
        """Classify, prioritise and store a ticket (in ``service`` when given, whatever its
        text says). Raises ``StoreUnavailable`` (or ``AlreadyFiled`` when ``origin`` carries a
        key already used); writes nothing then."""
        classification = self.classifier.classify(draft.type, draft.title, draft.description)
        if service is not None and service != classification.service:
            classification = replace(classification, service=service, confidence=1.0)
        priority = priority_for(draft.type, draft.impact, draft.urgency)
        created_at = self.clock.now()
        due = schedule.initial(
            draft.type, priority, classification.service, created_at, self.config
        )
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
        )
        ticket = await self.tickets.create(new)
        annotate(ticket_id=ticket.id)
        self.metrics.tickets_filed.labels(type=ticket.type.value, service=ticket.service).inc()
        log.info(
            "ticket filed",
            extra={"ticket_id": ticket.id, "service": ticket.service, "type": ticket.type.value},
        )
        return ticket

    async def announce(self, ticket: Ticket) -> Ticket:
        """Post a stored ticket in its service's channel and tell the requester where it went.

        When the channel refuses the post, the ticket stays stored, the failure is logged and
        recorded in its history, and the requester is told. Then, when the ticket already owes
        something (an emergency pages at once), the scheduler is woken up.

        The triage decides first (a known problem's incident is linked to it instead of being
        posted; see ``bot/storm.py``).
        """
        try:
            if self.triage is not None:
                return await self.triage.route(ticket, self._announce)
            return await self._announce(ticket)
        finally:
            if ticket.next_ping_at is not None and ticket.next_ping_at <= self.clock.now():
                self.wake()

    async def _announce(self, ticket: Ticket) -> Ticket:
        posted = await self.post(ticket)
        notice = RequesterNotice.FILED if posted.message else RequesterNotice.POST_FAILED
        await self.notifier.tell_requester(posted, notice, "guichet")
        return posted

    async def post(self, ticket: Ticket) -> Ticket:
        """Post a stored ticket in its service's channel and record where (or, when the
        channel refuses it, record and log the failure: the ticket keeps no message)."""
        try:
            ref = await self.notifier.post_ticket(ticket)
        except DeliveryFailed as failure:
            log.error(
                "could not post ticket %s in its channel: %s",
                ticket.id,
                failure.reason,
                extra={"ticket_id": ticket.id, "service": ticket.service},
            )
            entry = HistoryEntry(
                ticket.id, self.clock.now(), "guichet", "post_failed", note=failure.reason
            )
            await self.tickets.record(entry)
            return ticket
        entry = HistoryEntry(ticket.id, self.clock.now(), "guichet", "posted", after=ref.channel)
        await self.tickets.record(entry, {"message": ref})
        ticket.message = ref
        return ticket

    # --- working ------------------------------------------------------------------------------
    async def claim(self, ticket_id: str, user: str) -> Ticket:
        """Assign the ticket to ``user``; exactly one of two simultaneous claims wins.

        Raises ``TicketNotFound``, ``NotAllowed``, ``AlreadyClaimed`` or
        ``IllegalTransition``; nothing is written then.
        """
        ticket = await self.require(ticket_id)
        if not await self.directory.may_work(ticket, user):
            raise NotAllowed(ticket.service)
        if ticket.assignee:
            raise AlreadyClaimed(ticket.id, ticket.assignee)
        if not ticket.is_open:
            raise IllegalTransition(ticket.status, Status.IN_PROGRESS)
        status = Status.IN_PROGRESS if can_move(ticket.status, Status.IN_PROGRESS) else None
        changes: dict[str, object] = {"assignee": user}
        if status and ticket.status is Status.NEW:
            changes["status"] = status
        entry = HistoryEntry(ticket.id, self.clock.now(), user, "claimed", after=user)
        claimed = await self.apply_change(
            ticket, entry, changes, expect={"assignee": None, "status": ticket.status}
        )
        if claimed is None:
            current = await self.require(ticket_id)
            if current.assignee:
                raise AlreadyClaimed(current.id, current.assignee)
            raise IllegalTransition(current.status, Status.IN_PROGRESS)
        await self.notifier.refresh_ticket(claimed, entry)
        await self.notifier.tell_requester(claimed, RequesterNotice.CLAIMED, user)
        return claimed

    async def apply_change(
        self,
        ticket: Ticket,
        entry: HistoryEntry,
        changes: dict[str, Any],
        expect: dict[str, Any],
        *,
        add: dict[str, Sequence[str]] | None = None,
        remove: dict[str, Sequence[str]] | None = None,
    ) -> Ticket | None:
        """The one way a ticket changes: ``changes`` plus what the hooks derive, with ``entry``
        appended to its history, in one atomic update that applies only if the stored ticket
        still matches ``expect`` (else ``None``: someone changed it first, nothing written).
        ``add`` / ``remove`` put values into / take them out of list fields in that update."""
        derived: dict[str, Any] = {}
        for hook in self.change_hooks:
            derived.update(hook(ticket, changes, entry.at))
        return await self.tickets.update_if(
            expect, entry, {**derived, **changes}, add=add, remove=remove
        )

    # --- reading ------------------------------------------------------------------------------
    async def require(self, ticket_id: str) -> Ticket:
        ticket = await self.tickets.get(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        return ticket

    async def open_tickets_of(self, requester: str) -> list[Ticket]:
        return await self.tickets.list_for_requester(requester, OPEN_STATUSES)

    async def may_see(self, ticket: Ticket, user: str) -> bool:
        """The requester, the assignee and the people who work its service may see a ticket."""
        if user in (ticket.requester, ticket.assignee):
            return True
        return await self.directory.may_work(ticket, user)
