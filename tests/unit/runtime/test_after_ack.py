"""The queue of work after the ack: a fixed number of workers, bounded, drained on shutdown,
its depth and waits reported; one failing job does not stop the others."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from bot.runtime.after_ack import AfterAck
from bot.telemetry.metrics import Metrics


async def test_at_most_the_workers_run_at_once_and_everything_runs() -> None:
    queue = AfterAck(Metrics(), workers=3, depth=100)
    await queue.start()
    running, most, done = 0, 0, []
    gate = asyncio.Event()

    def job(number: int) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            nonlocal running, most
            running += 1
            most = max(most, running)
            await gate.wait()
            running -= 1
            done.append(number)

        return run

    for number in range(20):
        await queue.submit(f"job {number}", job(number))
    await asyncio.sleep(0.01)
    report = queue.report()
    assert (report.running, report.depth) == (3, 17)  # three at work, the others wait
    gate.set()
    await queue.drain()
    assert most == 3 and sorted(done) == list(range(20))
    assert queue.report().done == 20 and queue.report().recent_wait_ms_max > 0


async def test_a_full_queue_makes_the_submitter_wait_not_fail() -> None:
    queue = AfterAck(workers=1, depth=2)
    await queue.start()
    gate = asyncio.Event()
    done = []

    async def blocked() -> None:
        await gate.wait()
        done.append("blocked")

    async def quick() -> None:
        done.append("quick")

    await queue.submit("blocked", blocked)
    await asyncio.sleep(0)  # the worker takes it
    await queue.submit("a", quick)
    await queue.submit("b", quick)
    third = asyncio.create_task(queue.submit("c", quick))
    await asyncio.sleep(0.01)
    assert not third.done()  # no room: the (already acked) listener waits its turn
    gate.set()
    await third
    await queue.drain()
    assert done == ["blocked", "quick", "quick", "quick"]


async def test_a_failing_job_is_logged_and_the_worker_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    queue = AfterAck(workers=1)
    await queue.start()
    done = []

    async def fails() -> None:
        raise RuntimeError("boom")

    async def works() -> None:
        done.append(True)

    await queue.submit("announce INC-1", fails)
    await queue.submit("announce INC-2", works)
    await queue.drain()
    assert done == [True]
    assert "work after the ack failed: announce INC-1" in caplog.text


async def test_before_the_workers_start_a_job_runs_at_once() -> None:
    queue = AfterAck()
    done = []

    async def job() -> None:
        done.append(True)

    await queue.submit("job", job)
    assert done == [True] and not queue.started


async def test_depth_and_waits_are_metrics() -> None:
    metrics = Metrics()
    queue = AfterAck(metrics, workers=1)
    await queue.start()

    async def job() -> None:
        await asyncio.sleep(0.001)

    for _ in range(5):
        await queue.submit("job", job)
    await queue.drain()
    text = metrics.exposition()[0].decode()
    assert "guichet_after_ack_queue_depth 0.0" in text
    assert "guichet_after_ack_wait_seconds_count 5.0" in text
