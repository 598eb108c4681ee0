"""A ticket stored before the ack whose announcement a crash cut short is announced by the
scheduler a minute later, once; and the queue of work after the ack shows in /healthz."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta

import pytest

from bot.domain.models import Language, Level, Ticket, TicketType
from bot.filing.drafts import ValidDraft
from bot.filing.filing import Filing
from tests.e2e.harness import EMPLOYEE_EN, Harness

DRAFT = ValidDraft(
    type=TicketType.INFORMATION_REQUEST,
    title="Where is the VPN guide?",
    description="I cannot find the VPN guide on the intranet.",
    impact=Level.LOW,
    urgency=Level.LOW,
)


async def test_a_ticket_left_unannounced_is_announced_by_the_scheduler(bot: Harness) -> None:
    await bot.guichet.scheduler.stop()
    # Stored, acked, then the process died before announcing it: as ``file`` alone leaves it.
    ticket = await bot.guichet.filing.file(DRAFT, EMPLOYEE_EN, Language.EN)
    assert ticket.announce_at == ticket.created_at
    await bot.tick(timedelta(seconds=30))  # too early: its filing may still be announcing it
    assert (await bot.ticket(ticket.id)).message is None
    await bot.tick(timedelta(seconds=40))
    announced = await bot.ticket(ticket.id)
    assert announced.message is not None and announced.announce_at is None
    await bot.wait_dms(EMPLOYEE_EN, 1)
    posts = len(bot.top_level(announced.message.channel))
    await bot.tick(timedelta(minutes=5))
    assert len(bot.top_level(announced.message.channel)) == posts  # once


async def test_a_ticket_whose_post_failed_is_not_posted_by_the_sweep(bot: Harness) -> None:
    await bot.guichet.scheduler.stop()
    ticket = await bot.guichet.filing.file(DRAFT, EMPLOYEE_EN, Language.EN)
    bot.slack.fail_next("chat.postMessage", "channel_not_found")
    refused = await bot.guichet.helpdesk.post(ticket)  # then the process died, mark still set
    assert refused.message is None
    assert (await bot.ticket(ticket.id)).announce_at is not None
    # the outbox gave up at once and told the people concerned (bot/tickets/cards.py): the
    # desk's channel, the admins and the requester, each naming the ticket; no card anywhere
    told = [c for c in bot.slack.calls_to("chat.postMessage") if c.ok]
    assert [c.args["channel"] for c in told] == ["C0DESK", "U0ADMIN", EMPLOYEE_EN]
    assert all(ticket.id in str(c.args["text"]) for c in told)
    roles = [(c.args.get("metadata") or {}).get("event_payload", {}).get("role") for c in told]
    assert "card" not in roles  # the requester's DM carries its own metadata, not a card's
    await bot.tick(timedelta(minutes=2))
    assert (await bot.ticket(ticket.id)).announce_at is None  # seen: its failure was recorded
    assert [c for c in bot.slack.calls_to("chat.postMessage") if c.ok] == told  # no post


async def test_a_ticket_whose_card_waits_in_the_outbox_is_left_to_the_outbox(
    bot: Harness,
) -> None:
    await bot.guichet.scheduler.stop()
    ticket = await bot.guichet.filing.file(DRAFT, EMPLOYEE_EN, Language.EN)
    bot.slack.server_error("chat.postMessage", status=503, times=2)
    waiting = await bot.guichet.helpdesk.post(ticket)  # then the process died, mark still set
    assert waiting.message is None
    assert (await bot.ticket(ticket.id)).announce_at is not None
    await bot.tick(timedelta(minutes=2))  # the card's second attempt gets a 503 too
    swept = await bot.ticket(ticket.id)
    assert swept.announce_at is None and swept.message is None  # the outbox owns it
    assert bot.dms_to(EMPLOYEE_EN) == []  # not announced a second time
    await bot.tick(timedelta(minutes=5))
    posted = await bot.ticket(ticket.id)
    assert posted.message is not None
    assert [m["ts"] for m in bot.slack.messages(posted.message.channel)] == [posted.message.ts]
    await bot.told_eventually(EMPLOYEE_EN, ticket.id)
    assert len(bot.dms_to(EMPLOYEE_EN)) == 1  # told once, when the card went


async def test_filing_through_slack_clears_the_mark_and_healthz_shows_the_queue(
    bot: Harness,
) -> None:
    ticket = await bot.file("information_request", "VPN guide?", "Where is the VPN guide?")
    assert ticket.message is not None and ticket.announce_at is None
    status, body = await bot.get("/healthz")
    assert status == 200
    queue = body["after_ack"]
    assert queue["depth"] == 0 and queue["workers"] >= 1 and queue["done"] >= 1
    status, metrics = await bot.get("/metrics")
    assert "guichet_after_ack_wait_seconds_count" in str(metrics)


async def test_a_ticket_that_cannot_be_announced_holds_up_no_other(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await bot.guichet.scheduler.stop()
    broken = await bot.guichet.filing.file(DRAFT, EMPLOYEE_EN, Language.EN)  # swept first
    other = await bot.guichet.filing.file(
        replace(DRAFT, title="Printer jammed", description="The 2nd floor printer jams."),
        EMPLOYEE_EN,
        Language.EN,
    )
    real = Filing.announce

    async def announce(self: Filing, ticket: Ticket) -> Ticket:
        if ticket.id == broken.id:
            raise RuntimeError("its catalogue item was removed, say")
        return await real(self, ticket)

    monkeypatch.setattr(Filing, "announce", announce)
    with caplog.at_level(logging.ERROR):
        await bot.tick(timedelta(seconds=70))
    assert (await bot.ticket(other.id)).message is not None  # announced all the same
    assert (await bot.ticket(broken.id)).announce_at is not None  # left for the next tick
    assert f"could not announce {broken.id}: tried again at the next tick" in caplog.text

    monkeypatch.undo()  # mended (the item back, say): the next tick announces it
    await bot.tick(timedelta(minutes=1))
    announced = await bot.ticket(broken.id)
    assert announced.message is not None and announced.announce_at is None
