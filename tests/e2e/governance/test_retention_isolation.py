"""Retention, one closed ticket at a time: a ticket that cannot be anonymised is logged and
tried again once the batch has room, and holds up neither the others of its batch, nor the
tickets behind it when it fills the batch, nor the old audit lines."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.models import Status, Ticket
from bot.domain.retention import ANONYMOUS
from storage.client import Database
from storage.retention import RetentionStore
from tests.e2e.harness import DESK_MEMBER, Harness, running_bot, services_file_with

RETENTION = """
retention:
  closed_tickets: 30d
  audit: 30d
  batch: 10
"""


@pytest.fixture
async def bot(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    services_file = services_file_with(tmp_path, RETENTION)
    async with running_bot(database, services_file=services_file) as harness:
        await harness.guichet.scheduler.stop()  # ticks only when the test says
        yield harness


@pytest.fixture
async def one_at_a_time(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    """The bot with retention batches of one ticket."""
    batch_of_one = RETENTION.replace("batch: 10", "batch: 1")
    async with running_bot(
        database, services_file=services_file_with(tmp_path, batch_of_one)
    ) as harness:
        await harness.guichet.scheduler.stop()
        yield harness


async def _cancelled(bot: Harness, title: str) -> Ticket:
    ticket = await bot.file("information_request", title, "Where is it? Call me on 0612345678.")
    assert ticket.service == "service_desk", ticket.service
    await bot.choose(ticket.id, "ticket_status", "cancelled", DESK_MEMBER)

    async def cancelled() -> Ticket | None:
        stored = await bot.ticket(ticket.id)
        return stored if stored.status is Status.CANCELLED else None

    done = await bot.eventually(cancelled, "cancelled")
    await bot.settled()  # its DMs and card sent before the clock moves by days
    return done


def _cannot_anonymise(monkeypatch: pytest.MonkeyPatch, broken: Ticket) -> None:
    """Anonymising ``broken`` fails (until ``monkeypatch.undo()``); the others go as usual."""
    real = RetentionStore.anonymise

    async def anonymise(
        self: RetentionStore, ticket_id: str, before: datetime, at: datetime
    ) -> bool:
        if ticket_id == broken.id:
            raise ValueError("a history entry of a shape nobody expected, say")
        return await real(self, ticket_id, before, at)

    monkeypatch.setattr(RetentionStore, "anonymise", anonymise)


async def test_a_ticket_that_cannot_be_anonymised_holds_up_no_other(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    broken = await _cancelled(bot, "Password procedure for Marie Dupont?")  # the oldest
    bot.clock.advance(timedelta(minutes=5))
    other = await _cancelled(bot, "Password procedure for John Smith?")
    audit = bot.guichet.database.handle["audit"]
    assert await audit.count_documents({}) > 0
    _cannot_anonymise(monkeypatch, broken)
    with caplog.at_level(logging.ERROR):
        await bot.tick(timedelta(days=31))
    assert (await bot.ticket(other.id)).requester == ANONYMOUS  # anonymised all the same
    assert (await bot.ticket(broken.id)).title == broken.title  # left for the next tick
    assert await audit.count_documents({}) == 0  # the old audit lines deleted all the same
    assert f"retention: could not anonymise {broken.id}: tried again once the batch has room" in (
        caplog.text
    )

    monkeypatch.undo()  # mended: the next tick anonymises it
    await bot.tick()
    stored = await bot.ticket(broken.id)
    assert (stored.requester, stored.title, stored.description) == (ANONYMOUS, "", "")


async def test_tickets_that_cannot_be_anonymised_filling_the_batch_hold_up_none_behind(
    one_at_a_time: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bot = one_at_a_time
    broken = await _cancelled(bot, "Password procedure for Marie Dupont?")  # the oldest
    bot.clock.advance(timedelta(minutes=5))
    other = await _cancelled(bot, "Password procedure for John Smith?")
    _cannot_anonymise(monkeypatch, broken)
    failed = f"retention: could not anonymise {broken.id}"
    with caplog.at_level(logging.ERROR):
        await bot.tick(timedelta(days=31))  # the batch (of one) is the broken ticket
        assert caplog.text.count(failed) == 1
        assert (await bot.ticket(other.id)).requester != ANONYMOUS
        await bot.tick()  # passed over: the one behind it goes
        assert (await bot.ticket(other.id)).requester == ANONYMOUS
        assert caplog.text.count(failed) == 1
        await bot.tick()  # room in the batch: tried again, still broken
        assert caplog.text.count(failed) == 2
    assert (await bot.ticket(broken.id)).title == broken.title

    monkeypatch.undo()  # mended: the next tick anonymises it
    await bot.tick()
    stored = await bot.ticket(broken.id)
    assert (stored.requester, stored.title, stored.description) == (ANONYMOUS, "", "")
