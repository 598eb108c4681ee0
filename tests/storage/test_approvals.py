"""An approval's "settled" mark: set by the follow-up of what happened last, never by an
earlier decision's follow-up finishing late."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.approvals import Approval, ApprovalState, Decision
from storage.approvals import ApprovalRepository
from storage.client import Database

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _two_steps() -> Approval:
    return Approval(
        ticket_id="REQ-1",
        requester="U0JOHN",
        item="shared_folder",
        step=0,
        steps=2,
        approvers=("U0DESKMEMBER",),
        state=ApprovalState.PENDING,
        asked_at=T0,
        due_at=T0 + timedelta(days=1),
        asked=("U0DESKMEMBER",),
    )


async def _settled(database: Database) -> bool:
    document = await database.handle["approvals"].find_one({"_id": "REQ-1"})
    assert document is not None
    return bool(document["settled"])


async def _first_step_approved(approvals: ApprovalRepository) -> Approval | None:
    """A two-step approval stored, its first step approved (the second's approver asked)."""
    await approvals.create(_two_steps())
    first = Decision(step=0, by="U0DESKMEMBER", approved=True, at=T0)
    next_step = {"step": 1, "approvers": ["U0INFRA1"], "asked": ["U0DESKMEMBER", "U0INFRA1"]}
    return await approvals.decide(_two_steps(), first, next_step)


async def test_a_withdrawal_made_while_a_decision_was_followed_up_stays_unsettled(
    database: Database,
) -> None:
    approvals = ApprovalRepository(database)
    decided = await _first_step_approved(approvals)
    assert decided is not None and not await _settled(database)
    withdrawn = await approvals.withdraw("REQ-1", T0)  # the same instant, on a test's clock
    assert withdrawn is not None

    await approvals.settle(decided)  # the first step's follow-up, done after the withdrawal
    assert not await _settled(database)  # the withdrawal's is not done yet
    assert [a.ticket_id for a in await approvals.unsettled(T0 + timedelta(minutes=5))] == [
        "REQ-1"
    ]  # a tick would finish it if the withdrawal were cut short

    await approvals.settle(withdrawn)
    assert await _settled(database)


async def test_a_next_steps_decision_is_not_settled_by_the_previous_ones_follow_up(
    database: Database,
) -> None:
    approvals = ApprovalRepository(database)
    decided = await _first_step_approved(approvals)
    assert decided is not None
    second = Decision(step=1, by="U0INFRA1", approved=True, at=T0)
    approved = await approvals.decide(decided, second, {"state": "approved", "due_at": None})
    assert approved is not None

    await approvals.settle(decided)
    assert not await _settled(database)
    await approvals.settle(approved)
    assert await _settled(database)
