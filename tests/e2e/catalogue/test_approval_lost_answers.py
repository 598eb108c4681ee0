"""Approval DMs whose answer was lost are found and adopted (``tests/e2e/test_lost_answers.py``)
and then count as delivered in every way: a reminder found takes the buttons of the request it
reminds, a notice found to the requester becomes their latest DM (the one with Cancel), as when
the post had been answered; a reminder found once the request was withdrawn loses its buttons,
one found once its step was decided says who decided."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.outbox.deliveries import backoff
from storage.client import Database
from tests.e2e.catalogue.conftest import with_catalogue
from tests.e2e.catalogue.steps import LICENCE, press, request
from tests.e2e.catalogue.test_withdrawal import WITHDRAWN_DM, _settled, _withdraw
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, INFRA_ONCALL_2, Harness
from tests.e2e.observations import action_ids
from tests.e2e.test_delivery import bot_with_dated_slack

CANCEL = "ticket_cancel"


@pytest.fixture
async def dated(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    """The bot with the catalogue, Slack's timestamps following the bot's clock."""
    async with bot_with_dated_slack(database, services_file=with_catalogue(tmp_path)) as harness:
        yield harness


def _dms(bot: Harness, user: str, ticket_id: str) -> list[dict[str, Any]]:
    channel = bot.slack.dm_channel_id(user)
    return [m for m in bot.slack.messages(channel) if ticket_id in str(m.get("blocks"))]


async def test_a_reminder_found_after_a_lost_answer_takes_the_buttons(dated: Harness) -> None:
    bot = dated
    ticket = await request(bot, "software_licence", LICENCE)
    bot.slack.answer_lost("chat.postMessage", channel=DESK_MEMBER)  # the reminder
    await bot.tick(timedelta(minutes=61))
    first, reminder = _dms(bot, DESK_MEMBER, ticket.id)
    await bot.tick(backoff(1))  # tried again: found, adopted
    assert [m["ts"] for m in _dms(bot, DESK_MEMBER, ticket.id)] == [first["ts"], reminder["ts"]]
    first, reminder = _dms(bot, DESK_MEMBER, ticket.id)
    assert reminder["text"].startswith("Reminder:") and action_ids(reminder)
    assert action_ids(first) == []  # the request gave its buttons to the reminder


async def test_a_notice_found_after_a_lost_answer_becomes_the_latest_dm(dated: Harness) -> None:
    bot = dated
    ticket = await request(bot, "shared_folder", {"field_folder": "\\\\files\\finance"})
    (waiting,) = _dms(bot, EMPLOYEE_EN, ticket.id)
    assert action_ids(waiting) == [CANCEL]
    bot.slack.answer_lost("chat.postMessage", channel=EMPLOYEE_EN)  # "the first step approved"
    await press(bot, DESK_MEMBER, "request_approve")
    await bot.eventually(lambda: len(_dms(bot, EMPLOYEE_EN, ticket.id)) == 2, "the notice")
    await bot.tick(backoff(1))  # tried again: found, adopted
    waiting, approved = _dms(bot, EMPLOYEE_EN, ticket.id)
    assert action_ids(approved) == [CANCEL]
    assert action_ids(waiting) == []  # the latest DM keeps the buttons, the found one


async def test_a_reminder_found_after_the_withdrawal_loses_its_buttons(dated: Harness) -> None:
    bot = dated
    ticket = await request(bot, "software_licence", LICENCE)
    bot.slack.answer_lost("chat.postMessage", channel=DESK_MEMBER)  # the reminder
    await bot.tick(timedelta(minutes=61))
    first, reminder = _dms(bot, DESK_MEMBER, ticket.id)
    await _withdraw(bot)  # its update knows of the first ask only
    await bot.eventually(lambda: _settled(bot, ticket.id), "the withdrawal settled")
    assert action_ids(reminder) and not action_ids(_dms(bot, DESK_MEMBER, ticket.id)[0])

    await bot.tick(backoff(1))  # tried again: found, recorded, updated; nothing posted again
    asks = _dms(bot, DESK_MEMBER, ticket.id)
    assert [m["ts"] for m in asks] == [first["ts"], reminder["ts"]]
    for message in asks:
        assert WITHDRAWN_DM in message["text"] and not action_ids(message)


async def test_a_reminder_found_after_its_step_was_decided_says_who_decided(
    dated: Harness,
) -> None:
    bot = dated
    ticket = await request(bot, "software_licence", LICENCE)
    bot.slack.answer_lost("chat.postMessage", channel=INFRA_ONCALL_2)  # the reminder
    await bot.tick(timedelta(minutes=61))
    first, reminder = _dms(bot, INFRA_ONCALL_2, ticket.id)
    await press(bot, DESK_MEMBER, "request_approve")  # its update knows of the first ask only
    await bot.eventually(lambda: not action_ids(_dms(bot, INFRA_ONCALL_2, ticket.id)[0]))
    assert action_ids(reminder) == ["request_approve", "request_reject"]

    await bot.tick(backoff(1))  # tried again: found, recorded, updated; nothing posted again
    asks = _dms(bot, INFRA_ONCALL_2, ticket.id)
    assert [m["ts"] for m in asks] == [first["ts"], reminder["ts"]]
    for message in asks:
        assert f"<@{DESK_MEMBER}>" in message["text"] and not action_ids(message)
    assert asks[0]["text"] == asks[1]["text"]  # the same decision, in the approver's language
