"""``python -m bot --sandbox``: the bot as in production, the Slack emulator, and the page.

The bot is built by the same ``build()`` as in production and served on a local port; the
emulator stands in for Slack's Web API and serves the page; the page's gestures reach the bot as
signed HTTP requests to ``/slack/events``. Tickets live in the in-memory store, and the bot's
clock is a ``ManualClock`` that the page moves ("+15 min"), after which whatever the bot
registered in ``Guichet.after_clock_advance`` runs (the scheduler's tick); or, with "real time"
on, follows the wall clock (``sandbox/clock.py``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from aiohttp import web
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from bot.app.settings import Settings
from bot.domain.errors import ConfigError
from sandbox import web as page
from sandbox.client import SandboxClient
from sandbox.clock import SandboxClock
from sandbox.emulator import SlackEmulator
from sandbox.slack_requests import SlackRequests
from sandbox.workspace import Workspace, load_workspace
from storage.client import Database, connect

if TYPE_CHECKING:
    from bot.app.build import Guichet

log = logging.getLogger("guichet.sandbox")

TOKEN = "xoxb-sandbox"
DEFAULT_PORT = 3000
EVENTS_PATH = "/slack/events"

Build = Callable[..., "Guichet"]
"""``bot.app.build.build``: ``build(settings, config, database, clock=...)``."""


@dataclass
class Sandbox:
    """A running sandbox: the emulator (and page), the bot, and the clock they share."""

    emulator: SlackEmulator
    guichet: Guichet
    client: SandboxClient
    bot_url: str

    @property
    def url(self) -> str:
        """The page's address."""
        return f"http://{self.emulator.host}:{self.emulator.port}{page.PREFIX}"

    @property
    def clock(self) -> SandboxClock:
        return self.client.clock

    def due_work(self) -> list[Callable[[], Any]]:
        """What runs after the clock moves: ``Guichet.after_clock_advance``, or else the tick
        of a ``scheduler`` the bot has."""
        work: list[Callable[[], Any]] = list(getattr(self.guichet, "after_clock_advance", []))
        tick = getattr(getattr(self.guichet, "scheduler", None), "tick", None)
        if not work and callable(tick):
            work.append(tick)
        return work

    async def advance_clock(self, delta: timedelta) -> list[str]:
        """Move the bot's clock and run the due work, as the page's clock buttons do."""
        return await self.client.advance_clock(delta)


class SandboxSettings(Settings):
    """The bot's settings in the sandbox: given here, never read from the environment (a real
    ``SLACK_BOT_TOKEN`` or ``MONGODB_URI`` there must not leak into the sandbox)."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        *sources: PydanticBaseSettingsSource,
        **more: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def sandbox_settings(slack_api_url: str, secret: str) -> Settings:
    return SandboxSettings(
        slack_bot_token=TOKEN,
        slack_signing_secret=secret,
        slack_api_url=slack_api_url,
    )


@asynccontextmanager
async def running_sandbox(
    build: Build,
    *,
    port: int = 0,
    host: str = "127.0.0.1",
    clock: SandboxClock | None = None,
    workspace: Workspace | None = None,
    database: Database | None = None,
) -> AsyncIterator[Sandbox]:
    """Start the emulator with its page on ``port`` and the bot on a free local port."""
    workspace = workspace or load_workspace()
    clock = clock or SandboxClock(datetime.now(UTC).replace(second=0, microsecond=0))
    database = database or connect(None, "guichet_sandbox")
    emulator = SlackEmulator(token=TOKEN, host=host, ts_clock=lambda: clock.now().timestamp())
    workspace.populate(emulator)
    client = SandboxClient(emulator, workspace, clock)
    emulator.extend_app(page.mount(client))
    await emulator.start(port)  # first: the bot's settings need the Web API's address
    secret = secrets.token_hex(16)
    settings = sandbox_settings(emulator.base_url, secret)
    runner: web.AppRunner | None = None
    send: SlackRequests | None = None
    try:
        guichet = build(settings, workspace.config, database, clock=clock)
        runner = web.AppRunner(guichet.web, access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        site = web.TCPSite(runner, host, 0)
        await site.start()
        bot_url = f"http://{host}:{runner.addresses[0][1]}"
        send = SlackRequests(bot_url, secret, path=EVENTS_PATH)
        sandbox = Sandbox(emulator, guichet, client, bot_url)
        client.connect(send, sandbox.due_work)
        yield sandbox
    finally:
        if send is not None:
            await send.close()
        if runner is not None:
            await runner.cleanup()
        await emulator.close()


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def run_sandbox(build: Build) -> int:
    """``python -m bot --sandbox``: serve until Ctrl-C. The page's port is ``PORT`` (3000)."""
    level = os.environ.get("LOG_LEVEL", "INFO").strip().upper()
    port_text = os.environ.get("PORT") or str(DEFAULT_PORT)
    if level not in LOG_LEVELS:
        print(f"guichet: sandbox: LOG_LEVEL must be {', '.join(LOG_LEVELS)}", file=sys.stderr)
        return 2
    if not port_text.strip().isdigit() or int(port_text) > 65535:
        print(
            f"guichet: sandbox: PORT must be a port number (0 to 65535), not {port_text!r}",
            file=sys.stderr,
        )
        return 2
    try:
        logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
        for handler in logging.getLogger().handlers:
            handler.setLevel(level)  # a library's own DEBUG logger (bm25s) says nothing more
        logging.getLogger("apscheduler").setLevel(logging.WARNING)  # not a line per tick
        port = int(port_text)
        workspace = load_workspace()
    except ConfigError as error:  # the sandbox's services file
        print(f"guichet: sandbox: {error}", file=sys.stderr)
        return 2
    try:
        asyncio.run(_serve(build, port, workspace))
    except KeyboardInterrupt:
        pass
    except OSError as error:
        print(f"guichet: sandbox: cannot listen on port {port} ({error.strerror})", file=sys.stderr)
        print("Set PORT to a free port, e.g. PORT=8080 python -m bot --sandbox", file=sys.stderr)
        return 1
    return 0


async def _serve(build: Build, port: int, workspace: Workspace) -> None:
    async with running_sandbox(build, port=port, workspace=workspace) as sandbox:
        print(
            f"\nGuichet sandbox: open {sandbox.url} in your browser "
            "(tickets are kept in memory; Ctrl-C to stop)\n",
            flush=True,
        )
        await asyncio.Event().wait()
