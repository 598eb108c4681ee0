"""The requester following their ticket: add information, cancel it, say whether the solution
works, rate the service.

Only the person who filed the ticket may (``NotTheRequester`` otherwise). Like ``bot.work``,
each use case writes and returns a ``Changed`` for ``ChangeAnnouncer.announce``; nothing is
written when it raises.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.domain.approvals import ApprovalState
from bot.domain.catalogue_request import FileRef
from bot.domain.errors import (
    AlreadyRated,
    NotTheRequester,
    StoreUnavailable,
    TicketNotFound,
    WrongStatus,
)
from bot.domain.models import HistoryAction, HistoryEntry, Status, Ticket
from bot.domain.workflow import answered, check_transition, next_statuses
from bot.governance.handover import reopening
from bot.tickets.desk import TicketDesk
from bot.working.changes import Changed, ChangeWriter
from bot.working.withdrawals import Withdrawals

log = logging.getLogger(__name__)

INFORMATION_MAX = 3000

RATINGS = range(1, 6)


def cancellation(ticket: Ticket) -> tuple[dict[str, Any], dict[str, Any]]:
    """What cancelling ``ticket`` writes and expects: its status; a request awaiting approval
    is withdrawn too (the ticket's ``approval`` says so)."""
    changes: dict[str, Any] = {"status": Status.CANCELLED}
    expect: dict[str, Any] = {"status": ticket.status}
    if ticket.approval == ApprovalState.PENDING.value:
        changes["approval"] = ApprovalState.WITHDRAWN.value
        expect["approval"] = ApprovalState.PENDING.value
    return changes, expect


class RequesterFollowUp(ChangeWriter):
    def __init__(self, desk: TicketDesk, withdrawals: Withdrawals | None = None) -> None:
        """``withdrawals``: closes a catalogue request's approval when it is cancelled while
        pending (without a catalogue, no ticket awaits approval)."""
        super().__init__(desk)
        self.withdrawals = withdrawals

    async def own(self, ticket_id: str, user: str) -> Ticket:
        """The ticket, if ``user`` filed it. Raises ``TicketNotFound`` or ``NotTheRequester``."""
        ticket = await self.desk.tickets.get(ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        if ticket.requester != user:
            raise NotTheRequester(ticket.id)
        return ticket

    async def cancel(self, ticket_id: str, user: str, seen_approval: str | None = None) -> Changed:
        """The requester withdraws their ticket. Raises ``IllegalTransition`` once resolved.
        A request awaiting approval has its approval closed first (``StaleTicket`` when an
        approver decided first), then its approvers' DMs updated. ``seen_approval``: the
        approval the requester saw when pressing (a Cancel pressed while it awaited approval
        is too late once it is decided, ``StaleTicket``)."""
        ticket = await self.own(ticket_id, user)
        if seen_approval is not None:
            await self.check_seen(ticket, {"approval": seen_approval})
        check_transition(ticket.status, Status.CANCELLED)
        changes, expect = cancellation(ticket)
        withdrawals = self.withdrawals if "approval" in changes else None
        if withdrawals is not None:
            await withdrawals.withdraw(ticket)
        entry = self.entry(
            ticket, user, HistoryAction.STATUS, before=ticket.status, after=Status.CANCELLED
        )
        changed = await self.write(ticket, entry, changes, expect)
        if withdrawals is not None:
            await withdrawals.withdrawn(changed.ticket)
        return changed

    async def add_information(
        self, ticket_id: str, user: str, text: str, files: Sequence[FileRef] = ()
    ) -> Changed:
        """Add ``text`` and ``files`` (uploaded in the form: a screenshot) to the ticket's
        history (the agents see them in the ticket's thread, the files as links, and the ticket
        keeps their references as the relay's do); a ticket waiting on the requester goes back
        in progress with it (``answered``). Raises ``ValueError`` when neither is given,
        ``WrongStatus`` once closed or cancelled."""
        text = text.strip()
        if not text and not files:
            raise ValueError("no information given")
        ticket = await self.own(ticket_id, user)
        if not next_statuses(ticket.status):
            raise WrongStatus(ticket.id, ticket.status)
        entry = self.entry(
            ticket, user, HistoryAction.INFO_ADDED, note=text[:INFORMATION_MAX] or None
        )
        changes, expect = answered(ticket)
        changed = await self.write(ticket, entry, changes, expect)
        if not files:
            return changed
        shared = ", ".join(f"{f.name} {f.permalink}".strip() for f in files)
        try:  # the information is added: the team gets the files with it whatever happens here
            await self.desk.record(
                HistoryEntry(ticket.id, entry.at, user, HistoryAction.FILES_SHARED, note=shared)
            )
        except StoreUnavailable:
            log.exception("ticket %s: the files added were not recorded in its history", ticket.id)
        return replace(changed, files=tuple(files))

    async def answer_resolution(self, ticket_id: str, user: str, solved: bool) -> Changed:
        """The requester's answer to "is it solved?": yes closes the ticket, no sends it back
        in progress. Raises ``WrongStatus`` unless the ticket is resolved."""
        ticket = await self.own(ticket_id, user)
        if ticket.status is not Status.RESOLVED:
            raise WrongStatus(ticket.id, ticket.status)
        if solved:
            entry = self.entry(
                ticket, user, HistoryAction.CONFIRMED, before=ticket.status, after=Status.CLOSED
            )
            return await self.write(
                ticket, entry, {"status": Status.CLOSED}, {"status": Status.RESOLVED}
            )
        history = await self.desk.tickets.history(ticket.id)
        wanted, assignee = await reopening(ticket, history, self.desk.directory)
        entry = self.entry(ticket, user, HistoryAction.REOPENED, before=ticket.status, after=wanted)
        changes = {"status": wanted, "assignee": assignee}
        expect = {"status": Status.RESOLVED, "assignee": ticket.assignee}
        return await self.write(ticket, entry, changes, expect)

    async def rate(self, ticket_id: str, user: str, rating: int) -> Changed:
        """Store the requester's 1-5 satisfaction rating, once, on a closed ticket."""
        if rating not in RATINGS:
            raise ValueError(f"a rating is 1 to 5, not {rating}")
        ticket = await self.own(ticket_id, user)
        if ticket.satisfaction is not None:
            raise AlreadyRated(ticket.id, ticket.satisfaction)
        if ticket.status is not Status.CLOSED:
            raise WrongStatus(ticket.id, ticket.status)
        entry = self.entry(ticket, user, HistoryAction.RATED, after=str(rating))
        expect = {"status": Status.CLOSED, "satisfaction": None}
        return await self.write(ticket, entry, {"satisfaction": rating}, expect)
