"""A problem's fan-out, one item at a time: an incident that cannot be given the problem's end
holds up none of the others (left for a later tick), and a fan-out the scheduler's sweep cannot
finish holds up no other problem's."""

from __future__ import annotations

import logging
from datetime import datetime
from functools import partial
from operator import contains
from types import MethodType

import pytest

from bot.domain.models import OutgoingKind, Status, Ticket
from bot.problems.fanout import GRACE, FanOut
from bot.problems.notices import Item
from storage.outbox import OutboxRepository
from tests.e2e.harness import DESK_AGENT, Harness
from tests.e2e.problems.outage import REQUESTERS, TICK, fixed_dms, make_problem
from tests.e2e.workspace import INTERNAL_AGENT


def _fanout(bot: Harness) -> FanOut:
    sweep = bot.guichet.scheduler.sweeps[0]  # the fan-out's
    assert isinstance(sweep, MethodType) and isinstance(sweep.__self__, FanOut)
    return sweep.__self__


async def test_an_incident_that_cannot_be_resolved_holds_up_no_other(
    desk: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bot = desk
    tickets, problem = await make_problem(bot)
    broken = tickets[0]
    real = FanOut._resolve

    async def resolve(
        self: FanOut, incident: Ticket, parent: Ticket, actor: str, since: datetime
    ) -> list[Item]:
        if incident.id == broken.id:
            raise RuntimeError("its service was removed from the services file, say")
        return await real(self, incident, parent, actor, since)

    monkeypatch.setattr(FanOut, "_resolve", resolve)
    with caplog.at_level(logging.ERROR):
        await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)

        async def others_done() -> bool:  # resolved, their requesters' notices queued
            outbox = OutboxRepository(bot.database)
            for ticket in tickets[1:]:
                kinds = [item.message.kind for item in await outbox.for_ticket(ticket.id)]
                stored = await bot.ticket(ticket.id)
                if stored.status is not Status.RESOLVED or OutgoingKind.FIXED not in kinds:
                    return False
            return True

        await bot.eventually(others_done, "the other incidents resolved, their requesters owed")
        await bot.tick(TICK)
        await bot.tick(GRACE)  # the sweep runs the fan-out again: the same incident fails
    for number in (1, 2):
        assert len(fixed_dms(bot, number, problem.id)) == 1  # told all the same
    assert (await bot.ticket(broken.id)).status is not Status.RESOLVED
    assert not fixed_dms(bot, 0, problem.id)
    assert (await bot.ticket(problem.id)).fanout_at is not None  # still owed to it
    failed = f"could not give {broken.id} the end of {problem.id}: tried again at the next tick"
    assert caplog.text.count(failed) == 2  # after the change, then at the sweep

    monkeypatch.undo()  # mended: the next sweep finishes it, nobody told twice
    await bot.tick(GRACE)
    await bot.tick(TICK)
    assert (await bot.ticket(broken.id)).status is Status.RESOLVED
    assert (await bot.ticket(problem.id)).fanout_at is None
    for number in range(3):
        assert len(fixed_dms(bot, number, problem.id)) == 1


async def test_an_incident_that_cannot_be_released_holds_up_no_other(
    desk: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bot = desk
    tickets, problem = await make_problem(bot)
    broken = tickets[0]
    real = FanOut._release

    async def release(self: FanOut, incident: Ticket, parent: Ticket, actor: str) -> list[Item]:
        if incident.id == broken.id:
            raise RuntimeError("its service was removed from the services file, say")
        return await real(self, incident, parent, actor)

    monkeypatch.setattr(FanOut, "_release", release)
    with caplog.at_level(logging.ERROR):
        await bot.choose(problem.id, "ticket_status", "cancelled", DESK_AGENT)
        failed = f"could not give {broken.id} the end of {problem.id}: tried again at the next tick"

        async def others_released() -> bool:  # unlinked, the failure logged
            stored = [await bot.ticket(t.id) for t in tickets[1:]]
            return failed in caplog.text and all(t.problem_id is None for t in stored)

        await bot.eventually(others_released, "the other incidents released")
        await bot.tick(GRACE + TICK)  # the sweep runs the fan-out again: the same one fails
    assert (await bot.ticket(broken.id)).problem_id == problem.id  # still linked: still owed
    assert (await bot.ticket(problem.id)).fanout_at is not None
    assert caplog.text.count(failed) == 2  # after the change, then at the sweep

    monkeypatch.undo()  # mended: the next sweep releases it
    await bot.tick(TICK)
    assert (await bot.ticket(broken.id)).problem_id is None
    assert (await bot.ticket(problem.id)).fanout_at is None
    assert (await bot.ticket(problem.id)).linked_incidents == ()


async def test_a_fan_out_the_sweep_cannot_finish_holds_up_no_other(
    desk: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bot = desk
    _, mail = await make_problem(bot)  # the service desk's
    fanout = _fanout(bot)
    # a second problem, internal IT's, of another outage, with an incident of its own
    printers = await bot.file(
        "problem", "Printers forget their queue", "Every printer drops its queue.", user=DESK_AGENT
    )
    jammed = await bot.file(
        "incident", "My print job vanished", "The printer forgot my job.", user=REQUESTERS[4]
    )
    printers, linked = await fanout.links.link(printers, [jammed], INTERNAL_AGENT)
    assert [t.id for t in linked] == [jammed.id]
    real = FanOut.run
    died: list[str] = []

    async def dies(self: FanOut, parent: Ticket, actor: str) -> None:
        died.append(parent.id)
        raise RuntimeError("the process died here")

    monkeypatch.setattr(FanOut, "run", dies)  # both end, their fan-outs cut short
    for parent, agent in ((mail, DESK_AGENT), (printers, INTERNAL_AGENT)):
        await bot.choose(parent.id, "ticket_status", "resolved", agent)
        await bot.eventually(partial(contains, died, parent.id), f"{parent.id}'s fan-out cut")
    owed = await fanout.queries.fanouts_due(bot.clock.now())
    first, second = (parent.id for parent in owed)  # in the sweep's order: the first one fails
    assert {first, second} == {mail.id, printers.id}

    async def run(self: FanOut, parent: Ticket, actor: str) -> None:
        if parent.id == first:
            raise RuntimeError("its incidents cannot be read, say")
        await real(self, parent, actor)

    monkeypatch.setattr(FanOut, "run", run)
    with caplog.at_level(logging.ERROR):
        await bot.tick(GRACE + TICK)
    assert (await bot.ticket(second)).fanout_at is None  # finished all the same
    assert (await bot.ticket(first)).fanout_at is not None  # left for the next tick
    assert f"could not fan out the end of {first}: tried again at the next tick" in caplog.text

    monkeypatch.setattr(FanOut, "run", real)  # mended: the next tick finishes it
    await bot.tick(TICK)
    assert (await bot.ticket(first)).fanout_at is None
    for ticket_id in (jammed.id, *mail.linked_incidents):
        assert (await bot.ticket(ticket_id)).status is Status.RESOLVED
