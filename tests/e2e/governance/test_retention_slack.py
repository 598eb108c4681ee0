"""Retention leaves nothing of a forgotten ticket in Slack that Guichet wrote: the requester's
DMs about it (its title, what they were told) and the team's replies Guichet relayed into the
requester's DM thread are deleted, through a stored step tried again while Slack fails; the
card's thread keeps only what people wrote themselves (an app cannot delete those)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.clock import ManualClock
from bot.domain.models import Status, Ticket
from sandbox.emulator import SlackEmulator
from storage.client import Database
from tests.e2e.catalogue.conftest import CATALOGUE
from tests.e2e.catalogue.test_privacy_everywhere import _rejected_with_a_mention
from tests.e2e.harness import (
    DESK_MEMBER,
    EMPLOYEE_EN,
    INFRA_ONCALL_1,
    TOKEN,
    Harness,
    populate,
    running_bot,
    services_file_with,
)
from tests.e2e.test_paging import OUTAGES

DELETE = """
retention:
  closed_tickets: 30d
  closed_tickets_action: delete
  batch: 10
"""
ANONYMISE = DELETE.replace("delete", "anonymise")
LATER = timedelta(minutes=3)  # the messages' items, stored leased by the sweep, due again


def _guichets(bot: Harness, channel: str, fragment: str) -> list[str]:
    """Guichet's messages in ``channel`` that contain ``fragment``."""
    return [
        m["text"]
        for m in bot.slack.messages(channel)
        if m.get("user") == "UBOT" and fragment in str(m)
    ]


def _tagged(bot: Harness, channel: str, ticket_id: str) -> list[str]:
    """Guichet's messages in ``channel`` whose metadata names ``ticket_id``."""
    return [
        m["text"]
        for m in bot.slack.messages(channel)
        if ((m.get("metadata") or {}).get("event_payload") or {}).get("ticket_id") == ticket_id
    ]


@asynccontextmanager
async def _bot(database: Database, tmp_path: Path, *rules: str) -> AsyncIterator[Harness]:
    """The bot with an emulator whose message timestamps follow the bot's clock (as Slack's
    follow the real time): the DM is read from the ticket's creation on."""
    clock = ManualClock()
    services_file = services_file_with(tmp_path, *rules)
    ts_clock = lambda: clock.now().timestamp()  # noqa: E731
    async with SlackEmulator(token=TOKEN, ts_clock=ts_clock, clock=ts_clock) as slack:
        populate(slack)
        async with running_bot(
            database, slack=slack, clock=clock, services_file=services_file
        ) as harness:
            await harness.guichet.scheduler.stop()  # ticks only when the test says
            yield harness


