"""The composition root: reads the settings, wires storage, the use cases, the scheduler and the
Slack handlers together, and serves HTTP (Slack's requests, or Socket Mode when
``SLACK_APP_TOKEN`` is set; ``/healthz`` and ``/metrics`` in both modes). ``python -m bot``;
``python -m bot --sandbox`` serves the same bot with the Slack emulator and its web page instead
of Slack (see ``sandbox/``)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from aiohttp import web
from slack_bolt.async_app import AsyncApp

from bot.app.endpoints import add_operations_routes
from bot.app.health import HealthState
from bot.app.retry import RetryInBackground
from bot.app.settings import Settings, load_settings
from bot.conversation.relay import Conversation
from bot.domain.clock import Clock, SystemClock
from bot.domain.config import ServicesConfig, load_services_config
from bot.domain.due_times import schedule_hook
from bot.domain.errors import ConfigError
from bot.filing.classifier import Classifier
from bot.filing.from_message import MessageFiling
from bot.home.snapshot import Home
from bot.outbox.deliveries import Deliveries
from bot.outbox.pacing import Pacer
from bot.paging.acknowledge import Acknowledgements
from bot.paging.scheduler import Scheduler, TickReport
from bot.problems.desk import ProblemDesk
from bot.problems.fanout import FanOut, fanout_hook
from bot.problems.linking import Links
from bot.problems.notices import ProblemNotices
from bot.problems.recurring import Recurring
from bot.problems.storm import Storm
from bot.reports.digest import DIGEST_JOB, WeeklyDigest
from bot.reports.reports import Reports
from bot.telemetry.logs import configure_logging
from bot.telemetry.metrics import Metrics
from bot.tickets.desk import Helpdesk
from bot.working.changes import ChangeAnnouncer
from bot.working.follow_up import RequesterFollowUp
from bot.working.work import TicketWork
from handlers import register_listeners
from handlers.conversation.relay import SlackRelay
from handlers.kit.context import HandlerContext
from handlers.kit.locale import LocaleResolver
from handlers.paging.messenger import SlackMessenger
from handlers.problems.board import SlackProblemBoard
from handlers.reports.uploads import SlackReportPublisher
from handlers.tickets.notifier import SlackDirectory, SlackNotifier
from handlers.transport.routes import EVENTS_PATH, slack_web_app
from handlers.transport.slack_client import SlackClient
from handlers.transport.telemetry import RequestObserver
from storage.client import Database, connect
from storage.digests import DigestClaims
from storage.outbox import OutboxRepository
from storage.problem_tickets import ProblemTickets
from storage.reports import ReportStore
from storage.suggestions import SuggestionRepository
from storage.tickets import TicketRepository

log = logging.getLogger("guichet")

INDEX_RETRY_SECONDS = 15.0


@dataclass
class Guichet:
    """The running bot: its Bolt app, its HTTP app and what they share."""

    bolt: AsyncApp
    web: web.Application
    helpdesk: Helpdesk
    scheduler: Scheduler
    database: Database
    digest: WeeklyDigest
    metrics: Metrics = field(default_factory=Metrics)
    health: HealthState | None = None  # the scheduler reports its ticks here
    indexes: RetryInBackground | None = None
    after_clock_advance: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    """Run by the sandbox each time it moves the injected clock (``python -m bot --sandbox``,
    "+15 min"): whatever must notice that time passed, such as the scheduler's tick."""


