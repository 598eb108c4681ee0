"""Unlink pressed on an incident the problem's fix has resolved: refused, saying who resolved it
and when. It unlinked it and told its requester, just told it was fixed, that their ticket "went
to the Service desk in #desk" and they would hear more, while it stayed resolved, posted nowhere
and nobody's work."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.models import Status
from tests.e2e.harness import DESK_AGENT, Harness
from tests.e2e.problems.outage import DESK, REQUESTERS, dm_texts, make_problem, report


async def test_an_incident_resolved_with_the_fix_is_not_unlinked(desk: Harness) -> None:
    bot = desk
    _, problem = await make_problem(bot)
    fifth = await report(bot, 4)  # joins the problem: never posted in the channel
    await bot.tick()
    reply = bot.slack.message(DESK, bot.thread(problem)[-1].response["ts"])
    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)

    async def fixed() -> bool:
        done = (await bot.ticket(problem.id)).fanout_at is None
        return done and (await bot.ticket(fifth.id)).status is Status.RESOLVED

    await bot.eventually(fixed, "the fix fanned out")
    await bot.tick(timedelta(minutes=1))
    told = len(dm_texts(bot, REQUESTERS[4]))
    assert "is fixed (*PRB-1*)" in dm_texts(bot, REQUESTERS[4])[-1]

    reply = bot.slack.message(DESK, reply["ts"])
    await bot.press(DESK, reply, "incident_unlink", DESK_AGENT, block_id=f"linked:{fifth.id}")
    refused = await bot.told_eventually(DESK_AGENT, "votre clic n’a rien changé")
    assert f"{fifth.id} a été passé à *Résolu*" in refused, refused
    await bot.tick(timedelta(minutes=1))
    after = await bot.ticket(fifth.id)
    assert after.problem_id == problem.id and after.status is Status.RESOLVED
    assert len(dm_texts(bot, REQUESTERS[4])) == told  # not told it "went to" anyone
    history = await bot.guichet.helpdesk.tickets.history(fifth.id)
    assert "unlinked" not in [entry.action for entry in history]
