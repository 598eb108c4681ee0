"""A catalogue request withdrawn by its requester while it awaits approval.

The requester's Cancel is the one cancel (``bot/working/follow_up.py``); this is the part the
approvals add to it (the ``Withdrawals`` port). The approval is closed as withdrawn by one
conditional update on its pending state, the same an approver's decision needs: pressed at the
same instant, exactly one applies. An approver who decided first wins, and the requester is
told who decided (``StaleTicket``, the answer to any change made before one's click); one who
decides after is told the request was withdrawn (``Approvals.decide``). Once the ticket is
cancelled, every approver's DM is updated through the outbox (``APPROVAL_WITHDRAWN``: tried at
once, again by the ticks while Slack cannot take it), its buttons gone. A withdrawal cut short
(the database failed, the process died) stays unsettled and is finished by a later tick.
"""

from __future__ import annotations

from bot.catalogue import approval_delivery
from bot.domain.approvals import Approval, ApprovalState
from bot.domain.errors import StaleTicket
from bot.domain.models import HistoryAction, HistoryEntry, Status, Ticket
from bot.outbox.deliveries import Deliveries
from bot.tickets.desk import TicketDesk
from bot.tickets.ports import RequesterNotice
from bot.working.follow_up import cancellation
from storage.approvals import ApprovalRepository


class Withdrawal:
    """The ``Withdrawals`` of ``RequesterFollowUp``, and the sweep's finishing of one cut
    short."""

    def __init__(
        self, desk: TicketDesk, approvals: ApprovalRepository, deliveries: Deliveries
    ) -> None:
        self.desk = desk
        self.approvals = approvals
        self.deliveries = deliveries

    async def withdraw(self, ticket: Ticket) -> None:
        now = self.desk.clock.now()
        if await self.approvals.withdraw(ticket.id, now) is not None:
            return
        current = await self.approvals.get(ticket.id)
        if current is not None and current.state is ApprovalState.WITHDRAWN:
            return  # pressed twice: the ticket's conditional write lets one through
        if current is None or current.last is None:
            raise await self.desk.stale(ticket.id)
        decision = current.last
        action = HistoryAction.APPROVED if decision.approved else HistoryAction.REJECTED
        decided = HistoryEntry(
            ticket.id, decision.at, decision.by, action, after=str(decision.step + 1)
        )
        # the decision is said as it stands, even before its follow-up reaches the ticket
        raise StaleTicket(await self.desk.require(ticket.id), decided)

    async def withdrawn(self, ticket: Ticket) -> None:
        approval = await self.approvals.get(ticket.id)
        if approval is None or approval.state is not ApprovalState.WITHDRAWN:
            return
        updates = [
            approval_delivery.withdrawn(ticket.id, approver)
            for approver in dict.fromkeys(approval.asked)
        ]
        await self.deliveries.store_and_deliver(updates, self.desk.clock.now())
        await self.approvals.settle(approval)

    async def finish(self, approval: Approval) -> None:
        """A withdrawal whose ticket was not cancelled, or whose approvers' DMs were not
        queued (cut short): cancel it as the requester did, tell them, update the DMs. Each
        write is conditional and each update an outbox item of its own id: nothing twice."""
        ticket = await self.desk.tickets.get(approval.ticket_id)
        if ticket is None:  # erased meanwhile
            await self.approvals.settle(approval)
            return
        if ticket.approval == ApprovalState.PENDING.value:
            changes, expect = cancellation(ticket)
            entry = HistoryEntry(
                ticket.id,
                approval.withdrawn_at or self.desk.clock.now(),
                approval.requester,
                HistoryAction.STATUS,
                before=str(ticket.status),
                after=str(Status.CANCELLED),
            )
            cancelled = await self.desk.apply_change(ticket, entry, changes, expect)
            if cancelled is not None:
                notice = RequesterNotice.STATUS_CHANGED
                await self.desk.notifier.tell_requester(cancelled, notice, approval.requester)
                ticket = cancelled
        await self.withdrawn(ticket)
