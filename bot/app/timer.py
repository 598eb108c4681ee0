"""The scheduler's timer: an in-memory APScheduler ``AsyncIOScheduler`` per replica, started inside
the running event loop, with one interval job (the tick, ``bot/paging/scheduler.py``), the timed
jobs (the weekly digest's ``CronTrigger``) and one-off wake-ups. Nothing lives in it that a
restart would lose: every due time is in MongoDB, and the first tick catches up.

Built before everything that asks for a tick sooner (``wake``, ``wake_at``, ``run_later``), so
the composition root hands those out at construction; the tick itself is given at ``start``.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.domain.clock import Clock
from bot.paging.ports import Job

JOB_ID = "guichet-tick"
CRON_GRACE = timedelta(hours=1)  # a timed job that could not start on time runs this late at most


class Timer:
    def __init__(self, every: timedelta, clock: Clock) -> None:
        self.every = every
        self.clock = clock
        self._tick: Job | None = None
        self._apscheduler: AsyncIOScheduler | None = None
        self._timed_jobs: dict[str, tuple[BaseTrigger, Job]] = {}

    @property
    def running(self) -> bool:
        return self._apscheduler is not None and self._apscheduler.running

    def start(self, tick: Job) -> None:
        """Run ``tick`` now, then every ``every``. Call inside the running event loop."""
        if self.running:
            return
        self._tick = tick
        apscheduler = AsyncIOScheduler(timezone=UTC)
        apscheduler.add_job(
            tick,
            IntervalTrigger(seconds=self.every.total_seconds()),
            id=JOB_ID,
            next_run_time=datetime.now(UTC),  # catch up at once with what fell due while down
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
        for job_id, (trigger, job) in self._timed_jobs.items():
            self._add_timed(apscheduler, job_id, trigger, job)
        apscheduler.start()
        self._apscheduler = apscheduler

    def add_timed_job(self, job_id: str, trigger: BaseTrigger, job: Job) -> None:
        """Also run ``job`` on ``trigger`` (e.g. the weekly digest's ``CronTrigger``) while
        the timer runs. Like the tick, such a job must be safe on every replica at once."""
        self._timed_jobs[job_id] = (trigger, job)
        if self._apscheduler is not None:
            self._add_timed(self._apscheduler, job_id, trigger, job)

    def next_run(self, job_id: str) -> datetime | None:
        """When the job ``job_id`` runs next (``None``: not scheduled, or not running)."""
        job = self._apscheduler.get_job(job_id) if self._apscheduler is not None else None
        return job.next_run_time if job is not None else None

    def starting(self) -> bool:
        """Whether a job's time has come and it has not started yet (a wake-up asked for, the
        tick due): APScheduler starts it at its next look, as a task of its own
        (``run_coroutine_job``). What a test waits for besides the jobs running."""
        if self._apscheduler is None or not self._apscheduler.running:
            return False
        now = datetime.now(UTC)
        return any(
            job.next_run_time is not None and job.next_run_time <= now
            for job in self._apscheduler.get_jobs()
        )

    def run_later(self, job: Job, delay: timedelta) -> None:
        """Run ``job`` once, ``delay`` from now (a retry), if the timer is running."""
        if self._apscheduler is not None and self._apscheduler.running:
            run_at = datetime.now(UTC) + delay
            self._apscheduler.add_job(job, DateTrigger(run_date=run_at), misfire_grace_time=None)

    @staticmethod
    def _add_timed(
        apscheduler: AsyncIOScheduler, job_id: str, trigger: BaseTrigger, job: Job
    ) -> None:
        apscheduler.add_job(
            job,
            trigger,
            id=job_id,
            replace_existing=True,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=int(CRON_GRACE.total_seconds()),
        )

    async def stop(self, lock: asyncio.Lock) -> None:
        """Stop, letting the tick holding ``lock`` finish."""
        apscheduler, self._apscheduler = self._apscheduler, None
        if apscheduler is None or not apscheduler.running:
            return
        apscheduler.pause()
        async with lock:
            apscheduler.shutdown(wait=False)  # cancels the wake-ups still waiting for the lock

    def wake(self) -> None:
        """Tick as soon as possible (a new emergency pages at once, not at the next tick)."""
        if self._apscheduler is not None and self._apscheduler.running and self._tick:
            self._apscheduler.add_job(self._tick, misfire_grace_time=None)

    def wake_at(self, moment: datetime) -> None:
        """Tick at ``moment`` (of the injected clock) as well: when a rate limit ends."""
        if self._apscheduler is None or not self._apscheduler.running or self._tick is None:
            return
        delay = max(0.0, (moment - self.clock.now()).total_seconds())
        self._apscheduler.add_job(
            self._tick,
            DateTrigger(run_date=datetime.now(UTC) + timedelta(seconds=delay)),
            misfire_grace_time=None,
        )
