"""What Slack (or a proxy) delivers twice is acted on once (issue 19, points 3 and 5): the same
form submission files one ticket; a redelivered message event (same ``event_id``,
``X-Slack-Retry-Num``) relays once, reacts once and opens one DM thread, even when the first
delivery's record failed after its relay went out."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from typing import Any

from bot.domain.models import HistoryAction, Ticket
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, Harness
from tests.e2e.test_delivery import bot_with_dated_slack
from tests.flaky_database import flaky_database

DM = f"D{EMPLOYEE_EN}"
ANSWERS = {
    "type": "information_request",
    "title": "How do I reset my password?",
    "description": "Where is the procedure?",
    "impact": "low",
    "urgency": "low",
}


def _filed_ids(body: Any) -> list[str]:
    return re.findall(r"\b[A-Z]{3}-\d+\b", str(body["view"]["blocks"]))


async def test_the_same_submission_twice_files_once(bot: Harness) -> None:
    view = await bot.open_form()
    first = await bot.submit(view, ANSWERS)
    again = await bot.submit(view, ANSWERS)  # a proxy's retry: the same view id
    assert first[0] == again[0] == 200
    assert _filed_ids(first[1]) == _filed_ids(again[1]) == ["INF-1"]
    await bot.wait_dms(EMPLOYEE_EN, 1)
    assert await bot.guichet.helpdesk.tickets.get("INF-2") is None
    assert len(bot.top_level("C0DESK")) == 1


async def test_the_same_submission_at_once_files_once(bot: Harness) -> None:
    view = await bot.open_form()
    answers = await asyncio.gather(*(bot.submit(view, ANSWERS) for _ in range(3)))
    filed = {tuple(_filed_ids(body)) for status, body in answers if status == 200 and body}
    assert filed == {("INF-1",)}, answers
    await bot.wait_dms(EMPLOYEE_EN, 1)
    assert await bot.guichet.helpdesk.tickets.get("INF-2") is None


async def _desk_ticket(bot: Harness) -> Ticket:
    ticket = await bot.file(
        **{k: ANSWERS[k] for k in ("title", "description")}, ticket_type=ANSWERS["type"]
    )
    assert ticket.message is not None
    return ticket


async def _reply(
    bot: Harness, ticket: Ticket, text: str, event_id: str, retry_num: int | None = None
) -> dict[str, Any]:
    """An agent's reply in the ticket's channel thread, delivered with ``event_id``."""
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    return await bot.say(channel, text, DESK_MEMBER, root, event_id=event_id, retry_num=retry_num)


def _relayed(bot: Harness, text: str) -> list[dict[str, Any]]:
    return [m for m in bot.slack.messages(DM) if m.get("text", "").endswith(text)]


async def test_a_redelivered_reply_relays_once(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    reply = await _reply(bot, ticket, "Try the reset page?", "Ev0REPLY1")
    await bot.slack.wait_for("reactions.add")
    await _reply(bot, ticket, "Try the reset page?", "Ev0REPLY1", retry_num=1)
    await _reply(bot, ticket, "Try the reset page?", "Ev0REPLY1", retry_num=2)
    await bot.settled()  # the redeliveries' work done: a second relay would be sent by now
    assert len(_relayed(bot, "Try the reset page?")) == 1
    assert len(bot.slack.calls_to("reactions.add")) == 1
    assert ticket.message is not None
    assert bot.slack.message(ticket.message.channel, reply["ts"])["reactions"][0]["count"] == 1


async def test_a_reply_and_its_redeliveries_at_once_open_one_dm_thread(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    await asyncio.gather(
        *(_reply(bot, ticket, "Which browser?", "Ev0RACE1", retry_num=n or None) for n in range(3))
    )
    await bot.slack.wait_for("reactions.add")
    await bot.settled()
    roots = [m for m in bot.slack.messages(DM) if "reply in this thread" in m.get("text", "")]
    assert len(roots) == 1 and len(_relayed(bot, "Which browser?")) == 1
    assert not bot.slack.calls_to("chat.delete")  # no second thread opened, then discarded


async def test_a_relay_whose_record_failed_is_not_relayed_again() -> None:
    """MongoDB hiccups while the relay is being delivered (after Slack took it: its record in
    the ticket's history fails): the relay waits in the outbox, leased (its id names the reply),
    so Slack's redelivery of the event does not post it again, and the scheduler, once the lease
    ends, looks for it in the thread (Slack's clock follows the bot's), adopts it and records
    it once."""
    database, switch = flaky_database("guichet_redelivery")
    async with bot_with_dated_slack(database) as bot:
        ticket = await _desk_ticket(bot)
        await _reply(bot, ticket, "First answer", "Ev0OPEN")  # opens the DM thread
        await bot.slack.wait_for("reactions.add")
        switch.failing = {"find_one_and_update"}  # MongoDB hiccups while the relay is sent
        await _reply(bot, ticket, "Second answer", "Ev0HICCUP")
        await asyncio.sleep(0.3)
        switch.failing = set()
        await _reply(bot, ticket, "Second answer", "Ev0HICCUP", retry_num=1)  # Slack retries
        await asyncio.sleep(0.2)
        await bot.tick(timedelta(minutes=5))  # what the hiccup left in the outbox goes now
        await bot.eventually(lambda: _relayed(bot, "Second answer"), "the relay")
        await bot.tick(timedelta(minutes=5))
        await bot.settled()
        assert len(_relayed(bot, "Second answer")) == 1
        history = await bot.guichet.helpdesk.tickets.history(ticket.id)
        assert [e.action for e in history].count(HistoryAction.RELAYED_TO_REQUESTER) == 2


async def test_a_redelivered_direct_message_is_answered_once(bot: Harness) -> None:
    message = bot.slack.add_message(DM, "how do I reset my password", user=EMPLOYEE_EN)
    event = {
        "type": "message",
        "channel": DM,
        "user": EMPLOYEE_EN,
        "text": message["text"],
        "ts": message["ts"],
        "channel_type": "im",
    }
    for retry_num in (None, 1, 2):  # Slack thought the first delivery went unanswered
        status, _ = await bot.send.event(event, event_id="Ev0ASK1", retry_num=retry_num)
        assert status == 200
    await bot.eventually(lambda: _answers(bot), "the answer")
    await bot.settled()
    assert len(_answers(bot)) == 1


def _answers(bot: Harness) -> list[Any]:
    """Guichet's answers in the requester's DM, outside any thread."""
    return [c for c in bot.slack.calls_to("chat.postMessage") if c.ok and c.args["channel"] == DM]
