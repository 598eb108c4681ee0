"""Nothing lost, nothing doubled: restarts, two replicas on one store, a tick dying midway, and
Slack failing (429, 5xx, refusals), all through the emulator."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.domain.models import HistoryAction, OutgoingKind
from bot.domain.outbox import OutboxState
from bot.outbox.deliveries import MAX_ATTEMPTS, backoff
from bot.paging.scheduler import LEASE
from storage.outbox import OutboxRepository
from tests.e2e.harness import INFRA_ONCALL_1, INFRA_ONCALL_2, Harness
from tests.e2e.test_paging import file_emergency, stored

M = timedelta(minutes=1)
S = timedelta(seconds=1)


async def test_a_restart_between_two_ticks_loses_no_page(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    await bot.guichet.scheduler.stop()  # the process goes away...
    bot.clock.advance(7 * M)  # ... while the re-page falls due at +5 min

    restarted = bot.replica()  # a new process on the same database
    restarted.scheduler.start()  # ticks at once: catches up
    await bot.wait_dms(INFRA_ONCALL_1, 2)
    await restarted.scheduler.tick()  # let the catch-up tick finish
    assert len(bot.dms_to(INFRA_ONCALL_1)) == 2  # the missed re-page, once (no burst)

    bot.clock.advance(3 * M)  # +10 min: escalation, by the new process
    await restarted.scheduler.tick()
    assert len(bot.dms_to(INFRA_ONCALL_2)) == 1
    after = await stored(bot, ticket.id)
    assert after.paging is not None and after.paging.level == 1


async def test_two_scheduler_instances_on_one_store_send_each_page_once(bot: Harness) -> None:
    tickets = [await file_emergency(bot, outage) for outage in range(3)]
    reminded = await bot.file()  # a P2 for infra_network, due for a reminder after 1 h
    other = bot.replica()
    schedulers = [bot.guichet.scheduler, other.scheduler]

    async def both_tick(delta: timedelta) -> None:
        bot.clock.advance(delta)
        await asyncio.gather(*(scheduler.tick() for scheduler in schedulers))

    assert len(bot.dms_to(INFRA_ONCALL_1)) == 3
    for minute in (5, 10, 15):  # a re-page, the escalation, a re-page of level 2
        await both_tick(5 * M)
        assert len(bot.dms_to(INFRA_ONCALL_1)) == 6, minute
    assert len(bot.dms_to(INFRA_ONCALL_2)) == 6
    for ticket in tickets:
        notices = [c for c in bot.thread(ticket) if "last on-call level" in c.args["text"]]
        assert len(notices) == 1
        history = await bot.guichet.helpdesk.tickets.history(ticket.id)
        assert [e.action for e in history].count(HistoryAction.PAGED) == 4

    await both_tick(45 * M)  # +1 h: the P2 is late; its channel is reminded once
    reminders = [c for c in bot.thread(reminded) if c.args["text"].startswith("Reminder")]
    assert len(reminders) == 1
    outbox = OutboxRepository(bot.database)
    for ticket in [*tickets, reminded]:
        items = await outbox.for_ticket(ticket.id)
        assert all(item.attempts == 1 for item in items if item.state is OutboxState.SENT)


async def test_a_tick_dying_after_its_claim_is_taken_over(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket = await file_emergency(bot)
    deliveries = bot.guichet.scheduler.deliveries
    queue = deliveries.queue

    async def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the process died here")

    monkeypatch.setattr(deliveries, "queue", crash)
    report = await bot.tick(5 * M)
    assert report.claimed == 1 and report.deliveries.sent == 0
    claimed = await stored(bot, ticket.id)
    assert claimed.handover is not None and len(claimed.handover.messages) == 1
    assert claimed.next_ping_at == bot.clock.now() + LEASE

    monkeypatch.setattr(deliveries, "queue", queue)
    await bot.tick(30 * S)
    assert len(bot.dms_to(INFRA_ONCALL_1)) == 1  # the lease still holds
    await bot.tick(LEASE)  # it ran out: this tick takes the hand-over over
    assert len(bot.dms_to(INFRA_ONCALL_1)) == 2
    done = await stored(bot, ticket.id)
    assert done.handover is None and done.next_ping_at == ticket.created_at + 10 * M
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [e.action for e in history].count(HistoryAction.PAGED) == 2


async def test_a_tick_dying_after_queuing_sends_nothing_twice(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket = await file_emergency(bot)
    tickets = bot.guichet.helpdesk.tickets
    finish = tickets.finish_handover

    async def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the process died here")

    monkeypatch.setattr(tickets, "finish_handover", crash)
    await bot.tick(5 * M)
    assert len(bot.dms_to(INFRA_ONCALL_1)) == 2  # queued, then delivered by the same tick
    monkeypatch.setattr(tickets, "finish_handover", finish)
    report = await bot.tick(LEASE)
    assert report.claimed == 1 and report.queued == 0  # taken over: already in the outbox
    assert len(bot.dms_to(INFRA_ONCALL_1)) == 2
    assert (await stored(bot, ticket.id)).handover is None


async def test_a_429_is_retried_and_delivered(bot: Harness) -> None:
    await file_emergency(bot)
    bot.slack.fail_next("chat.postMessage", status=429, retry_after=0)
    report = await bot.tick(5 * M)
    assert report.deliveries.sent == 1 and report.deliveries.deferred == 0
    attempts = [
        c for c in bot.slack.calls_to("chat.postMessage") if c.args["channel"] == INFRA_ONCALL_1
    ]
    assert [c.status for c in attempts] == [200, 429, 200]  # retried by slack_sdk's handler
    assert len(bot.dms_to(INFRA_ONCALL_1)) == 2


async def test_slack_down_the_page_waits_in_the_outbox_and_goes_out_later(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    bot.slack.fail_next("chat.postMessage", status=502)
    report = await bot.tick(5 * M)
    assert report.deliveries.deferred == 1
    outbox = OutboxRepository(bot.database)
    waiting = [i for i in await outbox.for_ticket(ticket.id) if i.state is OutboxState.PENDING]
    assert len(waiting) == 1 and waiting[0].last_error == "internal_error"
    assert waiting[0].next_attempt_at == bot.clock.now() + backoff(1)

    await bot.tick(10 * S)
    assert len(bot.dms_to(INFRA_ONCALL_1)) == 1  # not before the backoff
    report = await bot.tick(20 * S)
    assert report.deliveries.sent == 1
    assert len(bot.dms_to(INFRA_ONCALL_1)) == 2
    (delivered,) = [i for i in await outbox.for_ticket(ticket.id) if i.attempts == 2]
    assert delivered.state is OutboxState.SENT


async def test_a_page_slack_refuses_is_given_up_and_the_channel_told(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    bot.slack.fail_next("chat.postMessage", "user_not_found")
    report = await bot.tick(5 * M)
    assert report.deliveries.failed == 1
    (told,) = [c for c in bot.thread(ticket) if c.args["text"].startswith("⚠️")]
    assert (
        f"I could not page <@{INFRA_ONCALL_1}> for *{ticket.id}* (user_not_found)"
        in (told.args["text"])
    )
    await bot.tick(5 * M)  # paging goes on: level 2 is paged at +10 min
    assert len(bot.dms_to(INFRA_ONCALL_2)) == 1


async def test_a_message_failing_too_often_is_given_up(bot: Harness) -> None:
    ticket = await bot.file(
        "information_request",
        "How do I reset my password?",
        "Where is the password procedure?",
        impact="low",
        urgency="low",
    )  # a P5 for the service desk: reminded after 2 days, then every 2 days
    assert ticket.service == "service_desk"
    bot.slack.fail_next("chat.postMessage", status=502, times=MAX_ATTEMPTS)
    await bot.tick(timedelta(days=2))
    for attempt in range(1, MAX_ATTEMPTS):
        report = await bot.tick(backoff(attempt))
    assert report.deliveries.failed == 1
    outbox = OutboxRepository(bot.database)
    (item,) = [
        i for i in await outbox.for_ticket(ticket.id) if i.message.kind is OutgoingKind.REMINDER
    ]  # (its card went through the outbox too)
    assert item.state is OutboxState.FAILED and item.attempts == MAX_ATTEMPTS
    (told,) = [c for c in bot.thread(ticket) if c.ok]
    # Slack answered 5xx each time, which it may do after posting: the team is not told it
    # failed, but that nobody can tell whether it arrived (each retry looked for it first)
    said = f"Je ne sais pas si la relance de *{ticket.id}* est arrivée à <#C0DESK>"
    assert said in told.args["text"]
    assert "internal_error (8 attempts)" in told.args["text"]
