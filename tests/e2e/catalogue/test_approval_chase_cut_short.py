"""A reminder or a fallback ask cut short by the process dying (or any failure) between the
approval's move and the asks being stored: nothing is lost (the next sweep past the lease asks
them) and nothing is doubled (the same outbox ids, the history said once)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.catalogue.approvals import Approvals
from bot.domain.approvals import ApprovalState
from bot.domain.models import HistoryAction
from storage.approvals import ApprovalRepository
from tests.e2e.catalogue.steps import LICENCE, request
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, INFRA_ONCALL_2, SECURITY_ONCALL, Harness


async def _actions(bot: Harness, ticket_id: str) -> list[HistoryAction]:
    return [e.action for e in await bot.guichet.helpdesk.tickets.history(ticket_id)]


async def _crash(*args: object, **kwargs: object) -> None:
    raise RuntimeError("the process died here")


async def test_a_fallback_ask_cut_short_before_it_is_stored_is_asked_later(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await bot.guichet.scheduler.stop()  # ticks only when the test says
    ticket = await request(bot, "software_licence", LICENCE)
    await bot.tick(timedelta(minutes=61))  # reminded
    assert len(bot.dms_to(DESK_MEMBER)) == 2
    with monkeypatch.context() as patched:
        patched.setattr(Approvals, "_send", _crash)
        await bot.tick(timedelta(hours=3))  # the fallback's turn: its asks never stored
    assert not bot.dms_to(SECURITY_ONCALL)
    told = len(bot.dms_to(EMPLOYEE_EN))
    for _ in range(5):  # before: none ever, the approval pending with nothing due
        await bot.tick(timedelta(hours=6))
    assert len(bot.dms_to(SECURITY_ONCALL)) == 1
    assert "did not answer in time" in bot.latest_dm(SECURITY_ONCALL, "request_approve")["text"]
    assert len(bot.dms_to(EMPLOYEE_EN)) == told + 1  # told once who decides now
    actions = await _actions(bot, ticket.id)
    assert actions.count(HistoryAction.APPROVAL_FALLBACK) == 1
    approval = await ApprovalRepository(bot.guichet.database).get(ticket.id)
    assert approval is not None and approval.state is ApprovalState.PENDING
    assert approval.chase is None and approval.due_at is None  # nothing more to chase


async def test_a_reminder_cut_short_before_it_is_stored_is_sent_later(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await bot.guichet.scheduler.stop()
    ticket = await request(bot, "software_licence", LICENCE)
    with monkeypatch.context() as patched:
        patched.setattr(Approvals, "_send", _crash)
        await bot.tick(timedelta(minutes=61))
    assert len(bot.dms_to(DESK_MEMBER)) == 1  # asked, not reminded yet
    await bot.tick(timedelta(minutes=5))  # before: the reminder lost for good
    assert len(bot.dms_to(DESK_MEMBER)) == len(bot.dms_to(INFRA_ONCALL_2)) == 2
    assert "Reminder:" in bot.latest_dm(DESK_MEMBER, "request_approve")["text"]
    await bot.tick(timedelta(minutes=30))
    assert len(bot.dms_to(DESK_MEMBER)) == 2  # once
    assert (await _actions(bot, ticket.id)).count(HistoryAction.APPROVAL_REMINDED) == 1
    await bot.tick(timedelta(hours=3))  # the fallback still comes at its time
    assert len(bot.dms_to(SECURITY_ONCALL)) == 1


async def test_a_fallback_cut_short_after_its_asks_are_stored_doubles_nothing(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await bot.guichet.scheduler.stop()
    ticket = await request(bot, "software_licence", LICENCE)
    await bot.tick(timedelta(minutes=61))
    told = len(bot.dms_to(EMPLOYEE_EN))
    with monkeypatch.context() as patched:
        patched.setattr(ApprovalRepository, "chased", _crash)  # dies once the asks went
        await bot.tick(timedelta(hours=3))
    assert len(bot.dms_to(SECURITY_ONCALL)) == 1
    for _ in range(3):  # the chase done again: the same asks, found already sent
        await bot.tick(timedelta(hours=1))
    assert len(bot.dms_to(SECURITY_ONCALL)) == 1
    assert len(bot.dms_to(EMPLOYEE_EN)) == told + 1
    assert len(bot.dms_to(DESK_MEMBER)) == 2  # asked, reminded: not asked again
    assert (await _actions(bot, ticket.id)).count(HistoryAction.APPROVAL_FALLBACK) == 1
    approval = await ApprovalRepository(bot.guichet.database).get(ticket.id)
    assert approval is not None and approval.chase is None and approval.due_at is None
