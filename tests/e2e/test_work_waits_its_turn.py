"""The work a gesture asks for after its ack waits its turn in the bounded queue of work after
the ack (``bot/runtime/after_ack.py``), like a filing's: with every worker busy, the person's
request is acked at once, and what it asks is done once a worker is free, never beside the
queue (where a burst of clicks would run unbounded, between the acks of the people who come
next). One gesture of each kind: a button, a form, an event."""

from __future__ import annotations

from bot.domain.models import Status
from tests.e2e.busy_queue import hold_workers
from tests.e2e.harness import EMPLOYEE_EN, EMPLOYEE_FR, INFRA_ONCALL_1, Harness

GENERAL = "C0GENERAL"


async def _waiting_its_turn(bot: Harness) -> None:
    queue = bot.guichet.after_ack
    assert queue is not None
    await bot.eventually(lambda: queue.report().depth == 1, "the gesture's work queued")


async def test_a_button_s_work_waits_for_a_free_worker(bot: Harness) -> None:
    filed = await bot.file("incident", "VPN down at the warehouse", "The VPN is down.")
    await bot.claim(filed, INFRA_ONCALL_1)
    await bot.settled()
    gate = await hold_workers(bot)
    status, _ = await bot.choose(filed.id, "ticket_unassign", None, INFRA_ONCALL_1)
    assert status == 200  # acked with every worker busy
    await _waiting_its_turn(bot)
    assert (await bot.ticket(filed.id)).assignee == INFRA_ONCALL_1
    gate.set()
    await bot.settled()
    unassigned = await bot.ticket(filed.id)
    assert unassigned.assignee is None and unassigned.status is Status.NEW


async def test_a_form_s_work_waits_for_a_free_worker(bot: Harness) -> None:
    filed = await bot.file("incident", "Printer jammed", "The second-floor printer is jammed.")
    form = (await bot.choose_form(filed.id, "ticket_edit", EMPLOYEE_EN)).response["view"]
    await bot.settled()
    gate = await hold_workers(bot)
    answers = {"edit_title": "Printer jammed on the 2nd floor", "edit_description": "Tray 2."}
    status, _ = await bot.submit(form, answers, user=EMPLOYEE_EN)
    assert status == 200  # the edit is stored before the ack; telling people waits its turn
    await _waiting_its_turn(bot)
    assert (await bot.ticket(filed.id)).title == "Printer jammed on the 2nd floor"
    card = await bot.channel_message(filed.id)
    assert "2nd floor" not in str(card["blocks"])
    gate.set()
    await bot.settled()
    assert "2nd floor" in str((await bot.channel_message(filed.id))["blocks"])


async def test_an_event_s_work_waits_for_a_free_worker(bot: Harness) -> None:
    message = bot.slack.add_message(GENERAL, "Outlook crashes at start", user=EMPLOYEE_EN)
    gate = await hold_workers(bot)
    await bot.react(GENERAL, message["ts"], EMPLOYEE_FR)  # acked (200) with every worker busy
    await _waiting_its_turn(bot)
    assert await bot.database.handle["tickets"].count_documents({}) == 0
    gate.set()
    await bot.settled()
    assert await bot.database.handle["tickets"].count_documents({}) == 1
