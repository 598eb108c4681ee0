"""The notices to the team in a ticket's thread (information added, reopened, cancelled,
given to someone) go through the stored outbox: a Slack 503 delays them, a lost answer is
found again, neither loses nor doubles them (``bot/tickets/team_notices.py``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.domain.models import OutgoingKind, Ticket
from bot.domain.outbox import OutboxItem, OutboxState
from bot.outbox.deliveries import backoff
from storage.client import Database
from storage.outbox import OutboxRepository
from tests.e2e.harness import CHANNELS, EMPLOYEE_EN, Harness
from tests.e2e.test_delivery import bot_with_dated_slack
from tests.e2e.test_delivery_dms import file_question, tried
from tests.e2e.test_follow_up import _add_info_form

DESK = CHANNELS["service_desk"]
ADDED = "Error 809 since this morning"


@pytest.fixture
async def dated(database: Database) -> AsyncIterator[Harness]:
    async with bot_with_dated_slack(database) as harness:
        yield harness


def notices(bot: Harness, ticket: Ticket) -> list[dict[str, Any]]:
    """The replies in the ticket's thread telling the team of the information added."""
    assert ticket.message is not None
    return [
        m
        for m in bot.slack.messages(DESK)
        if m.get("thread_ts") == ticket.message.ts and ADDED in m.get("text", "")
    ]


async def add_information(bot: Harness, ticket: Ticket) -> None:
    form = await _add_info_form(bot, EMPLOYEE_EN)
    status, body = await bot.submit(form, {"information": ADDED}, user=EMPLOYEE_EN)
    assert status == 200 and not body
    await tried(bot, ticket.id, OutgoingKind.TEAM_NOTICE)


async def test_information_added_refused_with_503_once_reaches_the_team_once(
    dated: Harness,
) -> None:
    bot = dated
    ticket = await file_question(bot)
    bot.slack.server_error("chat.postMessage", channel=DESK, status=503, times=1)
    await add_information(bot, ticket)
    assert notices(bot, ticket) == []  # refused: waiting in the outbox, not lost
    (item,) = [
        i
        for i in await OutboxRepository(bot.database).for_ticket(ticket.id)
        if i.message.kind is OutgoingKind.TEAM_NOTICE
    ]
    assert item.state is OutboxState.PENDING and item.message.text == ADDED
    await bot.tick(backoff(1))
    (notice,) = notices(bot, ticket)
    assert notice["text"] == f"<@{EMPLOYEE_EN}> a ajouté des informations\u00a0:\n>{ADDED}"
    await bot.tick(backoff(2))
    assert len(notices(bot, ticket)) == 1
    (item,) = [
        i
        for i in await OutboxRepository(bot.database).for_ticket(ticket.id)
        if i.message.kind is OutgoingKind.TEAM_NOTICE
    ]
    assert item.state is OutboxState.SENT


async def test_information_added_whose_answer_was_lost_is_not_told_twice(
    dated: Harness,
) -> None:
    bot = dated
    ticket = await file_question(bot)
    assert ticket.message is not None
    bot.slack.answer_lost("chat.postMessage", channel=DESK, thread_ts=ticket.message.ts)
    await add_information(bot, ticket)
    await bot.tick(backoff(1))
    await bot.tick(backoff(2))
    assert len(notices(bot, ticket)) == 1
    (item,) = [
        i
        for i in await OutboxRepository(bot.database).for_ticket(ticket.id)
        if i.message.kind is OutgoingKind.TEAM_NOTICE
    ]
    assert item.state is OutboxState.SENT and item.attempts == 2  # found, adopted
    assert item.sent is not None and item.sent.ts == notices(bot, ticket)[0]["ts"]


async def test_a_card_slack_would_not_redraw_is_redrawn_by_the_ticks(dated: Harness) -> None:
    """The information is stored and told, but Slack answered 503 to the card's redraw (and to
    the client's own retry): the card showed the ticket as it was until its next change. Its
    redraw waits in the outbox and is made at the next tick, from the ticket as stored."""
    bot = dated
    ticket = await file_question(bot)
    await bot.settled()
    bot.slack.server_error("chat.update", channel=DESK, status=503, times=2)
    await add_information(bot, ticket)

    async def redraws() -> list[OutboxItem]:
        items = await OutboxRepository(bot.database).for_ticket(ticket.id)
        return [i for i in items if i.message.kind is OutgoingKind.REDRAWN_CARD]

    (item,) = await bot.eventually(redraws, "the card's redraw left to the outbox")
    assert item.state is OutboxState.PENDING
    assert "informations ajoutées par" not in str((await bot.channel_message(ticket.id))["blocks"])
    await bot.tick(backoff(1))
    card = str((await bot.channel_message(ticket.id))["blocks"])
    assert f"informations ajoutées par <@{EMPLOYEE_EN}>" in card
    (item,) = await redraws()
    assert item.state is OutboxState.SENT
