"""A ticket's card reaches its team exactly once when Slack or the network fail (issue 19, points
1 and 2): Slack answering 503 or 429 for longer than the client retries, an answer lost after
Slack posted, an answer later than the client waits, a channel that never will take it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import pytest

from bot.domain.clock import ManualClock
from bot.domain.models import OutgoingKind, Ticket
from bot.domain.outbox import OutboxItem, OutboxState
from bot.outbox.deliveries import backoff
from handlers.tickets.card_posting import EVENT_TYPE
from sandbox.emulator import SlackEmulator
from storage.client import Database
from storage.outbox import OutboxRepository
from tests.e2e.harness import (
    CHANNELS,
    EMPLOYEE_EN,
    INFRA_ONCALL_1,
    TOKEN,
    Harness,
    populate,
    running_bot,
)
from tests.flaky_database import flaky_database

INFRA = CHANNELS["infra_network"]


@asynccontextmanager
async def bot_with_dated_slack(
    database: Database, lag: timedelta = timedelta(0), **options: Any
) -> AsyncIterator[Harness]:
    """The bot, with an emulator whose message timestamps follow the bot's clock (as Slack's
    follow the real time), so a card can be looked for from the first attempt's time; ``lag``
    sets Slack's clock that much behind the bot's."""
    clock = ManualClock()

    def dated() -> float:
        return (clock.now() - lag).timestamp()

    async with SlackEmulator(token=TOKEN, ts_clock=dated) as slack:
        populate(slack)
        async with running_bot(database, slack=slack, clock=clock, **options) as harness:
            yield harness


@pytest.fixture
async def dated(database: Database) -> AsyncIterator[Harness]:
    async with bot_with_dated_slack(database) as harness:
        yield harness


def cards_of(bot: Harness, ticket: Ticket) -> list[dict[str, Any]]:
    """The messages in the ticket's channel that are its card (told by their metadata)."""
    channel = CHANNELS[ticket.service]
    return [
        m
        for m in bot.slack.messages(channel)
        if (m.get("metadata") or {}).get("event_type") == EVENT_TYPE
        and m["metadata"]["event_payload"] == {"ticket_id": ticket.id, "role": "card"}
    ]


async def file_vpn(bot: Harness) -> Ticket:
    ticket = await bot.file("incident", "VPN down", "The VPN is down for me", user=EMPLOYEE_EN)
    assert ticket.service == "infra_network"
    return ticket


async def test_a_card_refused_with_503_for_a_while_is_posted_late(dated: Harness) -> None:
    bot = dated
    dated.slack.server_error("chat.postMessage", channel=INFRA, status=503, times=3)
    ticket = await file_vpn(bot)
    assert ticket.message is None and cards_of(bot, ticket) == []
    assert "Slack is not answering right now" in bot.told(EMPLOYEE_EN)[-1]
    for attempt in (1, 2):  # still 503 (the client no longer retries a 5xx itself)
        report = await bot.tick(backoff(attempt))
        assert report.deliveries.deferred == 1
    await bot.tick(backoff(3))
    stored = await bot.ticket(ticket.id)
    (card,) = cards_of(bot, ticket)
    assert stored.message is not None and stored.message.ts == card["ts"]
    assert "was sent to *Infrastructure &amp; network*" in bot.told(EMPLOYEE_EN)[-1]
    await bot.tick(timedelta(hours=1))
    assert len(cards_of(bot, ticket)) == 1


async def test_a_rate_limit_longer_than_the_client_retries_waits_retry_after(
    dated: Harness,
) -> None:
    bot = dated
    bot.slack.rate_limited("chat.postMessage", channel=INFRA, retry_after=0, times=4)
    ticket = await file_vpn(bot)
    assert ticket.message is None
    await bot.tick(timedelta(seconds=1))
    (card,) = cards_of(bot, ticket)
    card_ref = (await bot.ticket(ticket.id)).message
    assert card_ref is not None and card_ref.ts == card["ts"]


