"""The replies of a problem's thread listing its incidents, once the problem is fixed: redrawn
through the outbox without their Unlink buttons, saying each incident was resolved with it. They
kept their buttons, and a press was refused: the buttons lied."""

from __future__ import annotations

import re

from bot.domain.models import OutgoingKind, Status
from bot.domain.outbox import OutboxState
from storage.outbox import OutboxRepository
from tests.e2e.harness import DESK_AGENT, Harness
from tests.e2e.observations import searchable
from tests.e2e.problems.outage import (
    REQUESTERS,
    TICK,
    as_shown,
    buttons,
    make_problem,
    report,
)

LISTING = re.compile(r"^\d+ incidents? liés? à PRB-1$")  # the replies' fallback text


async def test_the_threads_replies_lose_their_unlink_buttons_when_the_problem_is_fixed(
    desk: Harness,
) -> None:
    bot = desk
    tickets, problem = await make_problem(bot)
    fifth = await report(bot, 4)  # joins the problem: a second reply in its thread
    await bot.tick()
    replies = [call for call in bot.thread(problem) if LISTING.search(call.args["text"])]
    assert len(replies) == 2, [call.args["text"] for call in bot.thread(problem)]
    linked = [*tickets, fifth]
    shown = [button for call in replies for button in buttons(as_shown(bot, call))]
    assert sorted(shown) == sorted(("incident_unlink", t.id) for t in linked)

    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)

    async def fanned_out() -> bool:
        done = (await bot.ticket(problem.id)).fanout_at is None
        stored = [await bot.ticket(t.id) for t in linked]
        return done and all(t.status is Status.RESOLVED for t in stored)

    await bot.eventually(fanned_out, "the fix fanned out")
    for _ in range(4):
        await bot.tick(TICK)
    for call in replies:
        message = as_shown(bot, call)
        assert buttons(message) == [], message
        text = searchable(message["blocks"])
        assert "✅ *PRB-1* est résolu\u00a0: ces incidents l’ont été avec lui" in text, text
    texts = " ".join(searchable(as_shown(bot, call)["blocks"]) for call in replies)
    for incident in linked:
        assert f"*{incident.id}* · " in texts and "— résolu avec *PRB-1*." in texts
    outbox = OutboxRepository(bot.database)
    redraws = [
        item
        for item in await outbox.for_ticket(problem.id)
        if item.message.kind is OutgoingKind.LINKED_SHOWN
    ]
    assert len(redraws) == 2 and all(item.state is OutboxState.SENT for item in redraws)
    assert {item.message.ref.ts for item in redraws if item.message.ref} == {
        call.response["ts"] for call in replies
    }
    assert all(item.attempts == 1 for item in redraws)


async def test_not_solved_after_the_fix_is_shown_in_the_thread(desk: Harness) -> None:
    """The requester says the fix did not solve it: the incident is taken out of the problem,
    and the reply that said it was resolved with it now says it is handled on its own."""
    bot = desk
    _, problem = await make_problem(bot)
    fourth = await report(bot, 3)
    await bot.tick()
    (reply,) = [call for call in bot.thread(problem) if LISTING.search(call.args["text"])][1:]
    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)

    async def fanned_out() -> bool:
        done = (await bot.ticket(problem.id)).fanout_at is None
        return done and (await bot.ticket(fourth.id)).status is Status.RESOLVED

    await bot.eventually(fanned_out, "the fix fanned out")
    for _ in range(3):
        await bot.tick(TICK)
    assert "— résolu avec *PRB-1*." in searchable(as_shown(bot, reply)["blocks"])
    await bot.press_in_dm(REQUESTERS[3], "ticket_not_solved")

    async def released() -> bool:
        return (await bot.ticket(fourth.id)).problem_id is None

    await bot.eventually(released, "the incident on its own")
    for _ in range(2):
        await bot.tick(TICK)
    text = searchable(as_shown(bot, reply)["blocks"])
    assert f"~*{fourth.id}* · " in text and "délié : traité à part" in text.replace("\u00a0", " ")
    assert "résolu avec" not in text and buttons(as_shown(bot, reply)) == []
