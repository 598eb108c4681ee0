"""Back-pressure on the ack: with the queue of work after the ack full, a request waits a
bounded time for room, then is refused in the way Slack and the person handle best (an
ephemeral answer to /ticket, the form kept open with a message, 503 for an event, which Slack
retries); nothing is half done, and once there is room the same submission files its ticket."""

from __future__ import annotations

import asyncio

import pytest

import bot.runtime.after_ack as after_ack_module
from bot.domain.models import Language, Status
from bot.locales.i18n import t
from tests.e2e.busy_queue import hold_workers
from tests.e2e.harness import EMPLOYEE_EN, EMPLOYEE_FR, Harness

ANSWERS = {
    "type": "incident",
    "title": "Printer jammed",
    "description": "The second-floor printer is jammed.",
    "impact": "low",
    "urgency": "low",
}


async def _fill(bot: Harness) -> asyncio.Event:
    """The bot's queue filled with jobs that wait for the event returned (set: they end)."""
    queue = bot.guichet.after_ack
    assert queue is not None
    gate = await hold_workers(bot)

    async def blocked() -> None:
        await gate.wait()

    for number in range(queue.capacity):
        await queue.submit(f"queued {number}", blocked)
    assert not queue.has_room()
    return gate


async def test_a_full_queue_refuses_with_answers_slack_handles(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(after_ack_module, "ROOM_SECONDS", 0.1)
    view = await bot.open_form(user=EMPLOYEE_EN)
    await bot.open_form(user=EMPLOYEE_FR)  # their language known (a refusal asks Slack nothing)
    gate = await _fill(bot)
    try:
        # /ticket queues nothing, but is refused like the rest: every request let in holds
        # memory until it ends, and a form opened now would meet the same full queue
        status, answer = await bot.send.command("", user_id=EMPLOYEE_FR)
        assert status == 200 and isinstance(answer, dict)
        assert answer == {"response_type": "ephemeral", "text": t(Language.FR, "operations.busy")}

        status, answer = await bot.submit(view, ANSWERS)
        assert status == 200 and isinstance(answer, dict)
        assert answer["response_action"] == "errors"
        assert list(answer["errors"].values()) == [t(Language.EN, "operations.busy")]
        assert await bot.guichet.helpdesk.tickets.list_for_requester(EMPLOYEE_EN, Status) == []

        status, _ = await bot.send.event({"type": "app_home_opened", "user": EMPLOYEE_EN})
        assert status == 503  # Slack sends the event again later
        _, health = await bot.get("/healthz")
        assert isinstance(health, dict) and health["after_ack"]["refused"] == 3
        busy = [r for r in caplog.records if getattr(r, "outcome", None) == "busy"]
        assert [(r.kind, r.status, r.levelname) for r in busy] == [  # type: ignore[attr-defined]
            ("command", 200, "WARNING"),
            ("view_submission", 200, "WARNING"),
            ("event", 503, "WARNING"),  # expected under a flood: not logged as a fault
        ]
    finally:
        gate.set()
    # the queue drains: the same submission goes through, and files one ticket
    status, answer = await bot.submit(view, ANSWERS)
    assert status == 200 and isinstance(answer, dict), answer
    assert answer["response_action"] == "update"
    await bot.eventually(lambda: bot.dms_to(EMPLOYEE_EN), "the requester told")
    assert len(await bot.guichet.helpdesk.tickets.list_for_requester(EMPLOYEE_EN, Status)) == 1
