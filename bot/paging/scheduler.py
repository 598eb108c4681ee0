"""The scheduler: stale-ticket reminders and emergency paging, safe across restarts and replicas.

Every replica runs an in-memory APScheduler ``AsyncIOScheduler`` (started inside the running
event loop) with one interval job, the *tick* (services file ``scheduler.tick``). Nothing lives
in the scheduler itself: every due time is in MongoDB, so a restart loses nothing, and the first
tick, run at start, catches up with whatever fell due meanwhile (once, not once per missed tick).

A tick:
1. finds the tickets whose ``next_ping_at`` has passed (one range scan of an index);
2. for each, plans what is owed (``bot/due_work.py``) and *claims* the ticket with one
   conditional update through ``TicketDesk.apply_change``: it applies only if ``next_ping_at`` is
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
from datetime import datetime, timedelta

from bot.domain.clock import Clock
from bot.domain.config import ServicesConfig
from bot.domain.due_work import plan
from bot.domain.errors import StoreRejected, StoreUnavailable
from bot.domain.models import Handover, OutgoingKind, Ticket
from bot.outbox.deliveries import Deliveries, DeliveryReport
from bot.paging.ports import PagedHomes, TickTimer
from bot.telemetry.isolation import isolated
from bot.tickets.desk import TicketDesk

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=1)  # a hand-over not finished by then is taken over by a later tick
BATCH = 500  # due tickets handled per tick at most; the rest wait for the next tick


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
        desk: TicketDesk,
        deliveries: Deliveries,
        config: ServicesConfig,
        clock: Clock,
        timer: TickTimer,
        batch: int = BATCH,
        observer: TickObserver | None = None,
        sweeps: Sequence[Callable[[datetime], Awaitable[None]]] = (),
        homes: PagedHomes | None = None,
    ) -> None:
        """``sweeps`` are run each tick before the outbox is delivered (work other features
        left owed, such as a fan-out cut short); ``homes``: the Home tabs of the people an
        emergency pages, published again at their first page of it (it shows there)."""
        self.desk = desk
        self.homes = homes
        self.observer = observer
        self.sweeps = list(sweeps)
        self.tickets = desk.tickets
        self.deliveries = deliveries
        self.config = config
        self.clock = clock
        self.batch = batch
        self.timer = timer
        self._lock = asyncio.Lock()
        self._stopping = False

    # --- running ------------------------------------------------------------------------------
    def start(self) -> None:
        """Tick now, then every ``scheduler.tick``. Call inside the running event loop."""
        self._stopping = False
        self.timer.start(self._scheduled_tick)

    def next_run(self, job_id: str) -> datetime | None:
        """When the timed job ``job_id`` runs next (``None``: not scheduled, or not running)."""
        return self.timer.next_run(job_id)

    async def stop(self) -> None:
        """Stop ticking, letting a tick in progress finish (one cut short would be safe too:
        what it claimed is taken over by a later tick, here or on another replica)."""
        self._stopping = True
        await self.timer.stop(self._lock)

    async def _scheduled_tick(self) -> None:
        try:
            report = await self.tick()
        except asyncio.CancelledError:
            if self._stopping:  # a wake-up cancelled by stop(): nothing was claimed yet
                return
            raise
        except StoreRejected as refused:  # answered, and refused: not "not answering"
            log.error(
                "scheduler tick stopped: the database refused one of its reads or writes (%s);"
                " the next tick meets the same refusal until what it refused is mended",
                " ".join(str(refused).split()),
            )
            return
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
            due: list[Ticket] = []
            with isolated(log, "scheduler: could not read the due tickets"):
                due = await self.tickets.due(now, self.batch)  # refused: the sweeps still run
            for ticket in due:
                report.due += 1
                with isolated(
                    log, "scheduler: could not handle %s", ticket.id, ticket_id=ticket.id
                ):
                    await self._work_on(ticket, now, report)
            for sweep in self.sweeps:
                with isolated(log, "scheduler: a sweep failed"):
                    await sweep(now)
            with isolated(log, "scheduler: could not deliver the outbox"):
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
            paging = ticket.paging
            pages = paging is not None and paging.next_at is not None and paging.next_at <= now
            # the members of the on-call levels' user groups, read only when pages are due
            members = await self.desk.directory.oncall_members(ticket.service) if pages else None
            owed = plan(ticket, now, self.config, members)
            if not owed.messages:
                await self.tickets.reschedule(ticket.id, due, owed.changes, owed.next_ping_at)
                return
            handover = Handover(uuid.uuid4().hex, owed.messages, owed.next_ping_at)
            stored = await self.desk.apply_change(
                ticket,
                owed.history_entry(ticket.id, now, self._channel_of(ticket)),
                {**owed.changes, "next_ping_at": lease, "handover": handover},
                expect={"next_ping_at": due, "handover": None},
            )
            if stored is None:
                report.skipped += 1
                return
        report.claimed += 1
        report.queued += await self.deliveries.queue(handover, now)
        await self.tickets.finish_handover(ticket.id, handover.token, lease, handover.next_ping_at)
        await self._show_first_pages(handover)

    async def _show_first_pages(self, handover: Handover) -> None:
        """The Home tab of each person an emergency pages for the first time (its first round,
        an escalation reaching them, or the new team of an emergency moved while paging) is
        published again, the page at its top with Acknowledge, without waiting for them to
        reopen it; once each (their re-pages leave it as shown), as the tabs are published
        without it when the paging ends (``bot/paging/pages_ended.py``). A person's count
        (``number``) starts again with a moved emergency's new team."""
        if self.homes is None:
            return
        first = [
            message.recipient
            for message in handover.messages
            if message.kind is OutgoingKind.PAGE and message.recipient and message.number == 1
        ]
        if first:
            await self.homes.refresh(first)

    def _channel_of(self, ticket: Ticket) -> str:
        if ticket.message is not None:
            return ticket.message.channel
        service = self.config.services.get(ticket.service)
        return service.channel if service else ticket.service
