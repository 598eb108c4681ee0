"""The composition root: reads the settings, wires storage, the use cases and the Slack
handlers together, and serves HTTP (Slack's requests, or Socket Mode when ``SLACK_APP_TOKEN``
is set; ``/healthz`` and ``/metrics`` in both modes). ``python -m bot``."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field

from aiohttp import web
from slack_bolt.async_app import AsyncApp

from bot.classifier import Classifier
from bot.clock import Clock, SystemClock
from bot.config import ServicesConfig, load_services_config
from bot.endpoints import add_operations_routes
from bot.errors import ConfigError
from bot.health import HealthState
from bot.helpdesk import Helpdesk
from bot.logs import configure_logging
from bot.metrics import Metrics
from bot.retry import RetryInBackground
from bot.settings import Settings, load_settings
from handlers import register_listeners
from handlers.context import HandlerContext
from handlers.locale import LocaleResolver
from handlers.notifier import SlackDirectory, SlackNotifier
from handlers.slack_client import SlackClient
from handlers.telemetry import RequestObserver
from handlers.transport import EVENTS_PATH, slack_web_app
from storage.client import Database, connect
from storage.tickets import TicketRepository

log = logging.getLogger("guichet")

INDEX_RETRY_SECONDS = 15.0


@dataclass
class Guichet:
    """The running bot: its Bolt app, its HTTP app and what they share."""

    bolt: AsyncApp
    web: web.Application
    helpdesk: Helpdesk
    database: Database
    metrics: Metrics = field(default_factory=Metrics)
    health: HealthState | None = None  # the scheduler reports its ticks here
    indexes: RetryInBackground | None = None


def build(
    settings: Settings,
    config: ServicesConfig,
    database: Database,
    clock: Clock | None = None,
    index_retry_seconds: float = INDEX_RETRY_SECONDS,
) -> Guichet:
    """Wire everything; no I/O happens until the web app starts."""
    clock = clock or SystemClock()
    metrics = Metrics()
    slack = SlackClient(settings.slack_bot_token.get_secret_value(), settings.slack_api_url)
    client = slack.client
    bolt = AsyncApp(
        client=client,
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        ignoring_self_events_enabled=True,
        # the HTTP route checks signatures before anything is parsed (handlers/transport.py);
        # Socket Mode needs none
        request_verification_enabled=False,
    )
    tickets = TicketRepository(database)
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
        metrics=metrics,
    )
    locales = LocaleResolver(client, default=config.language)
    register_listeners(bolt, HandlerContext(helpdesk=helpdesk, locales=locales, config=config))

    app, connection = slack_web_app(
        bolt,
        RequestObserver(metrics),
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        app_token=settings.slack_app_token.get_secret_value() if settings.slack_app_token else None,
    )
    health = HealthState(tick_interval=config.scheduler.tick, slack=connection)
    add_operations_routes(app, database, health, metrics, clock)
    indexes = RetryInBackground(tickets.create_indexes, "create the indexes", index_retry_seconds)

    async def on_cleanup(_: web.Application) -> None:
        database.close()

    app.on_startup.insert(0, slack.open)
    app.on_startup.append(indexes.start)
    app.on_cleanup.append(indexes.stop)
    app.on_cleanup.append(slack.close)
    app.on_cleanup.append(on_cleanup)
    return Guichet(
        bolt=bolt,
        web=app,
        helpdesk=helpdesk,
        database=database,
        metrics=metrics,
        health=health,
        indexes=indexes,
    )


def main() -> int:
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


if __name__ == "__main__":
    sys.exit(main())
