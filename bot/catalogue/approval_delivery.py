"""Delivering approval DMs through the stored outbox.

An approver's request (and its reminders and fallback asks) and what the requester is told
carry work: a request nobody received waits for ever. So they are stored in the outbox before
they are sent (``bot/outbox/deliveries.py``): tried at once, and when Slack is rate-limited or
down, tried again by the scheduler's ticks. An ask is delivered only while its step still
waits for that approver (a decision made meanwhile cancels it); where it landed is kept with
the outbox item, so the DMs can be updated once the step is decided. What the requester is told
carries the buttons they may use (Cancel while it waits) and, like their other DMs, is the only
one keeping them (``bot/tickets/requester_dms.py``). A request withdrawn by its requester is told
no more, and each approver's DMs about it are updated by an item of their own
(``APPROVAL_WITHDRAWN``), retried like the rest; an ask recorded as sent after that update, or
after its step's decision, looked for the DMs is updated once recorded (``follow_up_recorded``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from bot.catalogue.ports import ApprovalMessenger, RequesterApprovalNotice
from bot.domain.approvals import Approval, ApprovalState, Decision
from bot.domain.errors import DeliveryDeferred, DeliveryFailed, StoreUnavailable
from bot.domain.models import MessageRef, Outgoing, OutgoingKind, Ticket
from bot.domain.outbox import message_role
from bot.tickets.requester_dms import LatestDms
from storage.approvals import ApprovalRepository
from storage.outbox import OutboxRepository
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)

ASK = "ask"  # an ask's ``about``: the approver asked first
REMINDER = "reminder"  # ... when it reminds the approver
FALLBACK = "fallback"  # ... when the approvers asked did not answer in time: the fallback's
# ... to a fallback approver who was asked first too ("in their place" is not true for them):
FALLBACK_TOO = "fallback_too"  # others are asked as well now
FALLBACK_STILL = "fallback_still"  # nobody new to ask: the fallback is who was asked


def ask(ticket_id: str, approver: str, step: int, why: str) -> tuple[str, Outgoing]:
    """The outbox item asking ``approver`` to decide ``step``; ``why`` (ask, reminder,
    fallback) makes its id, so asking again after a crash queues nothing twice."""
    item_id = f"{ticket_id}:approval:{step}:{why}:{approver}"
    message = Outgoing(OutgoingKind.APPROVAL_ASK, ticket_id, approver, level=step, about=why)
    return item_id, message


def notice(
    ticket_id: str, requester: str, step: int, told: RequesterApprovalNotice
) -> tuple[str, Outgoing]:
    """The outbox item telling the requester ``told`` (once per step and notice)."""
    item_id = f"{ticket_id}:approval:{step}:{told.value}:{requester}"
    message = Outgoing(
        OutgoingKind.APPROVAL_NOTICE, ticket_id, requester, level=step, about=told.value
    )
    return item_id, message


def withdrawn(ticket_id: str, approver: str, after: str | None = None) -> tuple[str, Outgoing]:
    """The outbox item updating ``approver``'s DMs about a withdrawn request (once each; once
    more ``after`` an ask recorded as sent after the withdrawal, named by where it landed)."""
    message = Outgoing(OutgoingKind.APPROVAL_WITHDRAWN, ticket_id, approver)
    item_id = f"{ticket_id}:approval:withdrawn:{approver}"
    return (f"{item_id}:{after}" if after else item_id), message


class ApprovalDelivery:
    """The outbox's ``Sender`` of ``APPROVAL_ASK``, ``APPROVAL_NOTICE`` and
    ``APPROVAL_WITHDRAWN``."""

    grouped = False

    def __init__(
        self,
        tickets: TicketRepository,
        approvals: ApprovalRepository,
        messenger: ApprovalMessenger,
        outbox: OutboxRepository,
        latest: LatestDms,
    ) -> None:
        self._tickets = tickets
        self._approvals = approvals
        self._messenger = messenger
        self._outbox = outbox  # where the earlier asks landed
        self._latest = latest  # only the requester's latest DM keeps buttons

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        """Send the DM; ``None`` when it is no longer wanted (the step decided meanwhile, the
        request withdrawn)."""
        message = messages[0]
        ticket = await self._tickets.get(message.ticket_id)
        approval = await self._approvals.get(message.ticket_id)
        if ticket is None or approval is None or message.recipient is None:
            return None
        if message.kind is OutgoingKind.APPROVAL_WITHDRAWN:
            return await self._show_withdrawn(message.recipient, ticket, approval)
        asking = message.kind is OutgoingKind.APPROVAL_ASK
        withdrawn_at_its_step = (
            approval.state is ApprovalState.WITHDRAWN and approval.step == message.level
        )
        if asking and (_decision(approval, message.level) is not None or withdrawn_at_its_step):
            # no longer wanted: its step decided, or the request withdrawn while it waited. An
            # attempt before (``since``) may have posted it, its answer lost: found, it is
            # recorded as sent and ``follow_up_recorded`` shows who decided or takes its
            # buttons back (the decision or the withdrawal did not know of it)
            if since is None:
                return None
            role = message_role(message)
            return await self._messenger.find_dm(message.recipient, ticket.id, role, since)
        if approval.state is ApprovalState.WITHDRAWN:
            return None  # the requester was told of the cancel; nobody decides any more
        if asking:
            waiting = approval.state is ApprovalState.PENDING and approval.step == message.level
            if not waiting or message.recipient not in approval.approvers:
                return None
        # tried before (``since``): that attempt may have posted it, its answer lost; what is
        # found is adopted, and counts as delivered in every way (buttons taken over)
        role, messenger, to = message_role(message), self._messenger, message.recipient
        if message.kind is OutgoingKind.APPROVAL_ASK:
            why = message.about or ASK
            found = await messenger.find_dm(to, ticket.id, role, since) if since else None
            where = found or await messenger.ask(to, ticket, approval, why, role)
            await self._retire_earlier(message, ticket, approval, where)
            return where  # withdrawn meanwhile: ``follow_up_recorded`` takes its buttons back
        if message.about is None:  # every approval notice is queued naming its notice
            raise DeliveryFailed("an approval notice without its notice")
        told = RequesterApprovalNotice(message.about)
        told_before = (
            await messenger.find_told(ticket, approval, told, role, since) if since else None
        )
        delivered = told_before or await messenger.tell_requester(ticket, approval, told, role)
        await self._latest.took_over(ticket, delivered.dm if delivered.live else None)
        return delivered.dm.ref

    async def follow_up_recorded(
        self, messages: Sequence[Outgoing], ref: MessageRef, now: datetime
    ) -> None:
        """An ask just recorded as sent whose step was decided, or whose request was withdrawn,
        meanwhile (while it was posted, or between ``send``'s last look and the record): the
        decision's or the withdrawal's update may have looked for the asks before this one was
        recorded, and found none, so this ask says who decided, or gives up its buttons (with
        the earlier ones, which ``_retire_earlier`` just said were superseded), here. The
        decision and the withdrawal look for the asks recorded after they are stored, this
        after the record: one of the two sees it (both may: an update made twice shows the
        same). Slack unable to take a withdrawal's update now: an update of its own is queued
        for the ticks; a store or update failing for good is logged (a press on it is refused:
        the step is decided, the request withdrawn)."""
        message = messages[0]
        approver = message.recipient
        if message.kind is not OutgoingKind.APPROVAL_ASK or approver is None:
            return
        try:
            approval = await self._approvals.get(message.ticket_id)
            if approval is None:
                return
            decision = _decision(approval, message.level)
            withdrawn_ = approval.state is ApprovalState.WITHDRAWN
            if decision is None and not withdrawn_:
                return  # still waiting: the decision or the withdrawal will find it recorded
            ticket = await self._tickets.get(message.ticket_id)
            if ticket is None:
                return
            if decision is not None:  # its step was decided while it was posted
                await self._messenger.show_decided(ticket, approval, decision, [(approver, ref)])
                return
            try:
                posted = [(ref, message.about or ASK)]
                await self._show_withdrawn(approver, ticket, approval, posted)
            except DeliveryDeferred:
                await self._outbox.add([withdrawn(ticket.id, approver, after=ref.ts)], now)
        except (DeliveryFailed, StoreUnavailable):
            log.warning(
                "could not update %s's ask about withdrawn %s",
                approver,
                message.ticket_id,
                exc_info=True,
                extra={"ticket_id": message.ticket_id},
            )

    async def _show_withdrawn(
        self,
        approver: str,
        ticket: Ticket,
        approval: Approval,
        posted: Sequence[tuple[MessageRef, str]] = (),
    ) -> MessageRef | None:
        """Every DM that asked ``approver`` to decide the step it was withdrawn at says so,
        its buttons gone (an earlier step's DMs say who decided it); the latest is the item's
        place. ``posted``: a DM just posted, maybe not recorded as sent yet. ``None``: none was
        delivered (an ask still waiting is never sent now)."""
        if approval.state is not ApprovalState.WITHDRAWN:
            return None
        sent = await self._outbox.sent_for(ticket.id, [OutgoingKind.APPROVAL_ASK])
        asked = [
            (ref, m.about or ASK)
            for m, ref in sent
            if m.recipient == approver and m.level == approval.step
        ]
        recorded = {ref for ref, _ in asked}
        asked += [(ref, why) for ref, why in posted if ref not in recorded]
        if not asked:
            return None
        await self._messenger.show_withdrawn(approver, ticket, approval, asked)
        return asked[-1][0]

    async def _retire_earlier(
        self, message: Outgoing, ticket: Ticket, approval: Approval, where: MessageRef
    ) -> None:
        """Only the latest DM about a ticket keeps buttons (``bot/tickets/requester_dms.py``
        for the requester's): the approver's earlier asks for this step give theirs up. The
        outbox knows where each landed; a failure to read it leaves them (a press on one is
        still decided once)."""
        try:
            sent = await self._outbox.sent_for(ticket.id, [OutgoingKind.APPROVAL_ASK])
        except StoreUnavailable:
            log.warning("could not read %s's earlier approval DMs", ticket.id, exc_info=True)
            return
        earlier = [
            (ref, asked.about or ASK)
            for asked, ref in sent
            if asked.recipient == message.recipient
            and asked.level == message.level
            and ref != where
        ]
        if earlier and message.recipient is not None:
            await self._messenger.show_superseded(message.recipient, ticket, approval, earlier)

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        """Never delivered: logged (an approver never asked is asked again by the reminder and
        the fallback, which are new items)."""
        for message in messages:
            log.error(
                "ticket %s: approval message (%s) to %s never delivered: %s",
                message.ticket_id,
                message.about,
                message.recipient,
                reason,
                extra={"ticket_id": message.ticket_id},
            )


def _decision(approval: Approval, step: int | None) -> Decision | None:
    """How ``step`` of ``approval`` was decided; ``None`` while it waits (or never came)."""
    return next((d for d in reversed(approval.decisions) if d.step == step), None)
