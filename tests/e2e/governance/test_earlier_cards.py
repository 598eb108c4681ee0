"""A ticket sent to another team keeps the place of the card it leaves (``earlier_cards``): the
copies of files and the relays the bot made under that card stay in its thread, and the
erasure, retention and ``/ticket privacy export`` reach them there as under the current card."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.domain.models import MessageRef, Status, Ticket
from storage.client import Database
from tests.e2e.governance.test_privacy_erase_files import _adds_a_file, _confirm
from tests.e2e.governance.test_privacy_erase_relays import REMOVED_FR, _replies_to
from tests.e2e.governance.test_retention_slack import ANONYMISE, LATER, _bot
from tests.e2e.harness import CHANNELS, DESK_MEMBER, EMPLOYEE_EN, Harness
from tests.e2e.workspace import ADMIN

DESK = CHANNELS["service_desk"]
APP_DEV_MEMBER = "U0APPMEMBER"


async def _moved(bot: Harness, ticket: Ticket, service: str = "app_dev") -> Ticket:
    """``ticket`` sent by the desk to ``service``; once its new card is posted."""
    await bot.choose(ticket.id, "ticket_reassign", service, DESK_MEMBER)

    async def posted() -> Ticket | None:
        current = await bot.ticket(ticket.id)
        return current if current.service == service and current.message else None

    moved = await bot.wait_until(posted, f"{ticket.id} in {service}'s channel")
    await bot.settled()
    return moved


def _thread(bot: Harness, card: MessageRef) -> list[dict[str, Any]]:
    return [
        m
        for m in bot.slack.messages(card.channel)
        if m.get("thread_ts") == card.ts and m["ts"] != card.ts
    ]


async def test_the_erasure_cleans_the_threads_of_the_cards_a_ticket_had_before_it_moved(
    bot: Harness,
) -> None:
    ticket = await _adds_a_file(bot, EMPLOYEE_EN, "john-badge.png")  # a copy under the desk's card
    relay = await _replies_to(bot, ticket, EMPLOYEE_EN, "My home number is 555-0100")
    assert ticket.message is not None
    earlier = ticket.message
    moved = await _moved(bot, ticket)
    assert moved.message is not None and moved.message != earlier
    stored = await bot.guichet.database.handle["tickets"].find_one({"_id": ticket.id})
    assert stored is not None
    assert stored["earlier_cards"] == [{"channel": earlier.channel, "ts": earlier.ts}]
    # the records of the copies and relays in the outbox are purged a week after sending
    outbox = bot.guichet.database.handle["outbox"]
    await outbox.delete_many({"message.kind": {"$in": ["relay_to_team", "requester_files"]}})
    # the export names both threads, the earlier card's first
    await bot.command_answer(f"privacy export <@{EMPLOYEE_EN}>", ADMIN)
    exported = json.loads((bot.slack.uploads()[-1].data or b"").decode("utf-8"))
    places = [
        {"ticket": ticket.id, "channel": earlier.channel, "thread_ts": earlier.ts},
        {"ticket": ticket.id, "channel": moved.message.channel, "thread_ts": moved.message.ts},
    ]
    assert exported["file_copies"] == places and exported["relays"] == places
    bot.slack.fail_next("conversations.replies", "fatal_error")  # Slack fails once

    told = await _confirm(bot)
    assert "could not be deleted from Slack yet" in told, told
    assert "555-0100" in str(_thread(bot, earlier))  # stored, not lost
    await bot.tick(timedelta(minutes=1))  # the step's retry

    left = _thread(bot, earlier)
    assert relay["ts"] in {m["ts"] for m in left}  # the team's answers keep their place
    assert bot.slack.message(DESK, relay["ts"])["text"] == REMOVED_FR  # the desk speaks French
    assert "555-0100" not in str(left)
    # (the *Add information* notice naming them stays, under any card: not the erasure's yet)
    assert not [u for u in bot.slack.uploads(DESK) if u.thread_ts == earlier.ts], "copy left"
    assert await bot.guichet.database.handle["dm_erasures"].count_documents({}) == 0


@pytest.fixture
async def anonymising(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    async with _bot(database, tmp_path, ANONYMISE) as harness:
        yield harness


async def test_retention_deletes_the_bots_replies_under_the_cards_a_ticket_had(
    anonymising: Harness,
) -> None:
    bot = anonymising
    bot.slack.set_members(CHANNELS["app_dev"], [APP_DEV_MEMBER])
    ticket = await bot.file("information_request", "Password procedure for Marie Dupont?")
    assert ticket.message is not None
    earlier = ticket.message
    await bot.say(DESK, "Which browser?", DESK_MEMBER, thread_ts=earlier.ts)
    relay = await _replies_to(bot, ticket, EMPLOYEE_EN, "Marie's number is 0612345678")
    moved = await _moved(bot, ticket)
    await bot.choose(moved.id, "ticket_status", "cancelled", APP_DEV_MEMBER)

    async def cancelled() -> Ticket | None:
        stored = await bot.ticket(ticket.id)
        return stored if stored.status is Status.CANCELLED else None

    await bot.eventually(cancelled, "cancelled")
    await bot.settled()
    assert relay["ts"] in {m["ts"] for m in _thread(bot, earlier)}
    bot.slack.fail_next("conversations.replies", "fatal_error")  # Slack fails once

    await bot.tick(timedelta(days=31))
    await bot.tick(LATER)  # at the outbox's pace: the next ticks, one of them failed
    await bot.tick(timedelta(minutes=5))  # its retry
    await bot.settled()
    # what the desk member wrote stays theirs; nothing of Guichet's is left under the old card
    assert [m.get("user") for m in _thread(bot, earlier)] == [DESK_MEMBER], _thread(bot, earlier)
    assert "0612345678" not in str(bot.slack.messages(DESK))
