"""The composition root: reads the settings, wires storage, the use cases and the Slack
handlers together, and serves HTTP. ``python -m bot``; ``python -m bot --sandbox`` serves the
same bot with the Slack emulator and its web page instead of Slack (see ``sandbox/``)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.acknowledge import Acknowledgements
from bot.changes import ChangeAnnouncer
from bot.classifier import Classifier
from bot.clock import Clock, SystemClock
from bot.config import ServicesConfig, load_services_config
from bot.conversation import Conversation
from bot.deliveries import Deliveries
from bot.errors import ConfigError
from bot.fanout import FanOut, fanout_hook
from bot.follow_up import RequesterFollowUp
from bot.helpdesk import Helpdesk
from bot.home import Home
from bot.linking import Links
from bot.message_filing import MessageFiling
from bot.pacing import Pacer
from bot.problem_notices import ProblemNotices
from bot.problems import ProblemDesk
from bot.recurring import Recurring
from bot.schedule import schedule_hook
from bot.scheduler import Scheduler
from bot.settings import Settings, load_settings
from bot.storm import Storm
from bot.work import TicketWork
from handlers import register_listeners
from handlers.context import HandlerContext
from handlers.locale import LocaleResolver
from handlers.messenger import SlackMessenger
from handlers.notifier import SlackDirectory, SlackNotifier
from handlers.problem_board import SlackProblemBoard
from handlers.relay import SlackRelay
from storage.client import Database, connect
from storage.outbox import OutboxRepository
from storage.problem_tickets import ProblemTickets
from storage.suggestions import SuggestionRepository
from storage.tickets import TicketRepository

log = logging.getLogger("guichet")

EVENTS_PATH = "/slack/events"


@dataclass
class Guichet:
    """The running bot: its Bolt app, its HTTP app and what they share."""

    bolt: AsyncApp
    web: web.Application
    helpdesk: Helpdesk
    scheduler: Scheduler
    database: Database
    after_clock_advance: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    """Run by the sandbox each time it moves the injected clock (``python -m bot --sandbox``,
    "+15 min"): whatever must notice that time passed, such as the scheduler's tick."""


def build(
    settings: Settings,
    config: ServicesConfig,
    database: Database,
    clock: Clock | None = None,
) -> Guichet:
    """Wire everything; no I/O happens until the web app starts (which starts the scheduler)."""
    client = AsyncWebClient(
        token=settings.slack_bot_token.get_secret_value(), base_url=settings.slack_api_url
    )
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
    client.retry_handlers.append(AsyncServerErrorRetryHandler(max_retry_count=1))
    # What the outbox sends in bulk: a rate limit comes back at once and waits in the outbox
    # (``bot/deliveries.py``) rather than in a sleeping retry.
    bulk_client = AsyncWebClient(
        token=settings.slack_bot_token.get_secret_value(), base_url=settings.slack_api_url
    )
    bulk_client.retry_handlers.append(AsyncServerErrorRetryHandler(max_retry_count=1))
    bolt = AsyncApp(
        client=client,
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        ignoring_self_events_enabled=True,
    )
    tickets = TicketRepository(database)
    outbox = OutboxRepository(database)
    problem_tickets = ProblemTickets(database)
    suggestions = SuggestionRepository(database)
    clock = clock or SystemClock()
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
    )
    locales = LocaleResolver(client, default=config.language)
    messenger = SlackMessenger(client, config, locales)
    pacer = Pacer.for_tick(config.problems.notices_per_minute, config.scheduler.tick)
    deliveries = Deliveries(outbox, tickets, messenger, pacer=pacer)
    board = SlackProblemBoard(client, bulk_client, config)
    notices = ProblemNotices(helpdesk, problem_tickets, suggestions, outbox, deliveries, board)
    links = Links(helpdesk)
    recurring = Recurring(helpdesk, problem_tickets, suggestions, board, notices)
    helpdesk.triage = Storm(helpdesk, problem_tickets, links, recurring, notices)
    fanout = FanOut(helpdesk, problem_tickets, links, notices)
    scheduler = Scheduler(helpdesk, deliveries, config, clock, sweeps=[fanout.sweep])
    deliveries.resume = scheduler.wake_at
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
        problems=ProblemDesk(helpdesk, problem_tickets, suggestions, links, board, notices),
    )
    register_listeners(bolt, context)

    app = bolt.web_app(path=EVENTS_PATH)

    async def healthz(_: web.Request) -> web.Response:
        up = await database.ping()
        body = {"status": "ok" if up else "degraded", "database": "up" if up else "down"}
        body["store"] = "mongodb" if database.persistent else "in-memory"
        return web.json_response(body, status=200 if up else 503)

    async def on_startup(_: web.Application) -> None:
        try:
            await tickets.create_indexes()
            await outbox.create_indexes()
            await problem_tickets.create_indexes()
            await suggestions.create_indexes()
        except Exception:  # the database may come back later; /healthz reports it meanwhile
            log.exception("could not create indexes at start-up")
        scheduler.start()

    async def on_cleanup(_: web.Application) -> None:
        await scheduler.stop()
        database.close()

    app.router.add_get("/healthz", healthz)
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return Guichet(bolt=bolt, web=app, helpdesk=helpdesk, scheduler=scheduler, database=database)


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
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
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
    log.info("Guichet listening on port %s (%s)", settings.port, EVENTS_PATH)
    web.run_app(guichet.web, port=settings.port, print=None)
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