async def test_a_card_whose_answer_was_lost_is_adopted_not_posted_again(dated: Harness) -> None:
    bot = dated
    bot.slack.answer_lost("chat.postMessage", channel=INFRA)
    ticket = await file_vpn(bot)
    (card,) = cards_of(bot, ticket)  # Slack posted it; the bot could not know
    assert ticket.message is None
    await bot.tick(backoff(1))
    assert cards_of(bot, ticket) == [card]
    stored = await bot.ticket(ticket.id)
    assert stored.message is not None and stored.message.ts == card["ts"]
    history = bot.slack.calls_to("conversations.history")
    assert history and history[-1].args["include_all_metadata"] in (True, "true", "1")


async def test_a_card_answered_too_late_is_adopted_not_posted_again(database: Database) -> None:
    async with bot_with_dated_slack(database, slack_api_timeout=1) as bot:
        bot.slack.slow("chat.postMessage", 1.5, channel=INFRA)
        ticket = await file_vpn(bot)
        (card,) = cards_of(bot, ticket)
        await bot.tick(backoff(1))
        assert cards_of(bot, ticket) == [card]
        card_ref = (await bot.ticket(ticket.id)).message
        assert card_ref is not None and card_ref.ts == card["ts"]


async def test_a_late_card_is_delivered_by_another_replica(dated: Harness) -> None:
    bot = dated
    bot.slack.server_error("chat.postMessage", channel=INFRA)
    ticket = await file_vpn(bot)
    other = bot.replica()  # this process may be gone: any replica delivers it
    bot.clock.advance(backoff(1))
    await other.scheduler.tick()
    (card,) = cards_of(bot, ticket)
    card_ref = (await bot.ticket(ticket.id)).message
    assert card_ref is not None and card_ref.ts == card["ts"]
    await bot.tick(timedelta(minutes=5))
    assert len(cards_of(bot, ticket)) == 1


async def test_a_card_that_never_can_be_posted_is_told_counted_and_shown(bot: Harness) -> None:
    bot.slack.fail_next("chat.postMessage", error="channel_not_found")
    ticket = await bot.file("incident", "Phishing mail", "I clicked on a phishing link.")
    assert ticket.service == "security" and ticket.message is None
    assert "could not post it" in bot.told(EMPLOYEE_EN)[-1]
    (told,) = [c for c in bot.top_level(CHANNELS["service_desk"])]
    assert ticket.id in told.args["text"] and "channel_not_found" in told.args["text"]
    assert "<#C0SECURITY>" in told.args["text"]
    status, metrics = await bot.get("/metrics")
    assert status == 200 and 'guichet_outbox_failed_total{kind="card"} 1.0' in metrics
    status, health = await bot.get("/healthz")
    assert status == 200 and health["deliveries"]["failed_last_day"] == 1
    (latest,) = health["deliveries"]["latest_failures"]
    assert latest["ticket_id"] == ticket.id and latest["reason"] == "channel_not_found"
    assert latest["kind"] == "card"
    await bot.tick(timedelta(hours=2))  # never tried again
    assert cards_of(bot, ticket) == []
    tried = [
        c
        for c in bot.slack.calls_to("chat.postMessage")
        if (c.args.get("metadata") or {}).get("event_payload", {}).get("role") == "card"
    ]
    assert len(tried) == 1 and tried[0].response["error"] == "channel_not_found"


async def test_a_dm_whose_answer_was_lost_is_not_sent_again(dated: Harness) -> None:
    bot = dated
    bot.slack.answer_lost("chat.postMessage", channel=EMPLOYEE_EN)  # the requester's DM
    ticket = await file_vpn(bot)
    await asyncio.sleep(1.5)  # past the SDK's retry interval (0.5 s and more)
    dms = [m for m in bot.slack.messages(f"D{EMPLOYEE_EN}") if ticket.id in m.get("text", "")]
    assert len(dms) == 1  # Slack posted it once; nothing posted it blindly again