@pytest.fixture(params=[DELETE, ANONYMISE], ids=["delete", "anonymise"])
async def bot(
    database: Database, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[Harness]:
    async with _bot(database, tmp_path, request.param) as harness:
        yield harness


async def _talked_and_cancelled(bot: Harness) -> Ticket:
    ticket = await bot.file("information_request", "Password procedure for Marie Dupont?")
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    await bot.say(channel, "Call Marie at home", DESK_MEMBER, thread_ts=root)

    async def relayed() -> Ticket | None:
        current = await bot.ticket(ticket.id)
        return current if current.requester_thread else None

    talked = await bot.eventually(relayed, "the reply relayed")
    assert talked.requester_thread is not None
    dm, thread_ts = talked.requester_thread.channel, talked.requester_thread.ts
    await bot.say(dm, "Marie's number is 0612345678", EMPLOYEE_EN, thread_ts)
    await bot.eventually(lambda: bot.thread(talked) or None, "the answer relayed to the team")
    await bot.choose(ticket.id, "ticket_status", "cancelled", DESK_MEMBER)

    async def cancelled() -> Ticket | None:
        stored = await bot.ticket(ticket.id)
        return stored if stored.status is Status.CANCELLED else None

    done = await bot.eventually(cancelled, "cancelled")
    await bot.settled()
    return done


async def test_retention_deletes_guichets_messages_about_the_ticket(bot: Harness) -> None:
    ticket = await _talked_and_cancelled(bot)
    dm = bot.slack.dm_channel_id(EMPLOYEE_EN)
    before = [str(m) for m in bot.slack.messages(dm)]
    assert sum("Marie" in m for m in before) >= 2, before  # the repro: title and relayed reply
    assert ticket.message is not None

    def thread() -> list[dict]:
        assert ticket.message is not None
        return [
            m
            for m in bot.slack.messages(ticket.message.channel)
            if m.get("thread_ts") == ticket.message.ts and m.get("ts") != ticket.message.ts
        ]

    said = {m.get("user") for m in thread()}
    assert said == {DESK_MEMBER, "UBOT"}, thread()  # the desk's reply, the requester's relayed

    await bot.tick(timedelta(days=31))
    await bot.tick(LATER)  # at the outbox's pace: the next ticks
    await bot.settled()
    left = [str(m) for m in bot.slack.messages(dm)]
    # the requester's own answer stays theirs (an app cannot delete it); nothing of Guichet's
    assert [m["text"] for m in bot.slack.messages(dm)] == ["Marie's number is 0612345678"], left
    # what the desk member wrote stays theirs; nothing of Guichet's is left in the thread
    assert [m.get("user") for m in thread()] == [DESK_MEMBER], thread()


@pytest.fixture
async def anonymising(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    async with _bot(database, tmp_path, ANONYMISE) as harness:
        yield harness


@pytest.fixture
async def deleting(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    async with _bot(database, tmp_path, DELETE) as harness:
        yield harness


async def test_the_anonymised_card_is_redrawn_by_a_later_tick_when_slack_fails(
    anonymising: Harness,
) -> None:
    bot = anonymising
    ticket = await _talked_and_cancelled(bot)
    assert ticket.message is not None
    channel, ts = ticket.message.channel, ticket.message.ts
    bot.slack.fail_next("chat.update", "fatal_error")

    await bot.tick(timedelta(days=31))
    assert "Marie Dupont" in str(bot.slack.message(channel, ts))  # not yet: Slack failed
    outbox = bot.guichet.database.handle["outbox"]
    (item,) = await outbox.find({"message.kind": "anonymised_card"}).to_list(10)
    assert item["state"] == "pending" and item["message"]["ticket_id"] == ticket.id

    await bot.tick(timedelta(minutes=1))  # its backoff over
    card = bot.slack.message(channel, ts)
    assert "Marie Dupont" not in str(card), card
    assert "une personne anonymisée" in str(card), card
    updates = len(bot.slack.calls_to("chat.update"))
    await bot.tick(timedelta(minutes=5))
    assert len(bot.slack.calls_to("chat.update")) == updates  # done once


async def test_the_dm_is_cleaned_by_a_later_tick_when_slack_fails(deleting: Harness) -> None:
    bot = deleting
    await _talked_and_cancelled(bot)
    dm = bot.slack.dm_channel_id(EMPLOYEE_EN)
    bot.slack.fail_next("conversations.history", "fatal_error")

    await bot.tick(timedelta(days=31))
    await bot.tick(LATER)
    assert _guichets(bot, dm, "Marie")  # not yet: Slack failed
    outbox = bot.guichet.database.handle["outbox"]
    items = await outbox.find({"message.kind": "forgotten_messages"}).to_list(10)
    dm_items = [i for i in items if i["message"]["recipient"] == EMPLOYEE_EN]
    assert [i["state"] for i in dm_items] == ["pending"], items

    await bot.tick(timedelta(minutes=1))  # its backoff over
    assert not _guichets(bot, dm, "Marie"), bot.slack.messages(dm)
    (done,) = await outbox.find({"_id": dm_items[0]["_id"]}).to_list(1)
    assert done["state"] == "sent"
    assert done["message"]["recipient"] is None  # the step done, it names nobody


async def test_another_tickets_dms_stay(deleting: Harness) -> None:
    """Only what retention forgets goes: another ticket's DMs in the same conversation stay."""
    bot = deleting
    await _talked_and_cancelled(bot)
    await bot.tick(timedelta(days=20))
    other = await bot.file("information_request", "Printer on floor 2 for Paul?")
    dm = bot.slack.dm_channel_id(EMPLOYEE_EN)

    await bot.tick(timedelta(days=11))  # the first past its time, not the other (still open)
    await bot.tick(LATER)
    assert not _guichets(bot, dm, "Marie"), bot.slack.messages(dm)
    assert [t for t in _guichets(bot, dm, "Paul") if other.id in t], bot.slack.messages(dm)


@pytest.fixture
async def requests(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    async with _bot(database, tmp_path, CATALOGUE.read_text(encoding="utf-8"), DELETE) as bot:
        yield bot


async def test_the_approvers_asks_go_too(requests: Harness) -> None:
    """The approver's DM asked them about the request (its requester, its title): deleted with
    the rest, and so is Guichet's answer to their rejection ("You rejected REQ-1."); what the
    requester was told as well."""
    bot = requests
    ticket_id = await _rejected_with_a_mention(bot)
    approver = bot.slack.dm_channel_id(DESK_MEMBER)
    await bot.eventually(lambda: f"You rejected {ticket_id}." in _tagged(bot, approver, ticket_id))
    assert len(_tagged(bot, approver, ticket_id)) == 2, bot.slack.messages(approver)  # ask, answer

    await bot.tick(timedelta(days=31))
    await bot.tick(LATER)
    assert not _tagged(bot, approver, ticket_id), bot.slack.messages(approver)
    assert not _guichets(bot, approver, ticket_id), bot.slack.messages(approver)
    requester = bot.slack.dm_channel_id(EMPLOYEE_EN)
    assert not _tagged(bot, requester, ticket_id), bot.slack.messages(requester)


async def test_the_pages_go_too(bot: Harness) -> None:
    """An emergency's pages told the on-call person its title and requester: deleted with the
    rest (who was paged is read from the ticket before it is forgotten)."""
    title, description = OUTAGES[0]
    ticket = await bot.file("emergency", title, description, impact="high", urgency="high")
    await bot.tick()  # this fixture's scheduler ticks only when told: level 1 paged
    pages = bot.slack.dm_channel_id(INFRA_ONCALL_1)
    assert _tagged(bot, pages, ticket.id), bot.slack.messages(pages)
    await bot.choose(ticket.id, "ticket_status", "cancelled", INFRA_ONCALL_1)

    async def cancelled() -> Ticket | None:
        stored = await bot.ticket(ticket.id)
        return stored if stored.status is Status.CANCELLED else None

    await bot.eventually(cancelled, "cancelled")
    await bot.settled()
    await bot.tick(timedelta(days=31))
    await bot.tick(LATER)
    assert not _tagged(bot, pages, ticket.id), bot.slack.messages(pages)
    assert not _guichets(bot, pages, ticket.id), bot.slack.messages(pages)


async def test_the_copies_of_the_requesters_files_go_with_the_thread(deleting: Harness) -> None:
    """The copies of a form's files the bot shared in the card's thread: deleting the message
    that shared them leaves the files in Slack, so they are deleted too (the requester's own
    upload is theirs: an app cannot delete it)."""
    bot = deleting
    ticket = await bot.file("information_request", "Password procedure for Marie Dupont?")
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    await bot.settled()
    shot = bot.slack.user_upload(EMPLOYEE_EN, "marie.png", b"\x89PNG Marie's badge")
    trigger = bot.send.new_trigger_id(EMPLOYEE_EN)
    status, _ = await bot.press_in_dm(EMPLOYEE_EN, "ticket_add_info", trigger_id=trigger)
    assert status == 200
    form = (await bot.opened_with(trigger)).response["view"]
    status, _ = await bot.submit(form, {"information_files": [shot]}, user=EMPLOYEE_EN)
    assert status == 200

    def copies() -> list:
        return [u for u in bot.slack.uploads(channel) if u.thread_ts == root]

    await bot.eventually(copies, "the copy in the thread")
    await bot.choose(ticket.id, "ticket_status", "cancelled", DESK_MEMBER)

    async def cancelled() -> bool:
        return (await bot.ticket(ticket.id)).status is Status.CANCELLED

    await bot.eventually(cancelled, "cancelled")
    await bot.settled()
    await bot.tick(timedelta(days=31))
    await bot.tick(LATER)
    await bot.settled()
    assert not copies()
    assert [u.owner for u in bot.slack.uploads()] == [EMPLOYEE_EN]  # theirs stays theirs
    thread = [m for m in bot.slack.messages(channel) if m.get("thread_ts") == root]
    assert not [m for m in thread if m.get("ts") != root and m.get("user") == "UBOT"]
