"""The bot running for real on a local port, talking to the Slack emulator, driven over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

from aiohttp import web

from bot.app.build import Guichet, build
from bot.domain.clock import ManualClock
from bot.domain.config import ServicesConfig, load_services_config
from sandbox.emulator import SlackEmulator
from sandbox.slack_requests import SlackRequests
from storage.client import Database
from tests.e2e.gestures import Gestures
from tests.e2e.observations import find_element
from tests.e2e.workspace import (
    CHANNELS,
    DESK_AGENT,
    DESK_MEMBER,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    OUTSIDER,
    SECURITY_ONCALL,
    SERVICES_FILE,
    SIGNING_SECRET,
    TOKEN,
    populate,
    settings_for,
)
from tests.socket_mode import SocketModeRequests, SocketModeServer

__all__ = [
    "CHANNELS",
    "DESK_AGENT",
    "DESK_MEMBER",
    "EMPLOYEE_EN",
    "EMPLOYEE_FR",
    "INFRA_ONCALL_1",
    "INFRA_ONCALL_2",
    "OUTSIDER",
    "SECURITY_ONCALL",
    "SERVICES_FILE",
    "SIGNING_SECRET",
    "TOKEN",
    "Harness",
    "find_element",
    "populate",
    "running_bot",
    "settings_for",
]


class Harness(Gestures):
    """The running bot as a test drives it: ``Gestures`` (what people do), ``Observations``
    (what the test reads) and ``BotUnderTest`` (the bot process) in one object."""


def services_file_with(folder: Path, *sections: str) -> Path:
    """The tests' services file with ``sections`` added (a catalogue, retention rules), as one
    services file written in ``folder``."""
    services_file = folder / "services.yml"
    text = "\n".join([SERVICES_FILE.read_text(encoding="utf-8"), *sections])
    services_file.write_text(text, encoding="utf-8")
    return services_file


def words_only(config: ServicesConfig) -> ServicesConfig:
    """The knowledge base's word search alone unless the test's services say otherwise: the
    meaning check, on by default when the ``semantic`` extra is installed, embeds articles in
    the background and would answer some questions or not depending on whether it had
    finished; the tests of meaning turn it on (``tests/e2e/knowledge/test_meaning.py``)."""
    if config.knowledge.semantic is not None:
        return config
    knowledge = config.knowledge.model_copy(update={"semantic": False})
    return config.model_copy(update={"knowledge": knowledge})


@asynccontextmanager
async def running_bot(
    database: Database,
    *,
    socket_mode: bool = False,
    slack: SlackEmulator | None = None,
    clock: ManualClock | None = None,
    index_retry_seconds: float = 15.0,
    services_file: Path = SERVICES_FILE,
    slack_api_timeout: int = 30,
    config: ServicesConfig | None = None,
) -> AsyncIterator[Harness]:
    """The bot on a local port. ``socket_mode``: Slack's traffic goes through a local Socket
    Mode server instead (``send`` then sends envelopes over it). Pass ``slack`` (and
    ``clock``) to run a second bot against the same emulator, as another replica would;
    ``services_file`` to run it with another services file."""
    async with AsyncExitStack() as stack:
        owned_emulator = slack is None
        clock = clock or ManualClock()
        if slack is None:
            # on the bot's clock, trigger ids expire when the test moves it, never by chance
            now = clock.now
            emulator = SlackEmulator(token=TOKEN, clock=lambda: now().timestamp())
            slack = await stack.enter_async_context(emulator)
            populate(slack)
        server: SocketModeServer | None = None
        if socket_mode:
            server = await stack.enter_async_context(SocketModeServer())
            slack.enable_socket_mode(server.url)
        config = words_only(config or load_services_config(services_file))
        guichet = build(
            settings_for(slack, socket_mode, slack_api_timeout),
            config,
            database,
            clock=clock,
            index_retry_seconds=index_retry_seconds,
        )
        runner = web.AppRunner(guichet.web)
        await runner.setup()
        stack.push_async_callback(runner.cleanup)
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        base_url = f"http://127.0.0.1:{port}"
        if guichet.usergroups_synced is not None:
            # the start-up read of the user groups is done before the test acts, and its calls
            # (and the check of the private channels) are not the test's (a database down
            # from the start keeps it retrying: go on then)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(guichet.usergroups_synced.done.wait(), 2)
            if owned_emulator:
                start_up = ("usergroups.users.list", "conversations.info")
                slack.calls[:] = [c for c in slack.calls if c.method not in start_up]
        send: SlackRequests
        if server is not None:
            await server.wait_connected()
            send = SocketModeRequests(server, slack=slack)
        else:
            send = SlackRequests(base_url, SIGNING_SECRET, slack=slack)
        stack.push_async_callback(send.close)
        replicas: list[Guichet] = []
        try:
            yield Harness(
                slack=slack,
                send=send,
                guichet=guichet,
                clock=clock,
                config=config,
                base_url=base_url,
                database=database,
                replicas=replicas,
            )
        finally:
            for replica in replicas:
                await replica.scheduler.stop()
