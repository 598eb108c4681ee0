"""The approvals' sweep, one request at a time: a request whose reminder or whose decision's
recording fails unexpectedly is logged and holds up no other request behind it."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest

from bot.catalogue.approvals import Approvals
from bot.domain.approvals import Approval, Decision
from bot.domain.errors import StoreUnavailable
from bot.domain.models import HistoryAction, Ticket
from tests.e2e.catalogue.steps import LICENCE, press, request
from tests.e2e.harness import DESK_MEMBER, Harness


async def _actions(bot: Harness, ticket_id: str) -> list[HistoryAction]:
    return [e.action for e in await bot.guichet.helpdesk.tickets.history(ticket_id)]


async def test_a_request_whose_reminder_fails_holds_up_no_other(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await bot.guichet.scheduler.stop()  # ticks only when the test says
    broken = await request(bot, "software_licence", LICENCE)  # due first
    other = await request(bot, "software_licence", {**LICENCE, "field_seats": "3"})
    real = Approvals._ask_again

    async def ask_again(
        self: Approvals,
        approval: Approval,
        who: tuple[str, ...],
        action: HistoryAction,
        now: datetime,
    ) -> None:
        if approval.ticket_id == broken.id:
            raise RuntimeError("its approver's DM cannot be built, say")
        await real(self, approval, who, action, now)

    monkeypatch.setattr(Approvals, "_ask_again", ask_again)
    with caplog.at_level(logging.ERROR):
        await bot.tick(timedelta(minutes=61))  # both past their reminder time
    assert HistoryAction.APPROVAL_REMINDED in await _actions(bot, other.id)  # reminded all the same
    assert HistoryAction.APPROVAL_REMINDED not in await _actions(bot, broken.id)
    assert f"could not remind the approvers of {broken.id}" in caplog.text


async def _approved_cut_short(bot: Harness, monkeypatch: pytest.MonkeyPatch, seats: str) -> Ticket:
    """A request approved by its approver, the decision stored but its recording cut short
    (the database gone meanwhile): the sweep's to settle."""
    ticket = await request(bot, "software_licence", {**LICENCE, "field_seats": seats})
    desk = bot.guichet.helpdesk

    async def database_gone(*args: object, **kwargs: object) -> None:
        raise StoreUnavailable("the database went away")

    with monkeypatch.context() as patched:
        patched.setattr(desk, "apply_change", database_gone)
        await press(bot, DESK_MEMBER, "request_approve")
        approvals = bot.guichet.database.handle["approvals"]

        async def stored() -> bool:
            document = await approvals.find_one({"_id": ticket.id})
            return document["state"] == "approved" and document["settled"] is False

        await bot.eventually(stored, "the decision stored, not settled")
        await bot.settled()
    assert (await bot.ticket(ticket.id)).message is None  # not posted: the rest did not happen
    return ticket


async def test_a_decision_that_cannot_be_settled_holds_up_no_other(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await bot.guichet.scheduler.stop()  # ticks only when the test says
    broken = await _approved_cut_short(bot, monkeypatch, "5")  # decided first
    other = await _approved_cut_short(bot, monkeypatch, "3")
    real = Approvals._record

    async def record(self: Approvals, approval: Approval, decision: Decision) -> None:
        if approval.ticket_id == broken.id:
            raise RuntimeError("its ticket cannot be read back, say")
        await real(self, approval, decision)

    monkeypatch.setattr(Approvals, "_record", record)
    with caplog.at_level(logging.ERROR):
        await bot.tick(timedelta(minutes=2))
    assert (await bot.ticket(other.id)).message is not None  # settled and posted all the same
    assert (await bot.ticket(broken.id)).message is None  # left for the next tick
    assert f"could not settle the approval of {broken.id}: tried again" in caplog.text

    monkeypatch.undo()  # mended: the next tick settles it, the other not twice
    await bot.tick(timedelta(minutes=1))
    assert (await bot.ticket(broken.id)).message is not None
    assert (await _actions(bot, other.id)).count(HistoryAction.APPROVED) == 1
