"""Two presses on one ticket are worked in the order they came, however the queue of work
after the ack starts their turns (``bot/runtime/after_ack.py``, ``turn``'s ``in_line_for``)."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from bot.runtime import after_ack
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, Harness


async def test_two_quick_status_changes_end_as_the_agent_left_them(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An agent sets a ticket in progress, then at once waiting on the requester. On a loaded
    machine the first press's turn may start after the second's (two workers, each first lets
    the acks pass): the second was applied first, then the first on top of it, and the ticket
    was left *in progress*, its requester told "in progress" last (seen by a helper as two
    "needs an answer from you" DMs 64 ms apart). Here the first turn starts only once the
    second press is acknowledged."""
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is the procedure?"
    )
    await bot.settled()
    before = len(bot.dms_to(EMPLOYEE_EN))
    second_acked = asyncio.Event()
    let_requests_pass = after_ack._let_requests_pass
    starts = 0

    async def first_turn_starts_late() -> None:
        nonlocal starts
        starts += 1
        if starts == 1:  # the first press's work waits until the second press is acked
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(second_acked.wait(), 2)
        await let_requests_pass()

    monkeypatch.setattr(after_ack, "_let_requests_pass", first_turn_starts_late)
    await bot.choose(ticket.id, "ticket_status", "in_progress", DESK_MEMBER)
    # the card not redrawn yet: the press is on the card as filed, as a person's would be
    status, _ = await bot.choose(ticket.id, "ticket_status", "waiting_on_requester", DESK_MEMBER)
    assert status == 200
    second_acked.set()
    await bot.settled()
    final = await bot.guichet.helpdesk.tickets.get(ticket.id)
    assert final is not None
    assert final.status == "waiting_on_requester", final.status
    told = [call.args.get("text", "") for call in bot.dms_to(EMPLOYEE_EN)[before:]]
    assert len(told) == 2, told
    assert "is now *in progress*" in told[0] and "needs an answer from you" in told[1], told
    assert starts == 2
