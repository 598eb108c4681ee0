"""The requester's DMs and the relays reach their reader exactly once when Slack or the network
fail (issue 19, point 1): stored in the outbox before they are sent, tried again with backoff
(honouring ``Retry-After``) by any replica, looked for by their metadata after an answer lost,
and given up for good only with a trace (history, /metrics, /healthz)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from bot.domain.models import HistoryAction, OutgoingKind, Ticket
from bot.domain.outbox import OutboxState
from bot.outbox.deliveries import backoff
from handlers.tickets.card_posting import EVENT_TYPE
from storage.client import Database
from storage.outbox import OutboxRepository
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, Harness
from tests.e2e.test_delivery import bot_with_dated_slack

DM = f"D{EMPLOYEE_EN}"
RELAYS = (OutgoingKind.RELAY_TO_REQUESTER, OutgoingKind.RELAY_TO_TEAM)


@pytest.fixture
async def dated(database: Database) -> AsyncIterator[Harness]:
    async with bot_with_dated_slack(database) as harness:
        yield harness


def dms_about(bot: Harness, ticket_id: str) -> list[dict[str, Any]]:
    """The DMs (not thread replies) the requester holds about ``ticket_id``."""
    return [
        m
        for m in bot.slack.messages(DM)
        if ticket_id in m.get("text", "") and not m.get("thread_ts")
    ]


async def live_dm(bot: Harness, ticket_id: str) -> str | None:
    """The ts of the DM the ticket records as the one that keeps the buttons."""
    document = await bot.database.handle["tickets"].find_one({"_id": ticket_id})
    dms = (document or {}).get("requester_dms") or []
    return dms[-1]["ts"] if dms else None


async def file_question(bot: Harness) -> Ticket:
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is the procedure?"
    )
    assert ticket.service == "service_desk" and ticket.message is not None
    await tried(bot, ticket.id)
    return ticket


async def tried(
    bot: Harness, ticket_id: str, kind: OutgoingKind | None = None, count: int = 1
) -> None:
    """Wait until the first attempt of the ticket's ``count`` DMs or relays (sent after the
    ack) ended."""
    outbox = OutboxRepository(bot.database)
    kinds = {kind} if kind else {OutgoingKind.REQUESTER_DM, *RELAYS}

    async def done() -> bool:
        items = [i for i in await outbox.for_ticket(ticket_id) if i.message.kind in kinds]
        return len(items) >= count and all(
            i.state is not OutboxState.PENDING or i.last_error is not None for i in items
        )

    await bot.wait_until(done, f"the first attempt of {ticket_id}'s messages")


async def test_a_dm_refused_with_503_for_a_while_is_sent_late_and_keeps_the_buttons(
    dated: Harness,
) -> None:
    bot = dated
    bot.slack.server_error("chat.postMessage", channel=EMPLOYEE_EN, status=503, times=3)
    ticket = await file_question(bot)
    assert dms_about(bot, ticket.id) == []
    for attempt in (1, 2):
        await bot.tick(backoff(attempt))
    await bot.tick(backoff(3))
    (dm,) = dms_about(bot, ticket.id)
    assert "was sent to" in dm["text"]
    assert dm["metadata"]["event_type"] == EVENT_TYPE
    assert dm["metadata"]["event_payload"]["ticket_id"] == ticket.id
    assert await live_dm(bot, ticket.id) == dm["ts"]
    await bot.tick(timedelta(hours=1))
    assert len(dms_about(bot, ticket.id)) == 1


async def test_a_dm_whose_answer_was_lost_is_adopted_as_the_live_one(dated: Harness) -> None:
    bot = dated
    bot.slack.answer_lost("chat.postMessage", channel=EMPLOYEE_EN)
    ticket = await file_question(bot)
    (dm,) = dms_about(bot, ticket.id)  # Slack posted it; the bot could not know
    await bot.tick(backoff(1))
    assert dms_about(bot, ticket.id) == [dm]
    assert await live_dm(bot, ticket.id) == dm["ts"]  # its buttons are retired by the next
    history = bot.slack.calls_to("conversations.history")
    assert history and history[-1].args["channel"] == DM


async def test_a_dm_rate_limited_past_the_client_retries_waits_retry_after(dated: Harness) -> None:
    bot = dated
    bot.slack.rate_limited("chat.postMessage", channel=EMPLOYEE_EN, retry_after=0, times=4)
    ticket = await file_question(bot)
    await bot.tick(timedelta(seconds=1))
    (dm,) = dms_about(bot, ticket.id)
    assert await live_dm(bot, ticket.id) == dm["ts"]


async def test_a_late_dm_is_delivered_by_another_replica(dated: Harness) -> None:
    bot = dated
    bot.slack.server_error("chat.postMessage", channel=EMPLOYEE_EN)
    ticket = await file_question(bot)
    other = bot.replica()
    bot.clock.advance(backoff(1))
    await other.scheduler.tick()
    (dm,) = dms_about(bot, ticket.id)
    assert await live_dm(bot, ticket.id) == dm["ts"]


async def test_a_dm_that_never_can_be_sent_is_recorded_counted_and_shown(dated: Harness) -> None:
    bot = dated
    ticket = await file_question(bot)
    assert ticket.message is not None
    bot.slack.fail_next("chat.postMessage", error="cannot_dm_bot")  # the "claimed" DM
    card = bot.slack.message(ticket.message.channel, ticket.message.ts)
    await bot.send.block_action(
        "ticket_claim",
        ticket.id,
        user_id=DESK_MEMBER,
        channel_id=ticket.message.channel,
        message_ts=ticket.message.ts,
        message=card,
    )

    async def recorded() -> list[Any]:
        history = await bot.guichet.helpdesk.tickets.history(ticket.id)
        return [e for e in history if e.action == "dm_failed"]

    (entry,) = await bot.eventually(recorded, "the DM given up, in the history")
    assert entry.after == "claimed" and entry.note == "cannot_dm_bot"
    assert len(_outbox_failures(bot)) == 1  # never tried again
    status, metrics = await bot.get("/metrics")
    assert status == 200
    assert 'guichet_outbox_failed_total{kind="requester_dm"} 1.0' in metrics
    status, health = await bot.get("/healthz")
    assert status == 200
    (latest,) = health["deliveries"]["latest_failures"]
    assert latest["ticket_id"] == ticket.id and latest["reason"] == "cannot_dm_bot"
    assert latest["kind"] == "requester_dm"


def _outbox_failures(bot: Harness) -> list[Any]:
    return [c for c in bot.slack.calls_to("chat.postMessage") if not c.ok]


async def test_a_team_reply_refused_for_a_while_is_relayed_late_once(dated: Harness) -> None:
    bot = dated
    ticket = await file_question(bot)
    assert ticket.message is not None
    bot.slack.server_error("chat.postMessage", channel=DM, status=503, times=2)
    reply = await bot.say(
        ticket.message.channel, "Try the reset page.", DESK_MEMBER, thread_ts=ticket.message.ts
    )
    await tried(bot, ticket.id, OutgoingKind.RELAY_TO_REQUESTER)
    for attempt in (1, 2):
        await bot.tick(backoff(attempt))
    stored = await bot.ticket(ticket.id)
    assert stored.requester_thread is not None
    relayed = [m for m in bot.slack.messages(DM) if "Try the reset page." in m.get("text", "")]
    assert len(relayed) == 1 and relayed[0]["thread_ts"] == stored.requester_thread.ts
    history = [e.action for e in await bot.guichet.helpdesk.tickets.history(ticket.id)]
    assert history.count(HistoryAction.RELAYED_TO_REQUESTER) == 1
    reactions = bot.slack.message(ticket.message.channel, reply["ts"]).get("reactions", [])
    assert [r["name"] for r in reactions] == ["incoming_envelope"]
    await bot.tick(timedelta(hours=1))
    assert len([m for m in bot.slack.messages(DM) if "reset page" in m.get("text", "")]) == 1


async def test_a_relay_whose_answer_was_lost_is_not_relayed_twice(dated: Harness) -> None:
    bot = dated
    ticket = await file_question(bot)
    assert ticket.message is not None
    await bot.say(ticket.message.channel, "First.", DESK_MEMBER, thread_ts=ticket.message.ts)
    stored = await bot.wait_until(lambda: _with_thread(bot, ticket.id), "the requester's DM thread")
    bot.slack.answer_lost("chat.postMessage", channel=DM)
    await bot.say(ticket.message.channel, "Second.", DESK_MEMBER, thread_ts=ticket.message.ts)
    await tried(bot, ticket.id, OutgoingKind.RELAY_TO_REQUESTER, count=2)
    await bot.tick(backoff(1))
    seconds = [m for m in bot.slack.messages(DM) if m.get("text", "").endswith("Second.")]
    assert len(seconds) == 1 and seconds[0]["thread_ts"] == stored.requester_thread.ts


async def test_a_requester_reply_refused_for_a_while_reaches_the_team_late(
    dated: Harness,
) -> None:
    bot = dated
    ticket = await file_question(bot)
    assert ticket.message is not None
    await bot.say(ticket.message.channel, "Which OS?", DESK_MEMBER, thread_ts=ticket.message.ts)
    stored = await bot.wait_until(lambda: _with_thread(bot, ticket.id), "the requester's DM thread")
    channel = ticket.message.channel
    bot.slack.server_error("chat.postMessage", channel=channel, status=503, times=2)
    await bot.say(DM, "Windows 11.", EMPLOYEE_EN, thread_ts=stored.requester_thread.ts)
    await tried(bot, ticket.id, OutgoingKind.RELAY_TO_TEAM)
    for attempt in (1, 2):
        await bot.tick(backoff(attempt))
    relayed = [m for m in bot.slack.messages(channel) if "Windows 11." in m.get("text", "")]
    assert len(relayed) == 1 and relayed[0]["thread_ts"] == ticket.message.ts
    history = [e.action for e in await bot.guichet.helpdesk.tickets.history(ticket.id)]
    assert history.count(HistoryAction.RELAYED_TO_TEAM) == 1


async def _with_thread(bot: Harness, ticket_id: str) -> Ticket | None:
    current = await bot.guichet.helpdesk.tickets.get(ticket_id)
    return current if current and current.requester_thread else None


async def test_a_dm_thread_whose_answer_was_lost_is_adopted_by_the_next_relay(
    dated: Harness,
) -> None:
    """The DM thread's first message was posted, its answer lost: the next reply (another
    outbox item) finds it by its metadata instead of opening a second thread."""
    bot = dated
    ticket = await file_question(bot)
    assert ticket.message is not None
    bot.slack.answer_lost("chat.postMessage", channel=EMPLOYEE_EN)  # the thread's first message
    channel, root = ticket.message.channel, ticket.message.ts
    await bot.say(channel, "First.", DESK_MEMBER, thread_ts=root)
    await tried(bot, ticket.id, OutgoingKind.RELAY_TO_REQUESTER)
    await bot.say(channel, "Second.", DESK_MEMBER, thread_ts=root)
    await tried(bot, ticket.id, OutgoingKind.RELAY_TO_REQUESTER, count=2)
    await bot.tick(backoff(1))
    roots = [m for m in bot.slack.messages(DM) if "reply in this thread" in m.get("text", "")]
    stored = await bot.ticket(ticket.id)
    assert len(roots) == 1 and stored.requester_thread is not None
    assert stored.requester_thread.ts == roots[0]["ts"]
    relayed = [m for m in bot.slack.messages(DM) if m.get("thread_ts") == roots[0]["ts"]]
    assert sorted(m["text"].split("\n")[-1] for m in relayed if m["ts"] != roots[0]["ts"]) == [
        "First.",
        "Second.",
    ]


async def test_a_ticket_announced_twice_tells_its_requester_once(dated: Harness) -> None:
    """The scheduler's sweep of unannounced tickets may announce a ticket whose announcement
    still waits in the queue after the ack (its clock moved on, the queue was slow): the card is
    one outbox item, and so is the "filed" DM. (The soak bench's two doubled DMs.)"""
    bot = dated
    ticket = await file_question(bot)
    await bot.guichet.filing.announce(await bot.ticket(ticket.id))  # announced again
    await bot.tick(timedelta(minutes=5))
    filed = [m for m in dms_about(bot, ticket.id) if "was sent to" in m["text"]]
    assert len(filed) == 1
