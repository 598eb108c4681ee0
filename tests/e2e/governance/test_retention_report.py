"""Retention tells the admins what it did: each UTC day's sweeps add to that day's counts, and
the first sweep of a later day DMs every admin (listed, or through the admins' user group) the
day's summary in their language, once, through the outbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, timedelta
from pathlib import Path

import pytest

from bot.domain.models import Status, Ticket
from bot.outbox.deliveries import backoff
from storage.client import Database
from tests.e2e.harness import DESK_MEMBER, Harness, running_bot, services_file_with
from tests.e2e.test_delivery import bot_with_dated_slack
from tests.e2e.workspace import ADMIN, GROUP_ADMIN

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
async def dated(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    services_file = services_file_with(tmp_path, RETENTION)
    async with bot_with_dated_slack(database, services_file=services_file) as harness:
        await harness.guichet.scheduler.stop()
        yield harness


async def _cancelled(bot: Harness, title: str) -> Ticket:
    ticket = await bot.file("information_request", title, "Where is it?")
    await bot.choose(ticket.id, "ticket_status", "cancelled", DESK_MEMBER)

    async def cancelled() -> Ticket | None:
        stored = await bot.ticket(ticket.id)
        return stored if stored.status is Status.CANCELLED else None

    done = await bot.eventually(cancelled, "cancelled")
    await bot.settled()
    return done


def _reports(bot: Harness, user: str) -> list[str]:
    return [text for text in bot.told(user) if "🗄️" in text]


async def _a_day_of_retention(bot: Harness) -> str:
    """Two tickets past their time and their audit lines gone in one sweep; the day's name."""
    await _cancelled(bot, "Password procedure?")
    await _cancelled(bot, "Leave procedure?")
    audit = await bot.guichet.database.handle["audit"].count_documents({})
    assert audit > 0
    await bot.tick(timedelta(days=31))
    assert await bot.guichet.database.handle["audit"].count_documents({}) == 0
    return bot.clock.now().astimezone(UTC).date().isoformat()


async def test_the_admins_are_told_what_retention_did_the_day_after(bot: Harness) -> None:
    day = await _a_day_of_retention(bot)
    assert _reports(bot, ADMIN) == []  # not a DM per sweep: once the day is over

    await bot.tick(timedelta(days=1))
    (english,) = _reports(bot, ADMIN)
    assert english.startswith(f"🗄️ Data retention on {day} (UTC): 2 closed tickets anonymised, ")
    assert "audit lines deleted. The periods are those of `retention:`" in english, english
    (french,) = _reports(bot, GROUP_ADMIN)  # an admin through the admins' user group
    assert french.startswith(
        f"🗄️ Conservation des données, le {day} (UTC)\u00a0: 2 tickets clos anonymisés, "
    ), french
    assert "lignes du journal d’audit supprimées." in french, french

    await bot.tick(timedelta(days=1))  # told once; a day that did nothing tells nothing
    await bot.tick(timedelta(days=1))
    assert len(_reports(bot, ADMIN)) == 1 and len(_reports(bot, GROUP_ADMIN)) == 1


async def test_a_report_slack_did_not_take_is_sent_by_a_later_tick(bot: Harness) -> None:
    await _a_day_of_retention(bot)
    bot.slack.fail_next("chat.postMessage", "fatal_error")  # the first admin's DM
    await bot.tick(timedelta(days=1))
    await bot.tick(backoff(1))
    assert len(_reports(bot, ADMIN)) == 1 and len(_reports(bot, GROUP_ADMIN)) == 1


async def test_a_retention_report_whose_answer_was_lost_is_sent_once(dated: Harness) -> None:
    bot = dated
    await _a_day_of_retention(bot)
    bot.slack.answer_lost("chat.postMessage", channel=ADMIN)
    await bot.tick(timedelta(days=1))
    assert len(_reports(bot, ADMIN)) == 1  # Slack posted it; the bot could not know
    await bot.tick(backoff(1))
    assert len(_reports(bot, ADMIN)) == 1
    outbox = bot.guichet.database.handle["outbox"]
    items = await outbox.find({"message.kind": "retention_report"}).to_list(10)
    assert {(d["message"]["recipient"], d["state"]) for d in items} == {
        (ADMIN, "sent"),
        (GROUP_ADMIN, "sent"),
    }
