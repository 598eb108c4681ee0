"""The outbox's other kinds, one item at a time: a requester's "fixed" DM that cannot be sent
for an unexpected reason is logged and tried again once its lease ends, and holds up none of
the others in the tick."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

import pytest

from bot.domain.models import MessageRef, Outgoing, Status
from bot.outbox.deliveries import LEASE
from bot.problems import notices
from tests.e2e.harness import DESK_AGENT, Harness
from tests.e2e.problems.outage import TICK, fixed_dms, make_problem


async def test_a_message_that_cannot_be_sent_holds_up_no_other(
    desk: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bot = desk
    tickets, problem = await make_problem(bot)
    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)

    async def fanned_out() -> bool:
        stored = [await bot.ticket(t.id) for t in (*tickets, problem)]
        return stored[-1].fanout_at is None and all(t.status is Status.RESOLVED for t in stored)

    await bot.eventually(fanned_out, "the fan-out done, its DMs owed")
    broken = tickets[0]
    real = notices._Direct.send

    async def send(
        self: notices._Direct,
        messages: Sequence[Outgoing],
        now: datetime,
        since: datetime | None = None,
    ) -> MessageRef | None:
        if messages[0].ticket_id == broken.id:
            raise RuntimeError("its requester's DM cannot be built, say")
        return await real(self, messages, now, since)

    monkeypatch.setattr(notices._Direct, "send", send)
    with caplog.at_level(logging.ERROR):
        await bot.tick(TICK)
    for number in (1, 2):
        assert len(fixed_dms(bot, number, problem.id)) == 1  # told all the same
    assert not fixed_dms(bot, 0, problem.id)
    assert "unexpected error delivering outbox item" in caplog.text
    assert any(getattr(r, "ticket_id", None) == broken.id for r in caplog.records)

    monkeypatch.undo()  # mended: tried again once its lease ends, nobody told twice
    await bot.tick(LEASE)
    for number in range(3):
        assert len(fixed_dms(bot, number, problem.id)) == 1
