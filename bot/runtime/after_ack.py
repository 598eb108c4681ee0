"""The work done after Slack's ack (announcing a filed ticket, republishing a Home tab...):
a bounded queue and a fixed number of workers, on the same event loop as the acks.

Why: each request's follow-up used to run as its own task, as many at once as requests came;
a burst of a thousand filings then shared the loop with the acks of the people who came next,
and their forms opened late. Here at most ``workers`` jobs run at once; the others wait their
turn in the queue (the listener that queued one is done: it acked already), and a job starts
only when the loop has a moment to spare (requests first). When the queue is
full, the listener that wants to queue waits for room — it has acked, so nobody's form waits.

Back-pressure: a listener waiting for room holds its whole request, and under a flood they
pile up by thousands (hundreds of MB). So a request is let in only when the queue has room
(``room``: it waits for it, a bounded time, before Bolt sees the request); what is still refused
is answered so that Slack or the person tries again (``handlers/transport/back_pressure.py``).

Nothing queued is lost on a clean shutdown: ``drain`` waits for the queue to empty before the
database closes. What a crash could lose is in the database already: a filed ticket keeps its
"to announce" mark until announced, and the scheduler announces the ones left behind
(``bot/filing/unannounced.py``); messages go through the stored outbox.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.telemetry.metrics import Metrics

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[Any]]
WORKERS = 2
"""Measured under bench/load.py's burst (p99 of the acks while 1,000 filings' work drains):
4 workers 129-173 ms, 2 workers 54-68 ms, 1 worker 71-96 ms: each running job puts its share
of CPU between a request and its ack; two still overlap one job's wait on Slack."""
DEPTH = 2000
DRAIN_SECONDS = 30.0
BUSY_SECONDS = 0.002  # one turn of the loop taking longer than this: requests are waiting
PAUSE_SECONDS = 0.005
MAX_PAUSE_SECONDS = 0.25  # a job waits this long at most for the loop to calm down
RECENT = 256  # waits kept for the health report
ROOM_SECONDS = 2.0
"""How long a request waits for room in a full queue before it is refused: Slack waits 3 s for
the ack, and the listener needs the rest."""


@dataclass(frozen=True)
class QueueReport:
    """What ``/healthz`` says of the queue."""

    depth: int
    running: int
    workers: int
    capacity: int
    recent_wait_ms_max: float
    done: int
    refused: int = 0  # requests turned away: no room within ROOM_SECONDS

    def as_dict(self) -> dict[str, Any]:
        return {
            "depth": self.depth,
            "running": self.running,
            "workers": self.workers,
            "capacity": self.capacity,
            "recent_wait_ms_max": self.recent_wait_ms_max,
            "done": self.done,
            "refused": self.refused,
        }


