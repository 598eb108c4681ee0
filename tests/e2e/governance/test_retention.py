"""``retention:`` enforced by the scheduler on an injected clock: closed tickets anonymised
after their time, a batch per tick, open ones untouched; old audit lines deleted."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.models import Status, Ticket
from bot.domain.retention import ANONYMOUS
from storage.client import Database
from tests.e2e.harness import DESK_MEMBER, Harness, running_bot, services_file_with
from tests.e2e.workspace import ADMIN

RETENTION = """
retention:
  closed_tickets: 30d
  audit: 90d
  batch: 1
"""


@pytest.fixture
async def bot(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    services_file = services_file_with(tmp_path, RETENTION)
    async with running_bot(database, services_file=services_file) as harness:
        yield harness


async def _cancelled(bot: Harness, title: str) -> Ticket:
    ticket = await bot.file("information_request", title, "Where is it? Call me on 0612345678.")
    assert ticket.service == "service_desk", ticket.service
    await bot.choose(ticket.id, "ticket_status", "cancelled", DESK_MEMBER)
    cancelled = await bot.eventually(lambda: _status(bot, ticket.id, Status.CANCELLED), "cancelled")
    await bot.settled()  # its DMs and card sent before the clock moves by days
    return cancelled


async def _status(bot: Harness, ticket_id: str, status: Status) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    return ticket if ticket.status is status else None


async def test_closed_tickets_are_anonymised_in_batches_after_their_time(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    first = await _cancelled(bot, "Password procedure for Marie Dupont?")
    second = await _cancelled(bot, "Password procedure for John Smith?")
    still_open = await bot.file("information_request", "Password procedure?", "Where is it?")
    caplog.set_level(logging.INFO, logger="bot.governance.retention")

    await bot.tick(timedelta(days=29))  # not yet
    assert (await bot.ticket(first.id)).title == first.title

    await bot.tick(timedelta(days=2))  # one batch (of one) per tick
    anonymised = [t for t in (first, second) if (await bot.ticket(t.id)).requester == ANONYMOUS]
    assert anonymised  # (the bot's own timer may have ticked too: batches are counted below)
    assert "retention: anonymised 1 closed ticket(s)" in caplog.text
    assert "more next tick" in caplog.text
    await bot.tick()
    for ticket_id in (first.id, second.id):
        stored = await bot.ticket(ticket_id)
        assert (stored.requester, stored.title, stored.description) == (ANONYMOUS, "", "")
        assert stored.status is Status.CANCELLED and stored.type == first.type  # figures kept
        history = await bot.guichet.helpdesk.tickets.history(ticket_id)
        assert {e.actor for e in history} <= {ANONYMOUS, "guichet"}
        assert all(e.note is None for e in history)
        assert stored.last_change is not None  # the card's copy of the cancellation, too
        assert (stored.last_change.action, stored.last_change.actor) == ("status", ANONYMOUS)
    kept = await bot.ticket(still_open.id)
    assert kept.title == "Password procedure?" and kept.requester != ANONYMOUS
    await bot.tick()  # nothing left: nothing more done
    assert caplog.text.count("retention: anonymised 1 closed ticket(s)") == 2  # two batches


async def test_audit_lines_are_deleted_after_their_time(bot: Harness) -> None:
    await _cancelled(bot, "Password procedure?")
    audit = bot.guichet.database.handle["audit"]
    old = await audit.count_documents({})
    assert old > 0
    await bot.tick(timedelta(days=89))
    newer = await bot.file("information_request", "Password procedure?", "Where is it?")
    await bot.choose(newer.id, "ticket_status", "cancelled", DESK_MEMBER)
    await bot.eventually(lambda: _status(bot, newer.id, Status.CANCELLED), "cancelled")
    await bot.tick(timedelta(days=2))
    for _ in range(old):  # a line per tick (batch: 1)
        await bot.tick()
    remaining = await audit.find({}).to_list(100)
    assert remaining and all(d["ticket_id"] == newer.id for d in remaining), [
        (d["ticket_id"], d.get("action"), d.get("at")) for d in remaining
    ]


async def test_an_anonymised_ticket_says_its_text_was_removed(bot: Harness) -> None:
    """/ticket show of a ticket retention anonymised: a line saying its title and description
    were removed, not a bold of nothing (« ** ») over an empty description."""
    ticket = await _cancelled(bot, "Password procedure for Marie Dupont?")
    await bot.tick(timedelta(days=31))
    await bot.tick()
    assert (await bot.ticket(ticket.id)).title == ""
    answer = await bot.command_answer(f"show {ticket.id}", ADMIN)
    sections = [b["text"]["text"] for b in answer["blocks"] if b.get("text")]
    assert "_Title and description removed: the retention period is over._" in sections
    assert not any(text.startswith("**") for text in sections)


async def test_an_anonymised_tickets_card_no_longer_shows_what_was_removed(bot: Harness) -> None:
    """The card in the service's channel is Guichet's own copy of the ticket: anonymising the
    ticket redraws it, or the channel keeps showing the requester, the title and the
    description (a phone number) a year after the database forgot them."""
    ticket = await _cancelled(bot, "Password procedure for Marie Dupont?")
    assert ticket.message is not None
    channel, ts = ticket.message.channel, ticket.message.ts
    before = str(bot.slack.message(channel, ts))
    assert "Marie Dupont" in before and "0612345678" in before and ticket.requester in before

    await bot.tick(timedelta(days=31))
    await bot.tick()
    assert (await bot.ticket(ticket.id)).requester == ANONYMOUS
    card = str(bot.slack.message(channel, ts))
    assert "Marie Dupont" not in card and "0612345678" not in card
    assert ticket.requester not in card
    assert "une personne anonymisée" in card, card  # the desk's channel reads French
    assert "Titre et description effacés" in card