def build(
    settings: Settings,
    config: ServicesConfig,
    database: Database,
    clock: Clock | None = None,
    index_retry_seconds: float = INDEX_RETRY_SECONDS,
) -> Guichet:
    """Wire everything; no I/O happens until the web app starts (which starts the scheduler)."""
    clock = clock or SystemClock()
    metrics = Metrics()
    slack = SlackClient(settings.slack_bot_token.get_secret_value(), settings.slack_api_url)
    client = slack.client
    bulk = SlackClient(
        settings.slack_bot_token.get_secret_value(),
        settings.slack_api_url,
        retry_rate_limits=False,
    )
    bolt = AsyncApp(
        client=client,
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        ignoring_self_events_enabled=True,
        # the HTTP route checks signatures before anything is parsed (handlers/transport.py);
        # Socket Mode needs none
        request_verification_enabled=False,
    )
    tickets = TicketRepository(database)
    outbox = OutboxRepository(database)
    problem_tickets = ProblemTickets(database)
    suggestions = SuggestionRepository(database)
    classifier = Classifier(
        type_defaults=config.type_services,
        default_service=config.default_service,
        extra_keywords=config.keywords,
        services=config.services.keys(),
    )
    helpdesk = Helpdesk(
        tickets=tickets,
        classifier=classifier,
        config=config,
        clock=clock,
        notifier=SlackNotifier(client, config),
        directory=SlackDirectory(client, config),
        change_hooks=[schedule_hook(config), fanout_hook],
        wake=lambda: scheduler.wake(),
        metrics=metrics,
    )
    locales = LocaleResolver(client, default=config.language)
    messenger = SlackMessenger(client, config, locales)

    app, connection = slack_web_app(
        bolt,
        RequestObserver(metrics),
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        app_token=settings.slack_app_token.get_secret_value() if settings.slack_app_token else None,
    )
    health = HealthState(tick_interval=config.scheduler.tick, slack=connection)

    async def observe_tick(report: TickReport, at: datetime, seconds: float) -> None:
        health.scheduler_ticked(at)
        metrics.scheduler_tick_seconds.observe(seconds)
        metrics.pages_sent.inc(report.deliveries.pages)
        metrics.outbox_backlog.set(await outbox.backlog())

    pacer = Pacer.for_tick(config.problems.notices_per_minute, config.scheduler.tick)
    deliveries = Deliveries(outbox, tickets, messenger, pacer=pacer)
    board = SlackProblemBoard(client, bulk.client, config)
    notices = ProblemNotices(helpdesk, problem_tickets, suggestions, outbox, deliveries, board)
    links = Links(helpdesk)
    recurring = Recurring(helpdesk, problem_tickets, suggestions, board, notices)
    helpdesk.triage = Storm(helpdesk, problem_tickets, links, recurring, notices)
    fanout = FanOut(helpdesk, problem_tickets, links, notices)
    scheduler = Scheduler(
        helpdesk,
        deliveries,
        config,
        clock,
        sweeps=[fanout.sweep],
        observer=observe_tick,
    )
    deliveries.resume = scheduler.wake_at
    report_store = ReportStore(database)
    reports = Reports(report_store, helpdesk.directory, config, clock)
    report_files = SlackReportPublisher(client, config)
    digest = WeeklyDigest(
        reports, DigestClaims(database), report_files, config, clock, retry=scheduler.run_later
    )
    if config.digest.enabled:
        scheduler.add_timed_job(DIGEST_JOB, digest.trigger(), digest.scheduled_run)
    context = HandlerContext(
        helpdesk=helpdesk,
        locales=locales,
        config=config,
        conversation=Conversation(helpdesk, SlackRelay(client, config)),
        filing=MessageFiling(helpdesk),
        home=Home(helpdesk),
        work=TicketWork(helpdesk),
        follow_up=RequesterFollowUp(helpdesk),
        announcer=ChangeAnnouncer(helpdesk, followers=[fanout.after_change]),
        acknowledgements=Acknowledgements(helpdesk, outbox, messenger),
        reports=reports,
        report_files=report_files,
        problems=ProblemDesk(helpdesk, problem_tickets, suggestions, links, board, notices),
    )
    register_listeners(bolt, context)
    add_operations_routes(app, database, health, metrics, clock)

    async def create_indexes() -> None:
        await tickets.create_indexes()
        await outbox.create_indexes()
        await report_store.create_indexes()
        await problem_tickets.create_indexes()
        await suggestions.create_indexes()

    indexes = RetryInBackground(create_indexes, "create the indexes", index_retry_seconds)

    async def start_scheduler(_: web.Application) -> None:
        scheduler.start()

    async def stop(_: web.Application) -> None:
        await scheduler.stop()
        database.close()

    app.on_startup.insert(0, slack.open)
    app.on_startup.insert(1, bulk.open)
    app.on_startup.append(indexes.start)
    app.on_startup.append(start_scheduler)
    app.on_cleanup.append(indexes.stop)
    app.on_cleanup.append(stop)
    app.on_cleanup.append(slack.close)
    app.on_cleanup.append(bulk.close)
    return Guichet(
        bolt=bolt,
        web=app,
        helpdesk=helpdesk,
        scheduler=scheduler,
        database=database,
        digest=digest,
        metrics=metrics,
        health=health,
        indexes=indexes,
    )


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    if options.sandbox:
        from sandbox.app import run_sandbox  # the composition root is the only one wiring it

        return run_sandbox(build)
    try:
        settings = load_settings()
        config = load_services_config(settings.guichet_config)
    except ConfigError as error:
        print(f"guichet: configuration error: {error}", file=sys.stderr)
        return 2
    secrets = [settings.slack_bot_token, settings.slack_signing_secret, settings.slack_app_token]
    configure_logging(
        settings.log_level,
        settings.log_format,
        secrets=[s.get_secret_value() for s in [*secrets, settings.mongodb_uri] if s],
    )
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # not a line per tick
    uri = settings.mongodb_uri.get_secret_value() if settings.mongodb_uri else None
    database = connect(uri, settings.mongodb_db)
    if not database.persistent:
        log.warning(
            "MONGODB_URI is not set: tickets are kept IN MEMORY and nothing survives a restart. "
            "Set MONGODB_URI to a MongoDB server for real use."
        )
    guichet = build(settings, config, database)
    if settings.slack_app_token:
        log.info("Guichet on Slack through Socket Mode; /healthz on port %s", settings.port)
    else:
        log.info("Guichet listening on port %s (%s)", settings.port, EVENTS_PATH)
    web.run_app(guichet.web, port=settings.port, print=None, access_log=None)
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Guichet, a Slack helpdesk. Configured by the environment (see .env.example).",
    )
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="try it without Slack: the bot, a local Slack emulator and a web page to use it "
        "(http://127.0.0.1:PORT/sandbox, PORT defaults to 3000); tickets are kept in memory",
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
