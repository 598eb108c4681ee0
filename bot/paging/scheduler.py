"""The scheduler: stale-ticket reminders and emergency paging, safe across restarts and replicas.

Every replica runs an in-memory APScheduler ``AsyncIOScheduler`` (started inside the running
event loop) with one interval job, the *tick* (services file ``scheduler.tick``). Nothing lives
in the scheduler itself: every due time is in MongoDB, so a restart loses nothing, and the first
tick, run at start, catches up with whatever fell due meanwhile (once, not once per missed tick).

A tick:
1. finds the tickets whose ``next_ping_at`` has passed (one range scan of an index);
2. for each, plans what is owed (``bot/due_work.py``) and *claims* the ticket with one
   conditional update through ``Helpdesk.apply_change``: it applies only if ``next_ping_at`` is
   still the due time read, so of two replicas reading the same ticket exactly one wins. The
   same update advances the ticket's state (next reminder, paging level), appends a history
   entry, and stores the planned messages on the ticket (a *hand-over*) while ``next_ping_at``
   holds a short lease;
3. queues the hand-over's messages in the outbox (ids derived from the hand-over, so queuing
   twice adds nothing), then releases the lease by setting the real next due time. A replica
   that dies between 2 and 3 leaves the lease to expire; the next tick, on any replica, finds
   the hand-over and queues it: nothing lost, nothing doubled;
4. delivers the outbox items due (``bot/deliveries.py``), each claimed before it is sent.

Cadences: a late ticket's owner is reminded when its response (then resolution) target passes,
then every ``remind_every`` of its priority (default: its response target — P1 every 15 min, P2
every hour, P3 every 4 h, P4 every day, P5 every 2 days), on a grid anchored at the due time, so
ticks never drift it. Paging follows ``bot/paging.py``.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.domain.clock import Clock
from bot.domain.config import ServicesConfig
from bot.domain.errors import StoreUnavailable
from bot.domain.models import Handover, Ticket
from bot.outbox.deliveries import Deliveries, DeliveryReport
from bot.paging.due_work import plan
from bot.tickets.desk import Helpdesk

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=1)  # a hand-over not finished by then is taken over by a later tick
BATCH = 500  # due tickets handled per tick at most; the rest wait for the next tick
JOB_ID = "guichet-tick"
CRON_GRACE = timedelta(hours=1)  # a timed job that could not start on time runs this late at most
Job = Callable[[], Awaitable[None]]


@dataclass
class TickReport:
    due: int = 0  # tickets found due
    claimed: int = 0  # tickets this replica worked on
    skipped: int = 0  # tickets another replica (or a person) changed first
    queued: int = 0  # messages added to the outbox
    deliveries: DeliveryReport = field(default_factory=DeliveryReport)


TickObserver = Callable[[TickReport, datetime, float], Awaitable[None]]
"""Told after every tick: what it did, the time it ran for, and how long it took (seconds)."""


class Scheduler:
    def __init__(
        self,
        helpdesk: Helpdesk,
        deliveries: Deliveries,
        config: ServicesConfig,
        clock: Clock,
        batch: int = BATCH,
        observer: TickObserver | None = None,
        sweeps: Sequence[Callable[[datetime], Awaitable[None]]] = (),
    ) -> None:
        """``sweeps`` are run each tick before the outbox is delivered (work other features
        left owed, such as a fan-out cut short)."""
        self.helpdesk = helpdesk
        self.observer = observer
        self.sweeps = list(sweeps)
        self.tickets = helpdesk.tickets
        self.deliveries = deliveries
        self.config = config
        self.clock = clock
        self.batch = batch
        self._lock = asyncio.Lock()
        self._apscheduler: AsyncIOScheduler | None = None
        self._stopping = False
        self._timed_jobs: dict[str, tuple[BaseTrigger, Job]] = {}

    # --- running ------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._apscheduler is not None and self._apscheduler.running

    def start(self) -> None:
        """Tick now, then every ``scheduler.tick``. Call inside the running event loop."""
        if self.running:
            return
        apscheduler = AsyncIOScheduler(timezone=UTC)
        apscheduler.add_job(
            self._scheduled_tick,
            IntervalTrigger(seconds=self.config.scheduler.tick.total_seconds()),
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
        self._stopping = False

    def add_timed_job(self, job_id: str, trigger: BaseTrigger, job: Job) -> None:
        """Also run ``job`` on ``trigger`` (e.g. the weekly digest's ``CronTrigger``) while
        the scheduler runs. Like the tick, such a job must be safe on every replica at once."""
        self._timed_jobs[job_id] = (trigger, job)
        if self._apscheduler is not None:
            self._add_timed(self._apscheduler, job_id, trigger, job)

    def next_run(self, job_id: str) -> datetime | None:
        """When the job ``job_id`` runs next (``None``: not scheduled, or not running)."""
        job = self._apscheduler.get_job(job_id) if self._apscheduler is not None else None
        return job.next_run_time if job is not None else None

    def run_later(self, job: Job, delay: timedelta) -> None:
        """Run ``job`` once, ``delay`` from now (a retry), if the scheduler is running."""
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

    async def stop(self) -> None:
        """Stop ticking, letting a tick in progress finish (one cut short would be safe too:
        what it claimed is taken over by a later tick, here or on another replica)."""
        apscheduler, self._apscheduler = self._apscheduler, None
        if apscheduler is None or not apscheduler.running:
            return
        self._stopping = True
        apscheduler.pause()
        async with self._lock:
            apscheduler.shutdown(wait=False)  # cancels the wake-ups still waiting for the lock

    def wake(self) -> None:
        """Tick as soon as possible (a new emergency pages at once, not at the next tick)."""
        if self._apscheduler is not None and self._apscheduler.running:
            self._apscheduler.add_job(self._scheduled_tick, misfire_grace_time=None)

    def wake_at(self, moment: datetime) -> None:
        """Tick at ``moment`` (of the injected clock) as well: when a rate limit ends."""
        if self._apscheduler is None or not self._apscheduler.running:
            return
        delay = max(0.0, (moment - self.clock.now()).total_seconds())
        self._apscheduler.add_job(
            self._scheduled_tick,
            DateTrigger(run_date=datetime.now(UTC) + timedelta(seconds=delay)),
            misfire_grace_time=None,
        )

    async def _scheduled_tick(self) -> None:
        try:
            report = await self.tick()
        except asyncio.CancelledError:
            if self._stopping:  # a wake-up cancelled by stop(): nothing was claimed yet
                return
            raise
        except StoreUnavailable as error:
            log.warning("scheduler tick skipped: the database is not answering (%s)", error)
            return
        except Exception:
            log.exception("scheduler tick failed")
            return
        if report.claimed or report.deliveries.sent or report.deliveries.failed:
            log.info("scheduler tick: %s", report)

    # --- one tick -------------------------------------------------------------------------------
    async def tick(self) -> TickReport:
        """Do what is due now. Ticks of one replica never overlap; replicas may."""
        async with self._lock:
            now = self.clock.now()
            started = time.perf_counter()
            report = TickReport()
            for ticket in await self.tickets.due(now, self.batch):
                report.due += 1
                try:
                    await self._work_on(ticket, now, report)
                except StoreUnavailable:
                    raise
                except Exception:  # one bad ticket must not hold up the others
                    log.exception("scheduler: could not handle %s", ticket.id)
            for sweep in self.sweeps:
                try:
                    await sweep(now)
                except StoreUnavailable:
                    raise
                except Exception:
                    log.exception("scheduler: a sweep failed")
            report.deliveries = await self.deliveries.deliver_due(now)
            if self.observer is not None:
                await self.observer(report, now, time.perf_counter() - started)
            return report

    async def _work_on(self, ticket: Ticket, now: datetime, report: TickReport) -> None:
        due = ticket.next_ping_at
        if due is None:
            return
        lease = now + LEASE
        if ticket.handover is not None:
            # A tick claimed this ticket but did not finish queuing its messages (it died, or
            # is still at it and its lease ran out): take the hand-over over.
            if not await self.tickets.extend_lease(ticket.id, due, lease):
                report.skipped += 1
                return
            handover = ticket.handover
            log.warning("taking over the unfinished hand-over of %s", ticket.id)
        else:
            owed = plan(ticket, now, self.config)
            if not owed.messages:
                await self.tickets.reschedule(ticket.id, due, owed.changes, owed.next_ping_at)
                return
            handover = Handover(uuid.uuid4().hex, owed.messages, owed.next_ping_at)
            claimed = await self.helpdesk.apply_change(
                ticket,
                owed.history_entry(ticket.id, now, self._channel_of(ticket)),
                {**owed.changes, "next_ping_at": lease, "handover": handover},
                expect={"next_ping_at": due, "handover": None},
            )
            if claimed is None:
                report.skipped += 1
                return
        report.claimed += 1
        report.queued += await self.deliveries.queue(handover, now)
        await self.tickets.finish_handover(ticket.id, handover.token, lease, handover.next_ping_at)

    def _channel_of(self, ticket: Ticket) -> str:
        if ticket.message is not None:
            return ticket.message.channel
        service = self.config.services.get(ticket.service)
        return service.channel if service else ticket.service
