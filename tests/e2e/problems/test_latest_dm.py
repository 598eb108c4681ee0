"""Only the latest DM about a ticket keeps buttons, the problem board's DMs included: "your
ticket is a known issue" takes the buttons of the DM that said where the ticket went, and the
DM saying the problem is fixed takes them in turn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from bot.domain.models import Status
from sandbox.emulator.faults import Fault, FaultKind
from storage.client import Database
from tests.e2e.harness import DESK_AGENT, Harness
from tests.e2e.observations import action_ids
from tests.e2e.problems.outage import PEOPLE, make_problem
from tests.e2e.test_delivery import bot_with_dated_slack


def _dms_about(bot: Harness, user: str, ticket_id: str) -> list[dict[str, Any]]:
    channel = bot.slack.dm_channel_id(user)
    return [m for m in bot.slack.messages(channel) if f"*{ticket_id}*" in m.get("text", "")]


async def test_the_problem_boards_dms_take_over_the_buttons(desk: Harness) -> None:
    bot = desk
    tickets, problem = await make_problem(bot)
    incident = tickets[0]
    filed, known = _dms_about(bot, incident.requester, incident.id)
    assert "known issue" in known["text"] and action_ids(known)  # add information, cancel
    assert action_ids(filed) == []  # the DM that said where it went gave its buttons up
    assert "its buttons are in the latest message" in str(filed["blocks"])

    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)

    def fixed_asks() -> bool:
        dms = _dms_about(bot, incident.requester, incident.id)
        return len(dms) == 3 and "ticket_solved" in action_ids(dms[-1])

    async def fanned_out() -> bool:
        return (await bot.ticket(problem.id)).fanout_at is None and (
            await bot.ticket(incident.id)
        ).status is Status.RESOLVED

    await bot.eventually(fanned_out, "the incident resolved with its problem")
    await bot.tick()  # the requesters are told, paced by the ticks
    await bot.eventually(fixed_asks, "the DM saying the problem is fixed")
    await bot.eventually(
        lambda: action_ids(_dms_about(bot, incident.requester, incident.id)[1]) == [],
        "the known-issue DM retired",
    )
    retired = _dms_about(bot, incident.requester, incident.id)[1]
    assert retired["text"] == known["text"]  # what it said stays, its buttons go
    assert f"*{incident.id}* is now resolved" in str(retired["blocks"])


@pytest.fixture
async def dated_desk(database: Database) -> AsyncIterator[Harness]:
    """The problem tests' desk, with a Slack whose message timestamps follow the bot's clock, so
    a DM can be looked for from the first attempt's time."""
    async with bot_with_dated_slack(database) as bot:
        for user, locale in PEOPLE.items():
            bot.slack.add_user(user, user[3:].lower(), locale=locale)
        await bot.guichet.scheduler.stop()
        yield bot


async def test_a_fixed_notice_whose_answer_was_lost_is_found_not_sent_again(
    dated_desk: Harness,
) -> None:
    """Slack posted the "problem fixed" DM but the answer was lost: the next try looks for it
    in the requester's DMs (its metadata) and adopts it; the requester reads it once."""
    bot = dated_desk
    tickets, problem = await make_problem(bot)
    incident = tickets[0]
    bot.slack.inject(Fault(FaultKind.ANSWER_LOST, "chat.postMessage", incident.requester))

    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)

    async def incident_resolved() -> bool:
        return (await bot.ticket(incident.id)).status is Status.RESOLVED

    await bot.eventually(incident_resolved, "the incident resolved with its problem")
    for _ in range(3):  # the try whose answer is lost, then the one that looks for it
        await bot.tick(timedelta(minutes=5))
    fixed = [
        m
        for m in _dms_about(bot, incident.requester, incident.id)
        if "ticket_solved" in action_ids(m) or "is now resolved" in str(m.get("blocks"))
    ]
    texts = [m["text"] for m in _dms_about(bot, incident.requester, incident.id)]
    assert len(texts) == len(set(texts)), texts  # nothing told twice
    assert fixed, texts
