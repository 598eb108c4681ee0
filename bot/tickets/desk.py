"""The ticket desk: the one write path of tickets and the reads with who may see.

Every use case changes a ticket through ``TicketDesk.apply_change`` (the change hooks derive
the fields that follow, in the same atomic update) and reads it through ``require`` / ``show``
(``show`` checks who may see it). Posting a stored ticket in its service's channel lives here
too, because filing, problems and storms all post. Listeners never reach a repository: they call
a use case, or the desk's reads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.domain.audit import AuditEntry
from bot.domain.card_changes import is_card_change
from bot.domain.clock import Clock
from bot.domain.config import ServicesConfig
from bot.domain.deadlines import queue_order
from bot.domain.errors import (
    AwaitingApproval,
    DeliveryFailed,
    NotAllowed,
    NotVisible,
    StaleTicket,
    TicketEnded,
    TicketNotFound,
)
from bot.domain.models import (
    OPEN_STATUSES,
    HistoryAction,
    HistoryEntry,
    NewTicket,
    Status,
    Ticket,
)
from bot.domain.workflow import can_move
from bot.tickets.audited import AuditedWrites
from bot.tickets.cards import CardOutbox, CardPosting, CardState
from bot.tickets.ports import Directory, Notifier
from storage.audit import AuditLog
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)


ChangeHook = Callable[[Ticket, dict[str, Any], datetime], dict[str, Any]]
"""Given a ticket, the field changes about to be written and the time, more changes to write
with them (e.g. the SLA clocks a status change stops). Hooks keep derived fields consistent."""


@dataclass(frozen=True)
class ShownTicket:
    """A ticket someone may see, with its history (oldest first)."""

    ticket: Ticket
    history: list[HistoryEntry]


class TicketDesk:
    def __init__(
        self,
        tickets: TicketRepository,
        config: ServicesConfig,
        clock: Clock,
        notifier: Notifier,
        directory: Directory,
        change_hooks: Sequence[ChangeHook] = (),
        audit: AuditLog | None = None,
        cards: CardOutbox | None = None,
    ) -> None:
        """``cards`` posts cards through the stored outbox (``bot/tickets/cards.py``); without
        it (use-case tests) a card is posted directly, once."""
        self.cards = cards
        self.tickets = tickets
        self.config = config
        self.clock = clock
        self.notifier = notifier
        self.directory = directory
        self.change_hooks = list(change_hooks)
        self.audit = audit
        self.writes = AuditedWrites(tickets, audit)

    # --- writing ------------------------------------------------------------------------------
    async def apply_change(
        self,
        ticket: Ticket,
        entry: HistoryEntry,
        changes: dict[str, Any],
        expect: dict[str, Any],
        *,
        add: dict[str, Sequence[str]] | None = None,
        remove: dict[str, Sequence[str]] | None = None,
        push: dict[str, Sequence[Any]] | None = None,
    ) -> Ticket | None:
        """The one way a ticket changes: ``changes`` plus what the hooks derive, with ``entry``
        appended to its history, in one atomic update that applies only if the stored ticket
        still matches ``expect`` (else ``None``: someone changed it first, nothing written).
        ``add`` / ``remove`` put values into / take them out of list fields in that update,
        ``push`` appends to list fields (bounded: ``TicketRepository.update_if``).
        The change's audit line is written by that same update, then copied to the audit log
        (or, if that fails, by the scheduler's sweep: ``bot/governance/audit.py``)."""
        derived: dict[str, Any] = {}
        for hook in self.change_hooks:
            derived.update(hook(ticket, changes, entry.at))
        return await self.writes.update_if(
            expect, entry, {**derived, **changes}, add=add, remove=remove, push=push
        )

    async def create(self, new: NewTicket, unsettled: list[AuditEntry] | None = None) -> Ticket:
        """Store a new ticket; its ``created`` line is written by the same insert (and copied
        to the log now, or later by ``settle`` when ``unsettled`` is given: ``AuditedWrites``)."""
        return await self.writes.create(new, unsettled)

    async def settle(self, ticket_id: str, lines: Sequence[AuditEntry]) -> None:
        """Copy to the log the audit lines ``create`` left ``unsettled``."""
        await self.writes.settle(ticket_id, lines)

    async def record(self, entry: HistoryEntry, changes: dict[str, Any] | None = None) -> None:
        """Append ``entry`` (with ``changes``) whatever the ticket's state, for what happened
        regardless of it (posted, a post failed, files shared), with its audit line."""
        await self.writes.record(entry, changes)

    async def post(
        self,
        ticket: Ticket,
        change: HistoryEntry | None = None,
        *,
        expect: dict[str, Any] | None = None,
    ) -> Ticket:
        """Post a stored ticket in its service's channel (see ``post_card``); returns the ticket
        as it now stands."""
        return (await self.post_card(ticket, change, expect=expect)).ticket

    async def post_card(
        self,
        ticket: Ticket,
        change: HistoryEntry | None = None,
        *,
        expect: dict[str, Any] | None = None,
    ) -> CardPosting:
        """Post the ticket's card, through the outbox when there is one (then it may still be
        ``WAITING`` for Slack), and say where it stands."""
        if self.cards is not None:
            return await self.cards.post(ticket, change, expect)
        posted = await self._post_directly(ticket, expect=expect)
        return CardPosting(posted, CardState.POSTED if posted.message else CardState.FAILED)

    async def _post_directly(
        self, ticket: Ticket, *, expect: dict[str, Any] | None = None
    ) -> Ticket:
        """Post a stored ticket in its service's channel and record where (or, when the
        channel refuses it, record and log the failure: the ticket keeps no message).

        The card shows the ticket's last change (a move to this service). With
        ``expect`` the message is recorded only if the stored ticket still matches it, through
        ``apply_change``: a moved ticket may have moved again while it was being posted, and the
        message of a channel it left must not be kept. Returns the ticket as it now stands."""
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
                ticket.id,
                self.clock.now(),
                "guichet",
                HistoryAction.POST_FAILED,
                note=failure.reason,
            )
            await self.record(entry)
            return ticket
        entry = HistoryEntry(
            ticket.id, self.clock.now(), "guichet", HistoryAction.POSTED, after=ref.channel
        )
        posted = {"message": ref, "announce_at": None}  # posted: announced (bot/filing/filing.py)
        if expect is None:
            await self.record(entry, posted)
            ticket.message, ticket.announce_at = ref, None
            return ticket
        recorded = await self.apply_change(ticket, entry, posted, expect)
        if recorded is None:
            log.warning(
                "ticket %s changed again before its new message was recorded",
                ticket.id,
                extra={"ticket_id": ticket.id},
            )
            return ticket
        return recorded

    # --- reading ------------------------------------------------------------------------------
    async def get(self, ticket_id: str) -> Ticket | None:
        return await self.tickets.get(ticket_id)

    async def redraw_card(self, ticket_id: str) -> None:
        """Redraw the channel message of ``ticket_id`` from the ticket as stored now."""
        ticket = await self.tickets.get(ticket_id)
        if ticket is not None:
            await self.notifier.refresh_ticket(ticket)

    async def require(self, ticket_id: str) -> Ticket:
        ticket = await self.tickets.get(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        return ticket

    async def require_workable(self, ticket_id: str, user: str) -> Ticket:
        """The ticket, if ``user`` may work it (told nothing of its state otherwise) and it
        takes controls (``refuse_ended``). Raises ``TicketNotFound``, ``NotAllowed``,
        ``TicketEnded`` or ``AwaitingApproval``."""
        ticket = await self.require(ticket_id)
        if not await self.directory.may_work(ticket, user):
            raise NotAllowed(ticket.service)
        await self.refuse_ended(ticket)
        return ticket

    async def may_see(self, ticket: Ticket, user: str) -> bool:
        """The requester, the assignee, the people who work its service and the admins may see
        a ticket."""
        if user in (ticket.requester, ticket.assignee):
            return True
        return await self.directory.may_work(ticket, user) or await self.directory.is_admin(user)

    async def show(self, ticket_id: str, user: str) -> ShownTicket:
        """The ticket and its history, for ``user``. Raises ``TicketNotFound``, ``NotVisible``
        or ``StoreUnavailable``."""
        ticket = await self.require(ticket_id)
        if not await self.may_see(ticket, user):
            raise NotVisible(ticket.id)
        return ShownTicket(ticket, await self.tickets.history(ticket.id))

    async def open_tickets_of(self, requester: str) -> list[Ticket]:
        return await self.tickets.list_for_requester(requester, OPEN_STATUSES)

    async def open_tickets_assigned_to(self, user: str) -> list[Ticket]:
        """The open tickets ``user`` has, what is due first (as the Home tab lists them)."""
        assigned = await self.tickets.list_assigned(user, OPEN_STATUSES)
        return sorted(assigned, key=queue_order(self.clock.now()))

    async def refuse_ended(self, ticket: Ticket, wanted: Status | None = None) -> None:
        """The one place that decides a control pressed on a ticket that is over does nothing:
        a cancelled, resolved or closed ticket refuses every control (status, priority, assign,
        reassign, edit, unassign, claim, acknowledge, an article, a page's buttons), the
        presser told who ended it and when (``TicketEnded``), nobody else; only the status
        changes its workflow allows from there (``wanted``: reopening or closing a resolved
        ticket) go on. Checked before what the presser saw, so an old card says what happened.
        A catalogue request still awaiting approval refuses them all too (``AwaitingApproval``):
        it is not its service's work until approved."""
        self.refuse_awaiting_approval(ticket)
        if ticket.is_open or (wanted is not None and can_move(ticket.status, wanted)):
            return
        raise await self.ended(ticket)

    @staticmethod
    def refuse_awaiting_approval(ticket: Ticket) -> None:
        """A catalogue request still awaiting its approvers is not its service's work yet:
        nothing done in an agent's name acts on it (``AwaitingApproval``) — a control
        (``refuse_ended``), nor a merge that would take another ticket into it. Only its
        approvers' decision or its requester's withdrawal moves it."""
        if ticket.awaiting_approval:
            raise AwaitingApproval(ticket.id)

    async def ended(self, ticket: Ticket) -> TicketEnded:
        """The error telling that ``ticket`` is over, with the change that ended it."""
        history = await self.tickets.history(ticket.id)
        endings = [
            entry
            for entry in history
            if (entry.action == HistoryAction.STATUS and entry.after == ticket.status)
            or entry.action == HistoryAction.MERGED  # closed as a duplicate of another
        ]
        return TicketEnded(ticket, endings[-1] if endings else None)

    async def stale(self, ticket_id: str) -> StaleTicket:
        """The error telling what the ticket is now and the change that came first: its last
        change (a reminder or a DM sent since is not one), as its card shows it. A ticket kept
        before Guichet stored that finds it in its history."""
        current = await self.require(ticket_id)
        last = current.last_change
        if last is None:
            changes = [e for e in await self.tickets.history(ticket_id) if is_card_change(e)]
            last = changes[-1] if changes else None
        return StaleTicket(current, last)
