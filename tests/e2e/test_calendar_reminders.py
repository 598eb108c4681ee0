"""Reminders on a business calendar, through the emulator: a late P4 waits for Monday's opening,
a 24/7 P1 of the same service does not."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from storage.client import Database
from tests.e2e.harness import Harness
from tests.e2e.office_hours import FRIDAY_1530, MONDAY_0900
from tests.e2e.office_hours import office_bot as running_office_bot

M = timedelta(minutes=1)
H = timedelta(hours=1)


@pytest.fixture
async def office_bot(database: Database) -> AsyncIterator[Harness]:
    """The service desk on office hours (Paris), starting on Friday 15:30."""
    async with running_office_bot(database) as harness:
        yield harness


async def test_a_late_p4_is_reminded_on_monday_not_over_the_weekend(office_bot: Harness) -> None:
    bot = office_bot
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is it?", "medium", "low"
    )
    assert ticket.priority == "P4" and ticket.service == "service_desk"
    assert ticket.sla.response_due == FRIDAY_1530 + 2 * H  # 17:30 in Paris: still open
    # The resolution target (8 h of open time: 2 h 30 on Friday) runs to Monday 15:30
    # (closed for lunch).
    assert ticket.sla.resolution_due == MONDAY_0900 + 6 * H + 30 * M

    await bot.tick(2 * H)  # Friday 17:30: late, and the desk is open: the channel is told
    assert len(bot.thread(ticket)) == 1
    stored = await bot.ticket(ticket.id)
    assert stored.remind_at == MONDAY_0900  # the hourly grid resumes at Monday's opening

    for _ in range(60):  # the weekend, an hour at a time: 18:30 Friday, 3 a.m. Sunday, ...
        await bot.tick(H)
        assert len(bot.thread(ticket)) == 1, bot.clock.now()
    assert bot.clock.now() < MONDAY_0900
    await bot.tick(MONDAY_0900 - bot.clock.now())
    replies = bot.thread(ticket)
    assert len(replies) == 2
    # since Friday 17:30, not "2 j 15 h de retard": no opening hour has passed since
    due_token = f"<!date^{int((FRIDAY_1530 + 2 * H).timestamp())}^"
    monday = str(replies[1].args["blocks"])  # the desk channel speaks French
    assert f"*en retard depuis {due_token}" in monday and "de retard" not in monday
    stored = await bot.ticket(ticket.id)
    assert stored.remind_at == MONDAY_0900 + 30 * M  # the grid: Friday 17:30 + 64 h, open


async def test_a_p1_runs_around_the_clock(office_bot: Harness) -> None:
    bot = office_bot
    bot.clock.advance(2 * H + 20 * M)  # Friday 17:50 in Paris
    ticket = await bot.file("incident", "Nobody can log in", "All down", "high", "high")
    assert ticket.priority == "P1" and ticket.service == "service_desk"
    assert ticket.sla.response_due == bot.clock.now() + 15 * M  # 18:05, after closing

    await bot.tick(15 * M)
    assert len(bot.thread(ticket)) == 1  # reminded at 18:05 although the desk has closed
    sunday_3am = datetime(2026, 1, 11, 2, 0, tzinfo=UTC)
    await bot.tick(sunday_3am - bot.clock.now())
    assert len(bot.thread(ticket)) == 2  # and again at 3 a.m. on Sunday
    stored = await bot.ticket(ticket.id)
    assert stored.remind_at == sunday_3am + 5 * M  # every 15 min from 18:05 Friday
