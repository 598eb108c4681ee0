"""Retention with ``closed_tickets_action: delete``: the ticket goes, and so does what its card
in the service's channel showed: the card is replaced by one line saying the ticket was deleted
under the retention rules, through an outbox item stored before the deletion (tried again while
Slack fails)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.models import Status, Ticket
from storage.client import Database
from tests.e2e.harness import DESK_MEMBER, Harness, running_bot, services_file_with

RETENTION = """
retention:
  closed_tickets: 30d
  closed_tickets_action: delete
  batch: 10
"""


@pytest.fixture
async def bot(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    services_file = services_file_with(tmp_path, RETENTION)
    async with running_bot(database, services_file=services_file) as harness:
        await harness.guichet.scheduler.stop()  # ticks only when the test says
        yield harness


async def _cancelled(bot: Harness, title: str) -> Ticket:
    ticket = await bot.file("information_request", title, "Where is it? Call me on 0612345678.")
    await bot.choose(ticket.id, "ticket_status", "cancelled", DESK_MEMBER)

    async def cancelled() -> Ticket | None:
        stored = await bot.ticket(ticket.id)
        return stored if stored.status is Status.CANCELLED else None

    done = await bot.eventually(cancelled, "cancelled")
    await bot.settled()
    assert done.message is not None
    return done


async def test_a_deleted_tickets_card_says_it_was_deleted(bot: Harness) -> None:
    ticket = await _cancelled(bot, "Password procedure for Marie Dupont?")
    assert ticket.message is not None
    channel, ts = ticket.message.channel, ticket.message.ts
    before = str(bot.slack.message(channel, ts))
    assert "Marie Dupont" in before and "0612345678" in before

    await bot.tick(timedelta(days=31))
    assert await bot.guichet.database.handle["tickets"].count_documents({"_id": ticket.id}) == 0
    card = bot.slack.message(channel, ts)
    assert "Marie Dupont" not in str(card) and "0612345678" not in str(card)
    assert ticket.requester not in str(card)
    assert "actions" not in str(card.get("blocks"))  # no button left to press
    # the desk's channel reads French
    assert card["text"] == (
        f"🗑️ Ticket *{ticket.id}* supprimé\u00a0: la durée de conservation des tickets clos "
        "est écoulée."
    ), card["text"]


async def test_the_cards_line_waits_in_the_outbox_while_slack_fails(bot: Harness) -> None:
    ticket = await _cancelled(bot, "Password procedure for Marie Dupont?")
    assert ticket.message is not None
    channel, ts = ticket.message.channel, ticket.message.ts
    bot.slack.fail_next("chat.update", "fatal_error")

    await bot.tick(timedelta(days=31))
    assert await bot.guichet.database.handle["tickets"].count_documents({"_id": ticket.id}) == 0
    assert "Marie Dupont" in str(bot.slack.message(channel, ts))  # not yet: Slack failed
    outbox = bot.guichet.database.handle["outbox"]
    (item,) = await outbox.find({"message.kind": "deleted_card"}).to_list(10)
    assert item["state"] == "pending" and item["message"]["ticket_id"] == ticket.id

    await bot.tick(timedelta(minutes=1))  # its backoff over
    assert "Marie Dupont" not in str(bot.slack.message(channel, ts))
    assert "supprimé" in bot.slack.message(channel, ts)["text"]
    updates = len(bot.slack.calls_to("chat.update"))
    await bot.tick(timedelta(minutes=5))
    assert len(bot.slack.calls_to("chat.update")) == updates  # done once
