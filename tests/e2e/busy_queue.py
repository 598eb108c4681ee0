"""The bot's queue of work after the ack held busy by a test (``bot/runtime/after_ack.py``)."""

from __future__ import annotations

import asyncio

from tests.e2e.harness import Harness


async def hold_workers(bot: Harness) -> asyncio.Event:
    """Every worker of the queue busy until the event returned is set (then they end)."""
    queue = bot.guichet.after_ack
    assert queue is not None
    gate = asyncio.Event()

    async def blocked() -> None:
        await gate.wait()

    for number in range(queue.workers):
        await queue.submit(f"busy {number}", blocked)
    await bot.eventually(lambda: queue.report().running == queue.workers, "the workers busy")
    return gate