async def test_a_page_whose_answer_was_lost_is_adopted_not_sent_again(dated: Harness) -> None:
    bot = dated
    bot.slack.answer_lost("chat.postMessage", channel=INFRA_ONCALL_1)
    ticket = await bot.file(
        "emergency",
        "Production site down",
        "The whole network of the warehouse is down, nobody can work.",
        impact="high",
        urgency="high",
    )
    await bot.eventually(lambda: _pages(bot, ticket), "the first page")
    await bot.tick()
    await bot.tick(backoff(1))  # the page's attempt is tried again: looked for, found
    (page,) = _pages(bot, ticket)
    assert page["metadata"]["event_payload"]["ticket_id"] == ticket.id
    sent = await OutboxRepository(bot.database).sent_for(ticket.id, [OutgoingKind.PAGE])
    assert [ref.ts for _, ref in sent] == [page["ts"]]


def _pages(bot: Harness, ticket: Ticket) -> list[dict[str, Any]]:
    return [
        m
        for m in bot.slack.messages(f"D{INFRA_ONCALL_1}")
        if ticket.id in m.get("text", "") and m.get("metadata")
    ]


async def test_a_ticket_whose_card_could_not_be_queued_is_announced_by_the_scheduler() -> None:
    database, switch = flaky_database("guichet_unannounced")
    async with running_bot(database) as bot:
        view = await bot.open_form()
        switch.failing = {"insert_many"}  # MongoDB fails just after the ticket's insert
        status, body = await bot.submit(
            view,
            {
                "type": "information_request",
                "title": "Where is the expenses procedure?",
                "description": "I cannot find it.",
                "impact": "low",
                "urgency": "low",
            },
        )
        assert status == 200 and "INF-1" in str(body)
        channel = CHANNELS[(await bot.ticket("INF-1")).service]
        await asyncio.sleep(0.3)
        assert bot.top_level(channel) == []
        switch.failing = set()
        await bot.tick(timedelta(minutes=2))
        (card,) = bot.top_level(channel)
        stored = await bot.ticket("INF-1")
        assert stored.message is not None and stored.message.ts == card.response["ts"]
        await bot.told_eventually(EMPLOYEE_EN, "INF-1")
        await bot.tick(timedelta(minutes=2))
        assert len(bot.top_level(channel)) == 1


async def test_a_lost_card_is_found_in_a_busy_channel(dated: Harness) -> None:
    bot = dated
    bot.slack.answer_lost("chat.postMessage", channel=INFRA)
    ticket = await file_vpn(bot)
    (card,) = cards_of(bot, ticket)
    for number in range(450):  # more than two pages of conversations.history since
        bot.slack.add_message(INFRA, f"chatter {number}")
    await bot.tick(backoff(1))
    assert cards_of(bot, ticket) == [card]
    card_ref = (await bot.ticket(ticket.id)).message
    assert card_ref is not None and card_ref.ts == card["ts"]


WRITES = {"insert_one", "insert_many", "update_one", "update_many", "find_one_and_update"}


async def test_each_message_of_a_filing_costs_two_writes_to_the_outbox() -> None:
    """The card and the requester's DM are stored already leased to the filing that tries them
    at once (no separate claim), then marked sent, without what they said, in one update."""
    database, switch = flaky_database("guichet_outbox_writes")
    async with running_bot(database) as bot:
        outbox = OutboxRepository(bot.database)

        async def delivered(ticket: Ticket) -> list[OutboxItem]:
            for _ in range(200):
                items = await outbox.for_ticket(ticket.id)
                if len(items) == 2 and all(i.state is OutboxState.SENT for i in items):
                    return items
                await asyncio.sleep(0.02)
            raise AssertionError(f"the card and the DM of {ticket.id} not delivered")

        await delivered(await bot.file())  # warm: the indexes, the first Web API calls
        switch.calls.clear()
        ticket = await bot.file("information_request", "Password procedure?", "Where is it?")
        items = await delivered(ticket)
        assert sorted(item.message.kind for item in items) == ["card", "requester_dm"]
        assert all(item.attempts == 1 for item in items)
        writes = [op for collection, op in switch.calls if collection == "outbox" and op in WRITES]
        assert writes == ["insert_many", "update_many"] * 2, writes  # stored leased; marked