class AfterAck:
    def __init__(
        self, metrics: Metrics | None = None, workers: int = WORKERS, depth: int = DEPTH
    ) -> None:
        self.metrics = metrics
        self.workers = workers
        self.capacity = depth
        self._queue: asyncio.Queue[tuple[str, Job, float]] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._running = 0
        self._done = 0
        self._waits: deque[float] = deque(maxlen=RECENT)
        self._holders: weakref.WeakSet[asyncio.Task[Any]] = weakref.WeakSet()
        self._waiting = 0  # listeners blocked in ``submit`` for room
        self._refused = 0
        self._freed: asyncio.Event | None = None  # set (and replaced) when a job leaves the queue

    @property
    def started(self) -> bool:
        return bool(self._tasks)

    async def start(self, _: object = None) -> None:
        """Start the workers (in the running loop: aiohttp's ``on_startup``)."""
        if self._tasks:
            return
        self._queue = asyncio.Queue(self.capacity)
        self._tasks = [asyncio.create_task(self._work()) for _ in range(self.workers)]

    async def submit(self, name: str, job: Job) -> None:
        """Queue ``job`` (``name`` says what it is, in logs); run it at once when the workers
        are not started (a use case called outside the web app)."""
        if self._queue is None:
            await self._run(name, job)
            return
        self._waiting += 1
        try:
            await self._queue.put((name, job, time.perf_counter()))
        finally:
            self._waiting -= 1
        self._gauge()

    def has_room(self) -> bool:
        """Whether one more job fits, counting the listeners already waiting to queue one."""
        queue = self._queue
        return queue is None or queue.qsize() + self._waiting < self.capacity

    async def room(self, seconds: float | None = None) -> bool:
        """Wait (up to ``seconds``, default ``ROOM_SECONDS``) until ``has_room``; ``False``:
        still full, the request is to be refused (counted in the report)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (ROOM_SECONDS if seconds is None else seconds)
        while not self.has_room():
            left = deadline - loop.time()
            if left <= 0:
                self._refused += 1
                return False
            if self._freed is None:
                self._freed = asyncio.Event()
            try:
                await asyncio.wait_for(self._freed.wait(), left)
            except TimeoutError:
                continue
        return True

    async def turn(self, name: str) -> None:
        """Wait for a worker, then let the calling task (a listener that has acked) hold it
        until that task ends: the rest of a listener is work after the ack like any job, in
        the same queue, without being cut into a closure. A task holds one turn at most; with
        no workers started (outside the web app) it goes on at once."""
        task = asyncio.current_task()
        if self._queue is None or task is None or task in self._holders:
            return
        self._holders.add(task)
        loop = asyncio.get_running_loop()
        started = loop.create_future()

        async def hold() -> None:
            if not started.done():
                started.set_result(None)
            # until the task ends, however it ends (what ``asyncio.wait({task})`` gives, for a
            # third of its cost: no set, no waiter per call, no callbacks to remove)
            ended: asyncio.Future[None] = loop.create_future()

            def end(_: object) -> None:
                if not ended.done():
                    ended.set_result(None)

            task.add_done_callback(end)
            await ended

        await self.submit(name, hold)
        await started

    async def drain(self, _: object = None) -> None:
        """Wait (up to ``DRAIN_SECONDS``) for every queued job to finish, then stop the
        workers: a clean shutdown loses nothing."""
        if self._queue is None:
            return
        try:
            await asyncio.wait_for(self._queue.join(), DRAIN_SECONDS)
        except TimeoutError:  # what is left keeps its "to announce" mark
            log.error("%d jobs still queued at shutdown", self._queue.qsize())
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        self._queue = None

    def report(self) -> QueueReport:
        return QueueReport(
            depth=self._queue.qsize() if self._queue else 0,
            running=self._running,
            workers=self.workers,
            capacity=self.capacity,
            recent_wait_ms_max=round(max(self._waits, default=0.0) * 1000, 1),
            done=self._done,
            refused=self._refused,
        )

    async def _work(self) -> None:
        assert self._queue is not None
        queue = self._queue
        while True:
            name, job, queued = await queue.get()
            if self._freed is not None:  # wake whoever waits for room, once per job taken
                self._freed.set()
                self._freed = None
            await _let_requests_pass()
            waited = time.perf_counter() - queued
            self._waits.append(waited)
            if self.metrics is not None:
                self.metrics.after_ack_wait_seconds.observe(waited)
            self._gauge()
            try:
                await self._run(name, job)
            finally:
                queue.task_done()

    async def _run(self, name: str, job: Job) -> None:
        self._running += 1
        try:
            await job()
        except Exception:  # one job's failure is logged; the worker goes on
            log.exception("work after the ack failed: %s", name)
        finally:
            self._running -= 1
            self._done += 1

    def _gauge(self) -> None:
        if self.metrics is not None and self._queue is not None:
            self.metrics.after_ack_depth.set(self._queue.qsize())


async def _let_requests_pass() -> None:
    """Before a job starts: while one turn of the event loop is slow (requests being read and
    acked), wait a little, up to ``MAX_PAUSE_SECONDS``. The acks come first; the work after
    them takes the loop's spare time."""
    paused = 0.0
    while paused < MAX_PAUSE_SECONDS:
        started = time.perf_counter()
        await asyncio.sleep(0)
        if time.perf_counter() - started < BUSY_SECONDS:
            return
        await asyncio.sleep(PAUSE_SECONDS)
        paused += PAUSE_SECONDS
