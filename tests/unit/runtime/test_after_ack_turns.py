"""A listener's turn in the queue of work after the ack: the rest of the listener runs when a
worker is free and holds it until the listener ends, in line with the queued jobs."""

from __future__ import annotations

import asyncio

from bot.runtime.after_ack import AfterAck


async def test_listeners_wait_their_turn_and_hold_a_worker_until_they_end() -> None:
    queue = AfterAck(workers=2, depth=100)
    await queue.start()
    gate = asyncio.Event()
    running, most = 0, 0
    order: list[int | str] = []

    async def listener(number: int) -> None:
        nonlocal running, most
        await queue.turn(f"listener {number}")
        await queue.turn("again")  # a second turn of the same task: it holds one already
        order.append(number)
        running += 1
        most = max(most, running)
        await gate.wait()
        running -= 1

    async def job() -> None:
        order.append("job")

    tasks = [asyncio.create_task(listener(number)) for number in range(5)]
    await asyncio.sleep(0.02)
    await queue.submit("job", job)
    await asyncio.sleep(0.02)
    report = queue.report()
    assert (running, report.running, report.depth) == (2, 2, 4)  # 3 listeners and the job wait
    gate.set()
    await asyncio.gather(*tasks)
    await queue.drain()
    assert most == 2 and order[:4] == [0, 1, 2, 3]  # in the order they queued
    assert set(order[4:]) == {4, "job"}  # the last listener and the job: two workers at once
    assert queue.report().done == 6


async def test_without_workers_a_listener_goes_on_at_once() -> None:
    queue = AfterAck(workers=1)
    await asyncio.wait_for(queue.turn("outside the web app"), 1)
    assert queue.report().done == 0


async def test_drain_waits_for_the_listeners_holding_a_turn() -> None:
    queue = AfterAck(workers=1)
    await queue.start()
    finished = []

    async def listener() -> None:
        await queue.turn("slow listener")
        await asyncio.sleep(0.05)
        finished.append(True)

    task = asyncio.create_task(listener())
    await asyncio.sleep(0.01)
    await queue.drain()
    assert finished == [True] and task.done()


async def test_a_listener_that_fails_or_is_cancelled_gives_its_worker_back() -> None:
    """However the listener holding a turn ends (an error, a cancellation), its worker goes on
    to the next job; the listener's error stays its own (the worker does not raise it)."""
    queue = AfterAck(workers=1, depth=10)
    await queue.start()
    holding = asyncio.Event()
    release = asyncio.Event()

    async def failing() -> None:
        await queue.turn("failing")
        holding.set()
        await release.wait()
        raise RuntimeError("the listener's own failure")

    async def stuck() -> None:
        await queue.turn("stuck")
        await asyncio.Event().wait()

    ran: list[str] = []

    async def job() -> None:
        ran.append("job")

    first = asyncio.create_task(failing())
    await holding.wait()
    second = asyncio.create_task(stuck())
    await queue.submit("job", job)
    release.set()
    outcome = await asyncio.gather(first, return_exceptions=True)
    assert [type(error) for error in outcome] == [RuntimeError]
    second.cancel()
    await asyncio.gather(second, return_exceptions=True)
    await asyncio.wait_for(queue.drain(), 5)  # every worker given back: the queue emptied
    assert ran == ["job"] and queue.report().running == 0
