"""A problem's resolution told to every requester once, even when the fan-out is cut short;
"not solved" after the fix makes an incident a ticket of its own."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from types import MethodType
from typing import Any

import pytest

from bot.domain.models import OutgoingKind, Status, Ticket
from bot.domain.outbox import OutboxState
from bot.problems.fanout import FanOut
from storage.outbox import OutboxRepository
from tests.e2e.harness import (
    DESK_AGENT,
    Harness,
    find_element,
)
from tests.e2e.observations import searchable
from tests.e2e.problems.outage import (
    DESK,
    FRENCH,
    REQUESTERS,
    TICK,
    dm_texts,
    make_problem,
    report,
)


# --- resolution fans out --------------------------------------------------------------------------
async def test_resolving_the_problem_tells_each_requester_exactly_once(desk: Harness) -> None:
    bot = desk
    tickets, problem = await make_problem(bot)
    stormed = [await report(bot, n) for n in (3, 4, 5)]
    incidents = [*tickets, *stormed]
    await bot.tick()

    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)

    async def all_resolved() -> bool:
        stored = [await bot.ticket(t.id) for t in incidents]
        done = (await bot.ticket(problem.id)).fanout_at is None  # the fan-out is over
        return done and all(t.status is Status.RESOLVED for t in stored)

    await bot.eventually(all_resolved, "the linked incidents resolved")
    # the agent who created the problem is its requester: told, not asked about their own fix
    told = await bot.told_eventually(DESK_AGENT, "résolu")
    assert f"*{problem.id}*" in told and "est maintenant *résolu*" in told
    assert "réglé ?" not in told
    with pytest.raises(AssertionError):
        bot.latest_dm(DESK_AGENT, "ticket_solved")
    history = await bot.guichet.helpdesk.tickets.history(stormed[0].id)
    assert (history[-1].action, history[-1].after, history[-1].note) == (
        "status",
        "resolved",
        "PRB-1",
    )
    show = await bot.show(stormed[0].id, REQUESTERS[3])  # in French
    assert f"statut Nouveau → Résolu par <@{DESK_AGENT}>, avec PRB-1" in show

    def fixed_dms() -> int:
        return sum(
            1
            for user in REQUESTERS
            for text in dm_texts(bot, user)
            if "PRB-1" in text and "✅" in text
        )

    bot.slack.fail_next("chat.postMessage", status=429, retry_after=2)
    limited = await bot.tick()  # Slack says slow down: nothing is lost, it waits
    assert limited.deliveries.rate_limited == 1 and fixed_dms() == 0
    assert (await bot.tick()).deliveries.rate_limited == 0 and fixed_dms() == 0  # Retry-After
    await bot.tick(timedelta(seconds=2))
    assert fixed_dms() == len(incidents)
    for _ in range(3):  # ticks repeated: nothing is said twice
        await bot.tick(TICK)

    for number, incident in enumerate(incidents):
        user = REQUESTERS[number]
        fixed = [text for text in dm_texts(bot, user) if "PRB-1" in text and "✅" in text]
        assert len(fixed) == 1, (user, dm_texts(bot, user))
        if user in FRENCH:
            assert f"Le problème à l’origine de votre ticket *{incident.id}*" in fixed[0]
        else:
            assert f"The problem behind your ticket *{incident.id}*" in fixed[0]
        last = bot.latest_dm(user, "ticket_solved")  # with "is it solved?" buttons
        assert find_element(last, "ticket_not_solved")["value"] == incident.id
    outbox = OutboxRepository(bot.database)
    fixed_items = [
        item
        for incident in incidents
        for item in await outbox.for_ticket(incident.id)
        if item.message.kind is OutgoingKind.FIXED
    ]
    assert len(fixed_items) == len(incidents)
    assert all(item.state is OutboxState.SENT and item.attempts == 1 for item in fixed_items)


async def test_a_resolved_incidents_card_no_longer_promises_the_problems_fix(
    desk: Harness,
) -> None:
    """While open, a linked incident's card says the problem's resolution resolves it too; once
    that happened, its card says only what it is linked to (in the desk's French)."""
    bot = desk
    tickets, problem = await make_problem(bot)
    first = await bot.channel_message(tickets[0].id)
    assert "sa résolution résoudra aussi celui-ci" in searchable(first["blocks"])
    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)

    async def all_resolved() -> bool:
        stored = [await bot.ticket(t.id) for t in tickets]
        done = (await bot.ticket(problem.id)).fanout_at is None  # the fan-out is over
        return done and all(t.status is Status.RESOLVED for t in stored)

    await bot.eventually(all_resolved, "the linked incidents resolved")
    await bot.tick(TICK)  # the cards' redraws go out
    for ticket in tickets:
        card = searchable((await bot.channel_message(ticket.id))["blocks"])
        assert "*Statut*\\nRésolu" in card
        assert "🔗 Lié à *PRB-1*." in card and "résoudra" not in card


