"""``settled()`` (``tests/e2e/observations.py``), after which many tests count what Slack was
sent: it waits for a scheduler tick run in the background (woken by the work after an ack) to
finish, not only for the outbox items still pending; and it does not wait for an item due
later (a retry), which only a tick the test makes delivers."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.models import Ticket
from bot.domain.outbox import OutboxState
from tests.e2e.harness import CHANNELS, Harness

H = timedelta(hours=1)


async def _late_ticket(bot: Harness) -> Ticket:
    """A P2 for the service desk, settled, then an hour on: its response target passed, the
    next tick reminds the channel in its thread."""
    ticket = await bot.file(
        "information_request",
        "How do I reset my password?",
        "Where is the password procedure?",
        impact="medium",
        urgency="high",
    )
    assert ticket.message is not None
    await bot.settled()
    bot.clock.advance(H)
    return ticket


async def test_settled_waits_for_a_tick_running_in_the_background(bot: Harness) -> None:
    ticket = await _late_ticket(bot)
    bot.slack.slow("chat.postMessage", 0.3)  # the reminder's post takes a while
    bot.guichet.timer.wake()  # a tick in the background, as work after an ack asks for one
    # no listener, nothing queued, nothing pending in the outbox yet: the tick has not
    # queued the reminder (before, settled() returned here 1 run in 1, the reminder unsent)
    await bot.settled()
    assert len(bot.thread(ticket)) == 1


async def test_settled_does_not_wait_for_a_message_due_later(bot: Harness) -> None:
    ticket = await _late_ticket(bot)
    bot.slack.server_error("chat.postMessage", channel=CHANNELS["service_desk"], times=10)
    report = await bot.tick()
    assert report.deliveries.deferred == 1  # tried again in 30 s of the bot's clock
    outbox = bot.guichet.database.handle["outbox"]
    assert await outbox.count_documents({"state": OutboxState.PENDING.value}) == 1
    await bot.settled()  # before, it waited for it, and timed out
    assert bot.thread(ticket) == []
