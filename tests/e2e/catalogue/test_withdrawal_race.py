"""Approve and Cancel pressed at the same instant on a request awaiting approval: exactly one
outcome, whichever reaches the approval first (both interleavings driven, then both pressed at
once); and Cancel once the request is approved is the ordinary cancel."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from bot.domain.models import Status
from storage.approvals import ApprovalRepository
from tests.e2e.audit_lines import refusals
from tests.e2e.catalogue.steps import LICENCE
from tests.e2e.catalogue.steps import press as _press
from tests.e2e.catalogue.steps import request as _request
from tests.e2e.catalogue.test_withdrawal import CANCEL, REFUSED, _approval, _withdraw
from tests.e2e.harness import CHANNELS, DESK_MEMBER, EMPLOYEE_EN, INFRA_ONCALL_2, Harness
from tests.e2e.observations import action_ids

APPROVED = "You approved REQ-1."
TOO_LATE = (
    "REQ-1 changed before your click: <@U0DESKMEMBER> approved (step 1). It is now *new*, "
    "assigned to _nobody yet_. Your action changed nothing."
)


class Gate:
    """Holds one storage call until ``open``: the other press runs in the gap, as when two
    people press at the same instant and the other's update reaches the database first."""

    def __init__(self) -> None:
        self.entered = asyncio.Event()
        self.opened = asyncio.Event()

    def hold(self, real: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        async def held(*args: Any, **kwargs: Any) -> Any:
            self.entered.set()
            await self.opened.wait()
            return await real(*args, **kwargs)

        return held


async def test_the_approver_first_then_the_requester_is_told_it_is_too_late(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    gate = Gate()
    monkeypatch.setattr(ApprovalRepository, "withdraw", gate.hold(ApprovalRepository.withdraw))
    await _withdraw(bot)  # read the ticket (pending): its withdrawal waits at the database
    await bot.eventually(gate.entered.is_set, "the withdrawal underway")
    await _press(bot, DESK_MEMBER, "request_approve")
    await bot.told_eventually(DESK_MEMBER, APPROVED)
    gate.opened.set()

    await bot.told_eventually(EMPLOYEE_EN, TOO_LATE)
    posted = await bot.eventually(lambda: _posted(bot, ticket.id), "the ticket posted")
    assert posted.status is Status.NEW and posted.approval == "approved"
    assert (await _approval(bot, ticket.id))["state"] == "approved"
    assert not await _withdrawn_updates(bot)
    assert not any("cancelled" in m for m in bot.told(EMPLOYEE_EN))
    assert [line[1:3] for line in await refusals(bot, EMPLOYEE_EN)] == [(CANCEL, "refused")]


async def test_the_requester_first_then_the_approver_is_told_it_was_withdrawn(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    gate = Gate()
    monkeypatch.setattr(ApprovalRepository, "decide", gate.hold(ApprovalRepository.decide))
    await _press(bot, DESK_MEMBER, "request_approve")  # its decision waits at the database
    await bot.eventually(gate.entered.is_set, "the decision underway")
    await _withdraw(bot)
    await bot.told_eventually(EMPLOYEE_EN, "You withdrew")
    gate.opened.set()

    await bot.told_eventually(DESK_MEMBER, REFUSED)
    assert APPROVED not in bot.told(DESK_MEMBER)
    cancelled = await bot.ticket(ticket.id)
    assert cancelled.status is Status.CANCELLED and cancelled.approval == "withdrawn"
    stored = await _approval(bot, ticket.id)
    assert stored["state"] == "withdrawn" and not stored.get("decisions")
    assert not bot.slack.messages(CHANNELS["internal_it"])
    assert [line[4:] for line in await refusals(bot, DESK_MEMBER)] == [(ticket.id, "withdrawn")]


@pytest.mark.parametrize("approver_first", [True, False])
async def test_pressed_together_one_outcome_only(bot: Harness, approver_first: bool) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    waiting = bot.latest_dm(EMPLOYEE_EN, CANCEL)
    presses = [_press(bot, DESK_MEMBER, "request_approve"), _withdraw(bot, waiting)]
    await asyncio.gather(*(presses if approver_first else reversed(presses)))

    def answered() -> tuple[bool, bool] | None:
        approver = [m for m in bot.told(DESK_MEMBER) if m in (APPROVED, REFUSED)]
        requester = [m for m in bot.told(EMPLOYEE_EN) if "withdrew" in m or "changed" in m]
        if not approver or not requester:
            return None
        return approver[-1] == APPROVED, "You withdrew" in requester[-1]

    approved, cancelled = await bot.eventually(answered, "both told")
    assert approved != cancelled  # exactly one of them happened
    stored = await _approval(bot, ticket.id)
    now = await bot.ticket(ticket.id)
    if approved:
        await bot.eventually(lambda: _posted(bot, ticket.id), "the ticket posted")
        assert stored["state"] == "approved" and now.status is Status.NEW
        assert not await _withdrawn_updates(bot)
    else:
        assert stored["state"] == "withdrawn" and now.status is Status.CANCELLED
        assert now.message is None and not bot.slack.messages(CHANNELS["internal_it"])
    history = [e.action.value for e in await bot.guichet.helpdesk.tickets.history(ticket.id)]
    assert history.count("approved") + history.count("status") == 1


async def test_once_approved_cancel_is_the_ordinary_cancel(bot: Harness) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    waiting = bot.latest_dm(EMPLOYEE_EN, CANCEL)
    await _press(bot, DESK_MEMBER, "request_approve")
    posted = await bot.eventually(lambda: _posted(bot, ticket.id), "the ticket posted")
    dm = bot.slack.dm_channel_id(EMPLOYEE_EN)

    def retired() -> bool:  # the waiting DM gave its button to the later ones
        return not action_ids(bot.slack.message(dm, waiting["ts"]))

    await bot.eventually(retired, "the waiting DM's button gone")
    filed = await bot.eventually(lambda: "Your ticket *REQ-1*" in bot.told(EMPLOYEE_EN)[-1])
    assert filed
    latest = bot.latest_dm(EMPLOYEE_EN, CANCEL)
    assert action_ids(latest) == ["ticket_add_info", CANCEL]
    assert "Cancel ticket" in str(latest["blocks"])
    updates = len(bot.slack.calls_to("chat.update"))
    await _withdraw(bot, waiting)  # "Withdraw" as the requester's client still showed it
    await bot.told_eventually(EMPLOYEE_EN, "changed before your click")
    assert (await bot.ticket(ticket.id)).status is Status.NEW  # too late: nothing changed

    await _withdraw(bot, latest)
    await bot.told_eventually(EMPLOYEE_EN, "You cancelled")
    cancelled = await bot.ticket(ticket.id)
    assert cancelled.status is Status.CANCELLED and cancelled.approval == "approved"
    assert (await _approval(bot, ticket.id))["state"] == "approved"
    assert not await _withdrawn_updates(bot)
    card = await bot.eventually(
        lambda: [
            c
            for c in bot.slack.calls_to("chat.update")[updates:]
            if c.args["ts"] == posted.message.ts
        ]
    )
    assert card[-1].args["channel"] == CHANNELS["internal_it"]

    def replied() -> bool:
        return any("cancelled *REQ-1*" in c.args["text"] for c in bot.thread(cancelled))

    await bot.eventually(replied, "the team told in the ticket's thread")
    for approver in (DESK_MEMBER, INFRA_ONCALL_2):  # their DMs still say who decided
        assert "Decided: <@U0DESKMEMBER> approved" in bot.latest_dm(approver)["text"]


async def _posted(bot: Harness, ticket_id: str) -> Any:
    ticket = await bot.ticket(ticket_id)
    return ticket if ticket.message is not None else None


async def _withdrawn_updates(bot: Harness) -> list[dict[str, Any]]:
    outbox = bot.guichet.database.handle["outbox"]
    return await outbox.find({"message.kind": "approval_withdrawn"}).to_list(10)
