"""Approving catalogue requests in Slack.

A request whose item asks for approval is stored held, awaiting it from the insert that files it
(``CatalogueFiling.file``): not posted to its service, its SLA clocks not started (they start at
the approval, so the wait is nobody's delay), its requester told who must approve. Each approver
of the step gets a DM with Approve / Reject; the first decision wins (one conditional update,
``storage/approvals.py``), the others are told who decided. Approved at the last step: the SLA
clocks start and the ticket is announced like any other. Rejected: the ticket is cancelled with
the reason, and the requester told. Only the step's approvers may decide: anyone else's press is
refused and logged. Every decision is in the ticket's history. The scheduler's sweep reminds
approvers after ``remind_after`` and asks the ``fallback`` approvers after ``fallback_after``.
The requester may withdraw the request while it waits (``bot/catalogue/withdrawal.py``): a press
after that changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.catalogue import approval_delivery
from bot.catalogue.approval_delivery import (
    ASK,
    FALLBACK,
    FALLBACK_STILL,
    FALLBACK_TOO,
    REMINDER,
    ApprovalDelivery,
)
from bot.catalogue.ports import ApprovalMessenger, RequesterApprovalNotice
from bot.catalogue.withdrawal import Withdrawal
from bot.domain import due_times
from bot.domain.approvals import (
    Approval,
    ApprovalConfig,
    ApprovalState,
    ApprovalStep,
    Chase,
    Decision,
)
from bot.domain.catalogue import CatalogueItem
from bot.domain.models import HistoryAction, HistoryEntry, Outgoing, OutgoingKind, Status, Ticket
from bot.outbox.deliveries import Deliveries
from bot.telemetry.isolation import isolated
from bot.tickets.desk import TicketDesk
from bot.tickets.requester_dms import LatestDms
from storage.approvals import ApprovalRepository
from storage.outbox import OutboxRepository

log = logging.getLogger(__name__)

PENDING = "pending"  # the ticket's ``approval`` while it waits
SETTLE_AFTER = timedelta(minutes=1)  # a decision not recorded by then was cut short
CHASE_LEASE = timedelta(minutes=2)  # a reminder or fallback whose asks are not stored by then


class Outcome(StrEnum):
    DECIDED = "decided"
    TOO_LATE = "too_late"  # someone decided first (or the step moved on)
    REFUSED = "refused"  # not an approver of this request
    WITHDRAWN = "withdrawn"  # the requester withdrew it: nothing to decide
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class DecisionResult:
    outcome: Outcome
    ticket_id: str
    decision: Decision | None = None  # the decision that stands (yours, or the winner's)


class Approvals:
    def __init__(
        self,
        desk: TicketDesk,
        approvals: ApprovalRepository,
        messenger: ApprovalMessenger,
        announce: Callable[[Ticket], Awaitable[Ticket]],
        outbox: OutboxRepository,
        deliveries: Deliveries,
        latest: LatestDms,
    ) -> None:
        """``latest``: records the requester's DM with buttons, the earlier ones giving theirs
        up."""
        self.desk = desk
        self.approvals = approvals
        self.messenger = messenger
        self.announce = announce
        self.outbox = outbox
        self.deliveries = deliveries
        self.withdrawal = Withdrawal(desk, approvals, deliveries)  # the requester's Cancel
        sender = ApprovalDelivery(desk.tickets, approvals, messenger, outbox, latest)
        deliveries.add_senders(
            {
                OutgoingKind.APPROVAL_ASK: sender,
                OutgoingKind.APPROVAL_NOTICE: sender,
                OutgoingKind.APPROVAL_WITHDRAWN: sender,
            }
        )

    async def _send(self, items: list[tuple[str, Outgoing]]) -> None:
        """Store the DMs in the outbox, then try them at once (people wait for them); what
        Slack cannot take now is tried again by the scheduler's ticks."""
        now = self.desk.clock.now()
        await self.deliveries.store_and_deliver(items, now)

    async def _ask(self, approval: Approval, who: tuple[str, ...], why: str) -> None:
        items = [approval_delivery.ask(approval.ticket_id, a, approval.step, why) for a in who]
        await self._send(items)

    async def _tell(self, approval: Approval, told: RequesterApprovalNotice) -> None:
        item = approval_delivery.notice(approval.ticket_id, approval.requester, approval.step, told)
        await self._send([item])

    async def _show_decided(self, approval: Approval, decision: Decision) -> None:
        """Every approver's DM for the decided step says who decided what, its buttons gone."""
        sent = await self.outbox.sent_for(approval.ticket_id, [OutgoingKind.APPROVAL_ASK])
        asked = [
            (message.recipient, where)
            for message, where in sent
            if message.level == decision.step and message.recipient is not None
        ]
        if asked:
            ticket = await self.desk.require(approval.ticket_id)
            await self.messenger.show_decided(ticket, approval, decision, asked)

    def _config(self, item_id: str) -> ApprovalConfig | None:
        item = self.desk.config.catalogue.get(item_id)
        return item.approval if item else None

    async def _approvers(
        self, step: ApprovalStep, config: ApprovalConfig, requester: str
    ) -> tuple[str, ...]:
        """Who decides ``step`` of ``requester``'s request: never the requester, while anyone
        else may (a manager filing a request their step names approves nothing of their own:
        the step's others are asked, or its fallback when it named only them)."""
        fallback = _others(config.fallback, requester)
        if step.users:
            return _others(step.users, requester) or fallback or tuple(step.users)
        if step.usergroup:
            members = _others(await self.messenger.group_members(step.usergroup), requester)
            if not members:
                log.warning("user group %s has no members: its fallback is asked", step.usergroup)
            return members or fallback or tuple(config.fallback)
        candidates = _others(step.first_available, requester)
        for user in candidates:
            if await self.messenger.is_active(user):
                return (user,)
        # nobody active: the first, and the fallback later
        return (candidates or fallback or tuple(step.first_available))[:1]

    async def start(self, ticket: Ticket, item_id: str, item: CatalogueItem) -> Ticket:
        """Ask for the approval ``ticket`` awaits (stored pending by the insert that filed it:
        no reader ever saw it unapproved): store the approval, record it in the history, ask
        the first step's approvers, tell the requester, then clear the ticket's "to announce"
        mark. Until that mark is cleared the sweep of unannounced tickets runs this again (a
        start cut short: the approval, the asks or the requester's DM never written); then the
        approval first stored stands, the history says it once (a conditional write) and
        nobody is asked or told twice (outbox ids). A request stored before approvals were set
        at its insert (``approval`` unset) is marked pending here."""
        config = item.approval
        assert config is not None
        now = self.desk.clock.now()
        approvers = await self._approvers(config.steps[0], config, ticket.requester)
        approval = Approval(
            ticket_id=ticket.id,
            requester=ticket.requester,
            item=item_id,
            step=0,
            steps=len(config.steps),
            approvers=approvers,
            state=ApprovalState.PENDING,
            asked_at=now,
            due_at=now + config.remind_after,
            asked=approvers,
        )
        approval = await self.approvals.create(approval)
        approvers = approval.approvers
        entry = HistoryEntry(
            ticket.id, now, "guichet", HistoryAction.APPROVAL_REQUESTED, after=",".join(approvers)
        )
        expect: dict[str, Any] = {
            "approval": ticket.approval,  # pending (or, stored before, unset)
            "history.action": {"$ne": HistoryAction.APPROVAL_REQUESTED.value},  # said once
        }
        held = await self.desk.apply_change(ticket, entry, {"approval": PENDING}, expect)
        if approval.state is ApprovalState.PENDING:  # else decided or withdrawn: asked before
            await self._ask(approval, approvers, ASK)
            await self._tell(approval, RequesterApprovalNotice.WAITING)
        await self.desk.tickets.mark_announced(ticket.id)  # its approval asked: nothing owed
        if held is not None:
            held.announce_at = None
        return held or ticket

    async def waiting_for(self, ticket_id: str, user: str) -> tuple[str, ...] | None:
        """Who must decide next on ``ticket_id`` when ``user`` filed it and it awaits its
        approval (what its requester is told when they write about it); ``None`` otherwise."""
        ticket = await self.desk.tickets.get(ticket_id)
        if ticket is None or ticket.requester != user or not ticket.awaiting_approval:
            return None
        approval = await self.approvals.get(ticket_id)
        if approval is None or approval.state is not ApprovalState.PENDING:
            return None
        return approval.approvers

    async def may_decide(self, ticket_id: str, user: str) -> DecisionResult:
        """Whether ``user`` may decide now (before asking a rejection's reason)."""
        approval = await self.approvals.get(ticket_id)
        if approval is None:
            return DecisionResult(Outcome.NOT_FOUND, ticket_id)
        if approval.state is not ApprovalState.PENDING:
            return self._too_late(approval)
        if user not in approval.asked:
            return self._refused(approval, user)
        if user not in approval.approvers:
            return DecisionResult(Outcome.TOO_LATE, ticket_id, approval.last)
        return DecisionResult(Outcome.DECIDED, ticket_id)

    @staticmethod
    def _too_late(approval: Approval) -> DecisionResult:
        """Someone decided first, or the requester withdrew the request."""
        if approval.state is ApprovalState.WITHDRAWN:
            return DecisionResult(Outcome.WITHDRAWN, approval.ticket_id)
        return DecisionResult(Outcome.TOO_LATE, approval.ticket_id, approval.last)

    def _refused(self, approval: Approval, user: str) -> DecisionResult:
        log.warning(
            "approval refused: %s is not an approver of %s",
            user,
            approval.ticket_id,
            extra={"ticket_id": approval.ticket_id, "user": user},
        )
        return DecisionResult(Outcome.REFUSED, approval.ticket_id)

    async def decide(
        self, ticket_id: str, step: int, user: str, approved: bool, reason: str | None = None
    ) -> DecisionResult:
        approval = await self.approvals.get(ticket_id)
        if approval is None:
            return DecisionResult(Outcome.NOT_FOUND, ticket_id)
        if user not in approval.asked:
            return self._refused(approval, user)
        if approval.state is ApprovalState.WITHDRAWN:
            return self._too_late(approval)
        config = self._config(approval.item)
        now = self.desk.clock.now()
        decision = Decision(step=step, by=user, approved=approved, at=now, reason=reason)
        changes = await self._after(approval, config, decision, now)
        won = await self.approvals.decide(approval, decision, changes)
        if won is None:  # decided or withdrawn first
            return self._too_late(await self.approvals.get(ticket_id) or approval)
        await self._record(won, decision)
        await self.approvals.settle(won)
        await self._show_decided(won, decision)
        return DecisionResult(Outcome.DECIDED, ticket_id, decision)

    async def _after(
        self, approval: Approval, config: ApprovalConfig | None, decision: Decision, now: datetime
    ) -> dict[str, object]:
        """What the decision changes: the next step, or the outcome."""
        if decision.approved and config is not None and approval.step + 1 < approval.steps:
            following = config.steps[approval.step + 1]
            approvers = list(await self._approvers(following, config, approval.requester))
            return {
                "step": approval.step + 1,
                "approvers": approvers,
                "asked": [*approval.asked, *approvers],
                "asked_at": now,
                "due_at": now + config.remind_after,
                "reminded": False,
                "fallback_asked": False,
                "chase": None,  # the step before's, if cut short: not this step's
            }
        state = ApprovalState.APPROVED if decision.approved else ApprovalState.REJECTED
        return {"state": state.value, "due_at": None, "chase": None}

    async def _record(self, approval: Approval, decision: Decision) -> None:
        """The decision in the ticket's history, then what follows from it. Safe to run again
        (the sweep finishes a decision whose recording was cut short): each write is
        conditional, and what it sends follows a write that happened."""
        ticket = await self.desk.require(approval.ticket_id)
        action = HistoryAction.APPROVED if decision.approved else HistoryAction.REJECTED
        entry = HistoryEntry(
            ticket.id,
            decision.at,
            decision.by,
            action,
            after=str(decision.step + 1),
            note=decision.reason,
        )
        if approval.state is ApprovalState.PENDING:  # a step approved: ask the next one
            history = await self.desk.tickets.history(ticket.id)
            if any(e.action == action and e.after == entry.after for e in history):
                return  # recorded, and the next step asked, before
            await self.desk.apply_change(ticket, entry, {}, {})
            await self._ask(approval, approval.approvers, ASK)
            await self._tell(approval, RequesterApprovalNotice.STEP_APPROVED)
            return
        pending = {"approval": PENDING}
        if approval.state is ApprovalState.REJECTED:
            changes: dict[str, Any] = {
                "approval": ApprovalState.REJECTED.value,
                "status": Status.CANCELLED,
            }
            rejected = await self.desk.apply_change(ticket, entry, changes, pending)
            if rejected is not None:
                await self._tell(approval, RequesterApprovalNotice.REJECTED)
            return
        due = due_times.initial(
            ticket.type, ticket.priority, ticket.service, decision.at, self.desk.config
        )
        changes = {
            "approval": ApprovalState.APPROVED.value,
            "sla": due.sla,
            "paging": due.paging,
            "remind_at": due.remind_at,
            "next_ping_at": due.next_ping_at,
        }
        approved = await self.desk.apply_change(ticket, entry, changes, pending)
        if approved is not None:
            await self._tell(approval, RequesterApprovalNotice.APPROVED)
        current = approved or await self.desk.require(ticket.id)
        if current.approval == ApprovalState.APPROVED.value and current.message is None:
            await self.announce(current)

    async def settle_unfinished(self, now: datetime) -> None:
        """Finish the decisions whose recording was cut short (the process died, the database
        failed): decided more than ``SETTLE_AFTER`` ago and not marked settled. One that fails
        is logged and left unsettled for the next tick, and holds up no other; a database down
        stops the step."""
        for approval in await self.approvals.unsettled(now - SETTLE_AFTER):
            with isolated(
                log,
                "could not settle the approval of %s: tried again at the next tick",
                approval.ticket_id,
                ticket_id=approval.ticket_id,
            ):
                await self._settle(approval)

    async def _settle(self, approval: Approval) -> None:
        """Finish a decision (or a withdrawal) whose recording was cut short."""
        if approval.state is ApprovalState.WITHDRAWN:
            await self.withdrawal.finish(approval)
            return
        if approval.last is not None:
            await self._record(approval, approval.last)
        await self.approvals.settle(approval)
        if approval.last is not None:
            await self._show_decided(approval, approval.last)

    async def sweep(self, now: datetime) -> None:
        """The scheduler's part: finish decisions cut short; remind approvers who have not
        decided, then ask the fallback. A request whose reminder fails is logged and holds up
        no other; a database down stops the step."""
        await self.settle_unfinished(now)
        for approval in await self.approvals.due(now):
            with isolated(
                log,
                "could not remind the approvers of %s",
                approval.ticket_id,
                ticket_id=approval.ticket_id,
            ):
                await self._chase(approval, now)

    async def _chase(self, approval: Approval, now: datetime) -> None:
        """Remind the approvers of a request past its reminder time, or ask the fallback.

        The claim (one conditional update) moves the approval on and keeps the chase on it,
        due again after ``CHASE_LEASE``; the asks are stored in the outbox (and tried), then
        the chase is forgotten and the next due time set. A sweep cut short in between (the
        process gone, a failure) leaves the chase due: the next sweep past the lease does its
        asks again, the same outbox ids and a history entry written once making each once."""
        config = self._config(approval.item)
        if config is None:
            return
        lease = now + CHASE_LEASE
        if approval.chase is not None:  # claimed before, its asks maybe never stored
            claimed = await self.approvals.claim(approval, {"due_at": lease})
        elif not approval.reminded:
            chase = Chase(REMINDER, now, approval.step)
            changes = {"reminded": True, "due_at": lease, "chase": chase}
            claimed = await self.approvals.claim(approval, changes)
        elif not approval.fallback_asked and _others(config.fallback, approval.requester):
            fallback = _others(config.fallback, approval.requester)
            newcomers = tuple(user for user in fallback if user not in approval.approvers)
            chase = Chase(FALLBACK, now, approval.step, newcomers)
            changes = {
                "fallback_asked": True,
                "due_at": lease,
                "chase": chase,
                "approvers": [*approval.approvers, *newcomers],  # each once
                "asked": [*approval.asked, *(u for u in newcomers if u not in approval.asked)],
            }
            claimed = await self.approvals.claim(approval, changes)
        else:
            return
        if claimed is None or claimed.chase is None:
            return  # another replica has it
        await self._do_chase(claimed, claimed.chase, config)

    async def _do_chase(self, approval: Approval, chase: Chase, config: ApprovalConfig) -> None:
        """Store (and try) the asks of ``chase``, then forget it."""
        if chase.what == FALLBACK:
            fallback = _others(config.fallback, approval.requester) or chase.newcomers
            await self._ask_fallback(approval, fallback, chase.newcomers, chase.at)
            due_at = None
        else:
            action = HistoryAction.APPROVAL_REMINDED
            await self._ask_again(approval, approval.approvers, action, chase.at)
            fallback_due = _others(config.fallback, approval.requester)
            due_at = approval.asked_at + config.fallback_after if fallback_due else None
        await self.approvals.chased(approval, due_at)

    async def _ask_again(
        self, approval: Approval, who: tuple[str, ...], action: HistoryAction, now: datetime
    ) -> None:
        """Remind ``who``: the history says so, then each is asked again."""
        await self._record_asked(approval, who, action, now)
        await self._ask(approval, who, REMINDER)

    async def _ask_fallback(
        self,
        approval: Approval,
        fallback: tuple[str, ...],
        newcomers: tuple[str, ...],
        now: datetime,
    ) -> None:
        """Ask the fallback approvers: the new ones in place of those who did not answer; one
        who was asked first too is told their approval is still needed (and whether others are
        asked as well). The requester is told only when more people are asked."""
        await self._record_asked(approval, fallback, HistoryAction.APPROVAL_FALLBACK, now)
        asked_first = FALLBACK_TOO if newcomers else FALLBACK_STILL
        whys = {user: FALLBACK if user in newcomers else asked_first for user in fallback}
        step = approval.step
        await self._send(
            [approval_delivery.ask(approval.ticket_id, a, step, why) for a, why in whys.items()]
        )
        if newcomers:  # the requester waits on more people now: say who
            await self._tell(approval, RequesterApprovalNotice.FALLBACK)

    async def _record_asked(
        self, approval: Approval, who: tuple[str, ...], action: HistoryAction, now: datetime
    ) -> None:
        """The history says ``who`` were asked (``action``) at ``now``: once, however often a
        chase cut short is done again."""
        ticket = await self.desk.require(approval.ticket_id)
        entry = HistoryEntry(ticket.id, now, "guichet", action, after=",".join(who))
        said = {"$elemMatch": {"action": action.value, "at": now}}
        await self.desk.apply_change(ticket, entry, {}, {"history": {"$not": said}})


def _others(users: Sequence[str], requester: str) -> tuple[str, ...]:
    """``users`` but the requester, each once, in order: nobody approves their own request."""
    return tuple(dict.fromkeys(user for user in users if user != requester))
