"""Unlink pressed on an incident the problem's fix has resolved: refused, saying who resolved it
and when. It unlinked it and told its requester, just told it was fixed, that their ticket "went
to the Service desk in #desk" and they would hear more, while it stayed resolved, posted nowhere
and nobody's work."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.models import HistoryAction, HistoryEntry, Status, Ticket
from tests.e2e.harness import DESK_AGENT, Harness
from tests.e2e.problems.outage import (
    DESK,
    REQUESTERS,
    buttons,
    dm_texts,
    make_problem,
    report,
)


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

    assert buttons(bot.slack.message(DESK, reply["ts"])) == []  # redrawn without them
    # pressed as it was drawn before (a client not refreshed yet, a press racing the redraw)
    await bot.press(DESK, reply, "incident_unlink", DESK_AGENT, block_id=f"linked:{fifth.id}")
    refused = await bot.told_eventually(DESK_AGENT, "votre clic n’a rien changé")
    assert f"{fifth.id} a été passé à *Résolu*" in refused, refused
    await bot.tick(timedelta(minutes=1))
    after = await bot.ticket(fifth.id)
    assert after.problem_id == problem.id and after.status is Status.RESOLVED
    assert len(dm_texts(bot, REQUESTERS[4])) == told  # not told it "went to" anyone
    history = await bot.guichet.helpdesk.tickets.history(fifth.id)
    assert "unlinked" not in [entry.action for entry in history]


async def test_a_resolution_between_the_check_and_the_write_is_not_undone(
    desk: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unlink read the incident open; the fix's fan-out resolves it before Unlink's write: the
    write expects it open, so it stays resolved and linked, and the press is refused as for an
    incident found resolved (it was unlinked, resolved, and its requester told it "went to" the
    service desk, while nobody would ever see it again)."""
    bot = desk
    _, problem = await make_problem(bot)
    fifth = await report(bot, 4)
    await bot.tick()
    reply = bot.slack.message(DESK, bot.thread(problem)[-1].response["ts"])
    helpdesk = bot.guichet.helpdesk
    may_work = helpdesk.directory.may_work

    async def resolved_meanwhile(ticket: Ticket, user: str) -> bool:
        if ticket.id == problem.id:  # Unlink's check of the agent, after it read the incident
            incident = await bot.ticket(fifth.id)
            entry = HistoryEntry(
                fifth.id, helpdesk.clock.now(), DESK_AGENT, HistoryAction.STATUS,
                before=incident.status.value, after=Status.RESOLVED.value, note=problem.id,
            )  # fmt: skip
            await helpdesk.apply_change(incident, entry, {"status": Status.RESOLVED}, {})
        return await may_work(ticket, user)

    monkeypatch.setattr(helpdesk.directory, "may_work", resolved_meanwhile)
    told = len(dm_texts(bot, REQUESTERS[4]))
    await bot.press(DESK, reply, "incident_unlink", DESK_AGENT, block_id=f"linked:{fifth.id}")
    refused = await bot.told_eventually(DESK_AGENT, "votre clic n’a rien changé")
    assert f"{fifth.id} a été passé à *Résolu*" in refused, refused
    monkeypatch.setattr(helpdesk.directory, "may_work", may_work)
    await bot.tick(timedelta(minutes=1))
    after = await bot.ticket(fifth.id)
    assert after.problem_id == problem.id and after.status is Status.RESOLVED
    assert len(dm_texts(bot, REQUESTERS[4])) == told  # not told it "went to" anyone
    history = await helpdesk.tickets.history(fifth.id)
    assert "unlinked" not in [entry.action for entry in history]
