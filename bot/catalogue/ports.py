"""What the approvals need from Slack (implemented in ``handlers/catalogue/approval_slack.py``)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Protocol

from bot.domain.approvals import Approval, Decision
from bot.domain.models import MessageRef, Ticket
from bot.domain.sent_dm import DeliveredDm


class RequesterApprovalNotice(StrEnum):
    WAITING = "waiting"  # your request waits for approval (by whom)
    STEP_APPROVED = "step_approved"  # the first step approved; the second asked
    APPROVED = "approved"  # approved: on its way to the service
    REJECTED = "rejected"  # rejected, with the reason
    FALLBACK = "fallback"  # nobody decided in time: the fallback approvers asked too


class ApprovalMessenger(Protocol):
    async def is_active(self, user: str) -> bool:
        """Whether ``user``'s Slack account is active (for "first available")."""
        ...

    async def group_members(self, usergroup: str) -> list[str]:
        """The members of a Slack user group (none when it cannot be read)."""
        ...

    async def ask(
        self, approver: str, ticket: Ticket, approval: Approval, why: str, role: str
    ) -> MessageRef:
        """A DM to ``approver`` with the request, its answers and Approve / Reject, ``role``
        in its metadata, worded by ``why`` (asked, reminded, asked as the fallback); where it
        landed. Raises ``DeliveryDeferred`` (try later) or
        ``DeliveryFailed`` (never)."""
        ...

    async def show_superseded(
        self,
        approver: str,
        ticket: Ticket,
        approval: Approval,
        earlier: list[tuple[MessageRef, str]],
    ) -> None:
        """Take the buttons off ``approver``'s ``earlier`` DMs for the step (where, and why it
        was sent: ask, reminder, fallback): a later one asks again, only the latest DM keeps
        buttons. They say what they asked and where the buttons went; a failure is logged."""
        ...

    async def tell_requester(
        self, ticket: Ticket, approval: Approval, notice: RequesterApprovalNotice, role: str
    ) -> DeliveredDm:
        """A DM to the requester, with the buttons they may use now (``live``); raises as
        ``ask``."""
        ...

    async def show_withdrawn(
        self,
        approver: str,
        ticket: Ticket,
        approval: Approval,
        asked: list[tuple[MessageRef, str]],
    ) -> None:
        """Update ``approver``'s DMs ``asked`` (where, and why it was sent) to say
        the requester withdrew the request, their buttons gone. Raises ``DeliveryDeferred``
        or ``DeliveryFailed`` (the outbox tries again)."""
        ...

    async def find_told(
        self,
        ticket: Ticket,
        approval: Approval,
        notice: RequesterApprovalNotice,
        role: str,
        since: datetime,
    ) -> DeliveredDm | None:
        """The notice in ``role`` to the requester posted since ``since`` by an attempt whose
        answer was lost, as ``tell_requester`` gives it; ``None`` when it was not posted."""
        ...

    async def find_dm(
        self, user: str, ticket_id: str, role: str, since: datetime
    ) -> MessageRef | None:
        """The DM in ``role`` to ``user`` posted since ``since`` by an attempt whose answer
        was lost; ``None`` when it was not posted. Raises as ``ask``."""
        ...

    async def show_decided(
        self,
        ticket: Ticket,
        approval: Approval,
        decision: Decision,
        asked: list[tuple[str, MessageRef]],
    ) -> None:
        """Update the approvers' DMs ``asked`` (approver, where) to say who decided what, their
        buttons gone; a failure is logged (a late press is still told who decided)."""
        ...