async def test_a_fan_out_cut_short_is_finished_by_a_later_tick(
    desk: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = desk
    tickets, problem = await make_problem(bot)
    sweep = bot.guichet.scheduler.sweeps[0]  # the fan-out's (then learning's, approvals')
    assert isinstance(sweep, MethodType) and isinstance(sweep.__self__, FanOut)
    fanout = sweep.__self__
    queue = fanout.notices.queue

    died: list[bool] = []

    async def dies(*args: Any, **kwargs: Any) -> None:
        died.append(True)
        raise RuntimeError("the process died here")

    # it dies once the incidents are resolved, before their requesters' messages are queued
    monkeypatch.setattr(fanout.notices, "queue", dies)
    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)
    for ticket in tickets:
        await bot.eventually(partial(_resolved, bot, ticket.id), "the incidents resolved")
    stored = await bot.eventually(lambda: _resolved(bot, problem.id), "the problem resolved")
    assert stored.fanout_at is not None  # still owed: written with the resolution itself
    # the resolution is stored before the fan-out reaches its queue: restored earlier, the
    # fan-out would not die, and would finish its own work
    await bot.eventually(lambda: died, "the fan-out cut short")
    monkeypatch.setattr(fanout.notices, "queue", queue)
    await bot.tick(TICK)  # within the grace: the fan-out may still be running elsewhere
    assert (await bot.ticket(problem.id)).fanout_at is not None
    assert not [t for t in dm_texts(bot, REQUESTERS[0]) if "PRB-1" in t and "✅" in t]
    await bot.tick(TICK)  # past it: taken over
    assert (await bot.ticket(problem.id)).fanout_at is None
    for _ in range(2):
        await bot.tick(TICK)
    for number in range(3):
        fixed = [t for t in dm_texts(bot, REQUESTERS[number]) if "PRB-1" in t and "✅" in t]
        assert len(fixed) == 1


async def _fanned_out(bot: Harness, ticket_id: str) -> bool:
    ticket = await bot.ticket(ticket_id)
    return ticket.status is Status.RESOLVED and ticket.fanout_at is None


async def _resolved(bot: Harness, ticket_id: str) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    return ticket if ticket.status is Status.RESOLVED else None


async def test_not_solved_after_the_fix_makes_it_a_ticket_of_its_own(desk: Harness) -> None:
    bot = desk
    _, problem = await make_problem(bot)
    stormed = await report(bot, 3)
    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)
    await bot.eventually(lambda: _resolved(bot, stormed.id), "the incident resolved")
    await bot.eventually(lambda: _fanned_out(bot, problem.id), "the fan-out over")
    await bot.tick()
    posts = len(bot.top_level(DESK))
    await bot.press_in_dm(REQUESTERS[3], "ticket_not_solved")

    async def released() -> Ticket | None:
        ticket = await bot.ticket(stormed.id)
        return ticket if ticket.problem_id is None and ticket.message is not None else None

    ticket = await bot.eventually(released, "the incident on its own")
    # nobody ever had it: it is back in the queue, new (never in progress with nobody on it)
    assert ticket.status is Status.NEW and ticket.assignee is None
    assert len(bot.top_level(DESK)) == posts + 1
