"""A rejected request as its requester and approvers read it afterwards: the requester's earlier
DM says the request was rejected (nobody cancelled it), and each approver's DM is updated once
with the decision."""

from __future__ import annotations

import asyncio

from sandbox.emulator import RecordedCall
from tests.e2e.catalogue.steps import LICENCE, reject_form, request
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, INFRA_ONCALL_2, Harness
from tests.e2e.observations import is_listener


async def test_a_rejected_request_s_earlier_dm_says_rejected(bot: Harness) -> None:
    ticket = await request(bot, "software_licence", LICENCE)
    form = await reject_form(bot, INFRA_ONCALL_2)
    await bot.submit(form, {"reject_reason": "Use LibreOffice Draw"}, user=INFRA_ONCALL_2)
    await bot.settled()
    first, told = bot.slack.messages(bot.slack.dm_channel_id(EMPLOYEE_EN))
    assert told["text"].startswith("<@U0INFRA2> rejected your request")
    line = first["blocks"][-1]["elements"][0]["text"]
    assert line == f"⛔ Request *{ticket.id}* was rejected: nothing left to do here."
    for approver in (DESK_MEMBER, INFRA_ONCALL_2):
        channel = bot.slack.dm_channel_id(approver)
        updates = [c for c in bot.slack.calls_to("chat.update") if c.args["channel"] == channel]
        assert [c.args["text"] for c in updates] == ["Decided: <@U0INFRA2> rejected this request."]


async def test_settled_waits_for_a_listener_still_at_work_after_its_ack(bot: Harness) -> None:
    """The rejection's listener acks the form, then decides and answers the approver: a test
    that waits with ``settled`` reads Slack after that work, not while Bolt's task still runs
    it (this test's first check fails if Bolt renames the coroutine ``settled`` looks for)."""
    await request(bot, "software_licence", LICENCE)
    form = await reject_form(bot, INFRA_ONCALL_2)
    bot.slack.slow("chat.postMessage", 0.5, channel=INFRA_ONCALL_2)  # the approver's answer
    await bot.submit(form, {"reject_reason": "Use LibreOffice Draw"}, user=INFRA_ONCALL_2)

    def answering() -> list[RecordedCall]:
        return [c for c in bot.slack.calls_to("chat.postMessage") if c.fault]

    await bot.eventually(answering, "the approver's answer, done and not yet answered")
    assert any(is_listener(task) for task in asyncio.all_tasks())
    await bot.settled()
    assert not any(is_listener(task) for task in asyncio.all_tasks())
