"""The weekly digest: each service channel gets the week's figures and a chart, once.

When (services file ``digest``: ``day``, ``hour``, ``minute``, ``timezone``; Monday 09:00 UTC
by default) is an APScheduler ``CronTrigger`` that every replica runs. The digest covers the
seven full local days before the digest's day (Monday's digest: the week from Monday to Sunday
just ended). Each service's digest for a week is claimed in the database before anything is
posted (``storage/digests.py``), so however many replicas run the job, it is posted once. A
post that fails is retried a few times, 10 minutes apart, while the digest is still fresh.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from apscheduler.triggers.cron import CronTrigger

from bot.domain import stats as ticket_stats
from bot.domain.clock import Clock
from bot.domain.config import DigestConfig, ServicesConfig
from bot.domain.digests import DigestClaim
from bot.domain.errors import DeliveryFailed, StoreUnavailable
from bot.domain.models import MessageRef
from bot.governance.privacy import shown_in_channel_of
from bot.locales.i18n import iso_date, t
from bot.reports.charts import tickets_per_day_png
from bot.reports.ports import DigestPost, ReportPublisher
from bot.reports.reports import Reports
from storage.digests import DigestClaims

log = logging.getLogger(__name__)

DAYS = 7
DIGEST_JOB = "guichet-weekly-digest"
LEASE = timedelta(minutes=10)  # a replica that died holding a digest loses it after this
FRESH_FOR = timedelta(hours=6)  # a digest not posted by then (outage) is not posted late
RETRY_AFTER = timedelta(minutes=10)


def cron_trigger(config: DigestConfig) -> CronTrigger:
    return CronTrigger(
        day_of_week=config.day, hour=config.hour, minute=config.minute, timezone=config.zone
    )


def last_run(config: DigestConfig, now: datetime) -> datetime | None:
    """The latest digest time at or before ``now`` (within the last week)."""
    trigger = cron_trigger(config)
    latest: datetime | None = None
    moment = trigger.get_next_fire_time(None, now - timedelta(days=DAYS + 1))
    while moment is not None and moment <= now:
        latest = moment
        moment = trigger.get_next_fire_time(moment, moment + timedelta(seconds=1))
    return latest


@dataclass(frozen=True)
class DigestWeek:
    first_day: date  # local days, in the digest's time zone
    last_day: date
    start: datetime  # first_day 00:00 local, in UTC
    end: datetime  # the day after last_day, 00:00 local, in UTC

    @classmethod
    def before(cls, moment: datetime, config: DigestConfig) -> DigestWeek:
        """The seven full local days before the day of ``moment``."""
        zone = config.zone
        today = moment.astimezone(zone).date()
        first = today - timedelta(days=DAYS)
        return cls(
            first_day=first,
            last_day=today - timedelta(days=1),
            start=datetime.combine(first, time(), tzinfo=zone).astimezone(UTC),
            end=datetime.combine(today, time(), tzinfo=zone).astimezone(UTC),
        )


@dataclass
class DigestReport:
    posted: list[str] = field(default_factory=list)  # services
    skipped: list[str] = field(default_factory=list)  # posted (or being posted) elsewhere
    failed: list[str] = field(default_factory=list)


class WeeklyDigest:
    def __init__(
        self,
        reports: Reports,
        claims: DigestClaims,
        publisher: ReportPublisher,
        config: ServicesConfig,
        clock: Clock,
        retry: Callable[[Callable[[], Awaitable[None]], timedelta], None] | None = None,
    ) -> None:
        self.reports = reports
        self.claims = claims
        self.publisher = publisher
        self.config = config
        self.clock = clock
        self.retry = retry or (lambda job, delay: None)  # runs ``job`` again after ``delay``
        self.owner = uuid.uuid4().hex  # this replica, in the claims

    def trigger(self) -> CronTrigger:
        return cron_trigger(self.config.digest)

    async def scheduled_run(self) -> None:
        """The cron job: post what is due, and try again later when a post failed."""
        report = await self.run_due()
        if report.failed:
            self.retry(self.scheduled_run, RETRY_AFTER)

    async def run_due(self) -> DigestReport:
        """Post the digest of the latest digest time, as of the clock, in every service
        channel where nobody has yet (nothing when it is older than ``FRESH_FOR``). The cron
        job calls it (only when ``digest.enabled``); tests call it directly."""
        report = DigestReport()
        now = self.clock.now()
        moment = last_run(self.config.digest, now)
        if moment is None or now - moment > FRESH_FOR:
            return report
        week = DigestWeek.before(moment, self.config.digest)
        for service in self.config.services:
            try:
                posted = await self._post(service, week, now)
            except (DeliveryFailed, StoreUnavailable) as error:
                log.error("weekly digest of %s not posted: %s", service, error)
                report.failed.append(service)
                continue
            except Exception:  # one service's digest must not hold up the others
                log.exception("weekly digest of %s not posted", service)
                report.failed.append(service)
                continue
            (report.posted if posted else report.skipped).append(service)
        if report.posted or report.failed:
            log.info("weekly digest %s: %s", week.first_day, report)
        return report

    async def _post(self, service: str, week: DigestWeek, now: datetime) -> bool:
        key = self.claims.key(service, week.first_day.isoformat())
        claim = await self.claims.claim(key, self.owner, now, LEASE)
        if claim is None:
            return False
        try:
            digest = await self._digest(service, week, now)
            figures = claim.message
            if figures is None:
                figures = await self._figures(digest, claim)
                await self.claims.record_message(key, self.owner, figures)
            if digest.chart_png is not None and not await self._chart_shared(
                digest, claim, figures
            ):
                await self.publisher.upload_chart(digest, figures)
        except Exception as error:
            await self.claims.finish(key, self.owner, self.clock.now(), repr(error)[:500])
            raise
        await self.claims.finish(key, self.owner, self.clock.now())
        return True

    async def _figures(self, digest: DigestPost, claim: DigestClaim) -> MessageRef:
        """Post the figures; when an earlier try failed (``claim.since``), it may have posted
        them, its answer lost: they are looked for by their metadata first, and adopted."""
        if claim.since is not None:
            found = await self.publisher.find_figures(digest, claim.since)
            if found is not None:
                log.warning("digest %s found after an unanswered post: adopted", claim.key)
                return found
        return await self.publisher.post_figures(digest)

    async def _chart_shared(
        self, digest: DigestPost, claim: DigestClaim, figures: MessageRef
    ) -> bool:
        """Whether a failed earlier try shared the chart already, its answer lost."""
        if claim.since is None:
            return False
        return await self.publisher.find_chart(digest, figures, claim.since)

    async def _digest(self, service: str, week: DigestWeek, now: datetime) -> DigestPost:
        # its top problems are named in its channel: never another private service's
        shown = shown_in_channel_of(self.config, service)
        period = await self.reports.period(week.start, week.end, now, [service], shown)
        stats = period.stats
        zone = self.config.digest.zone
        days = ticket_stats.per_day(period.tickets, week.first_day, DAYS, zone)
        chart: bytes | None = None
        if stats.total:
            language = self.config.service(service).language
            title = t(
                language,
                "reports.digest.chart_title",
                service=self.config.service_name(service, language),
                first=iso_date(week.first_day),
                last=iso_date(week.last_day),
            )
            chart = await asyncio.to_thread(tickets_per_day_png, days, language, title)
        return DigestPost(service, week.first_day, week.last_day, stats, days, chart)
