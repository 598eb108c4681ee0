"""Back-pressure: a request waits (a bounded time) for room in a full queue, counting the
listeners already waiting to queue a job; refused when none comes."""

from __future__ import annotations

import asyncio

from bot.runtime.after_ack import AfterAck


async def _full(queue: AfterAck, gate: asyncio.Event) -> None:
    async def blocked() -> None:
        await gate.wait()

    await queue.start()
    await queue.submit("running", blocked)
    await asyncio.sleep(0)  # the one worker takes it
    for number in range(queue.capacity):
        await queue.submit(f"queued {number}", blocked)


async def test_room_at_once_when_the_queue_has_room() -> None:
    queue = AfterAck(workers=1, depth=2)
    await queue.start()
    assert queue.has_room() and await queue.room(0.0)
    await queue.drain()


async def test_a_full_queue_is_refused_after_the_wait_and_counted() -> None:
    queue, gate = AfterAck(workers=1, depth=2), asyncio.Event()
    await _full(queue, gate)
    assert not queue.has_room()
    started = asyncio.get_running_loop().time()
    assert not await queue.room(0.05)
    assert asyncio.get_running_loop().time() - started >= 0.05
    assert queue.report().refused == 1 and queue.report().as_dict()["refused"] == 1
    gate.set()
    await queue.drain()


async def test_a_waiting_request_goes_on_as_soon_as_a_job_leaves() -> None:
    queue, gate = AfterAck(workers=1, depth=2), asyncio.Event()
    await _full(queue, gate)
    waiting = asyncio.create_task(queue.room(5.0))
    await asyncio.sleep(0.01)
    assert not waiting.done()
    gate.set()  # the worker takes the next job: room for one
    assert await asyncio.wait_for(waiting, 1.0)
    assert queue.report().refused == 0
    await queue.drain()


async def test_listeners_waiting_to_queue_count_as_taken_room() -> None:
    """The room a job leaves goes to the listener already waiting to queue one, not to a new
    request."""
    queue, first, rest = AfterAck(workers=1, depth=2), asyncio.Event(), asyncio.Event()

    async def running() -> None:
        await first.wait()

    async def queued() -> None:
        await rest.wait()

    await queue.start()
    await queue.submit("running", running)
    await asyncio.sleep(0)
    await queue.submit("queued 1", queued)
    await queue.submit("queued 2", queued)
    waiting_listener = asyncio.create_task(queue.submit("queued 3", queued))
    await asyncio.sleep(0.01)
    new_request = asyncio.create_task(queue.room(0.2))
    await asyncio.sleep(0.01)
    first.set()  # one job leaves the queue: its place is the waiting listener's
    assert not await new_request
    await waiting_listener
    rest.set()
    await queue.drain()
