"""``InOrder``: one at a time per key, in the order asked; a key's lock dropped once nobody
holds or waits for it."""

from __future__ import annotations

import asyncio

from bot.runtime.in_order import InOrder


async def test_one_key_runs_one_at_a_time_in_the_order_asked() -> None:
    in_order = InOrder()
    done: list[int] = []

    async def relay(number: int, seconds: float) -> None:
        async with in_order.one_at_a_time(("D1", "1.0")):
            await asyncio.sleep(seconds)
            done.append(number)

    await asyncio.gather(relay(1, 0.05), relay(2, 0), relay(3, 0.01))
    assert done == [1, 2, 3]
    assert len(in_order) == 0  # nothing kept for a thread nobody relays in


async def test_other_keys_do_not_wait() -> None:
    in_order = InOrder()
    done: list[str] = []

    async def relay(key: str, seconds: float) -> None:
        async with in_order.one_at_a_time(key):
            await asyncio.sleep(seconds)
            done.append(key)

    await asyncio.gather(relay("slow", 0.05), relay("quick", 0))
    assert done == ["quick", "slow"]


async def test_a_failure_lets_the_next_one_go() -> None:
    in_order = InOrder()

    async def failing() -> None:
        async with in_order.one_at_a_time("k"):
            raise RuntimeError("Slack down")

    results = await asyncio.gather(failing(), failing(), return_exceptions=True)
    assert all(isinstance(r, RuntimeError) for r in results) and len(in_order) == 0
