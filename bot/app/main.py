"""``python -m bot``: read the settings and the services file, set up logging, connect to the
database, build the bot and serve it (``--sandbox``: the same bot with the Slack emulator and its
web page instead of Slack, see ``sandbox/``)."""

from __future__ import annotations

import argparse
import errno
import logging
import sys

from bot.app.build import build
from bot.app.serving import serve
from bot.app.settings import load_settings, require_store
from bot.app.triage_commands import COMMANDS
from bot.app.triage_commands import run as run_command
from bot.domain.config import load_services_config
from bot.domain.errors import ConfigError
from bot.runtime.collector import settle
from bot.telemetry.logs import configure_logging
from handlers.transport.routes import EVENTS_PATH
from storage.client import connect

log = logging.getLogger("guichet")


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    if words and words[0] in COMMANDS:  # history import / routing check: see triage_commands
        return run_command(words)
    options = _arguments(argv)
    if options.sandbox:
        from sandbox.app import run_sandbox  # the composition root is the only one wiring it

        return run_sandbox(build)
    try:
        return _run()
    except KeyboardInterrupt:  # Ctrl-C while the settings or the services file load
        return 130
    except ConfigError as error:  # the environment, the services file, Slack refusing the token,
        # or a private service whose channel is public (checked at start-up)
        print(f"guichet: configuration error: {error}", file=sys.stderr)
        return 2


def _run() -> int:
    settings = load_settings()
    require_store(settings)
    config = load_services_config(settings.guichet_config)
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
            "GUICHET_STORE=memory: tickets are kept IN MEMORY and nothing survives a restart. "
            "Set MONGODB_URI to a MongoDB server for real use."
        )
    if settings.guichet_config is None:
        log.warning(
            "GUICHET_CONFIG is not set: Guichet runs on its bundled example services file "
            "(channels #it-service-desk, #it-internal...; no agents, no on-call). Copy "
            "bot/domain/default_services.yml, set your channels and people, and point "
            "GUICHET_CONFIG at it"
        )
    else:
        log.info(
            "services file %s: %d services (%s)",
            settings.guichet_config,
            len(config.services),
            ", ".join(config.services),
        )
    guichet = build(settings, config, database)
    guichet.web.on_startup.append(settle)  # last: what start-up built is there for good

    def started() -> None:
        if settings.slack_app_token:
            log.info("Guichet on Slack through Socket Mode; /healthz on port %s", settings.port)
        else:
            log.info("Guichet listening on port %s (%s)", settings.port, EVENTS_PATH)

    try:
        serve(guichet.web, settings.port, started)
    except OSError as error:  # binding the port (Slack's and the database's errors are caught)
        why = "it is already in use" if error.errno == errno.EADDRINUSE else error.strerror
        print(f"guichet: cannot listen on PORT={settings.port}: {why}", file=sys.stderr)
        return 2
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Guichet, a Slack helpdesk. Configured by the environment or a .env file in "
        "the working directory (see .env.example); its services file is GUICHET_CONFIG.",
        epilog="Before go-live: 'python -m bot history import FILE.csv [--dry-run]' teaches it "
        "your past tickets, 'python -m bot routing check --history OLD.csv NEW.csv --out "
        "PREDICTIONS.csv' shows where it would send them (each with --help).",
    )
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="try it without Slack: the bot, a local Slack emulator and a web page to use it "
        "(http://127.0.0.1:PORT/sandbox, PORT defaults to 3000); tickets are kept in memory",
    )
    return parser.parse_args(argv)
