"""The three servers the load benchmark starts, each in its own process (``load.py --serve``):
the Slack emulator, Guichet itself and a bare Bolt app whose listeners only ``ack()``.

Each prints ``READY <port> [extra]`` once it listens, then serves until it is terminated.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from pathlib import Path

from aiohttp import web

from tests.e2e.harness import SERVICES_FILE, populate

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench"
APP_CPU, LOAD_CPU = 1, 0


LOAD_SCRIPT = Path(__file__).with_name("load.py")


async def start_server(role: str, *args: str) -> tuple[asyncio.subprocess.Process, list[str]]:
    """Start one of the servers (``load.py --serve role``) in its own process; once it prints
    ``READY``: the process and what followed (its port, then any extra such as the emulator's
    Web API URL)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(LOAD_SCRIPT),
        "--serve",
        role,
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), 60)).decode().split()
    if not line or line[0] != "READY":
        raise RuntimeError(f"{role} did not start")
    return process, line[1:]


def _pin(cpu: int) -> None:
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {cpu})


async def _serve(app: web.Application, extra: str = "") -> None:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    print(f"READY {runner.addresses[0][1]} {extra}".strip(), flush=True)
    await asyncio.Event().wait()


async def serve_emulator() -> None:
    from sandbox.emulator import SlackEmulator

    _pin(LOAD_CPU)
    slack = await SlackEmulator(token=TOKEN).start()
    populate(slack)
    counter = web.Application()

    async def count(_: web.Request) -> web.Response:
        return web.json_response({"calls": len(slack.calls)})

    async def refused(_: web.Request) -> web.Response:
        """The Web API calls answered ``ok: false`` so far, by method and error (a ``views.open``
        refused ``expired_trigger_id``: a form acked but never opened)."""
        counts = Counter(f"{c.method} {c.response.get('error')}" for c in slack.calls if not c.ok)
        return web.json_response(dict(counts))

    async def response_urls(request: web.Request) -> web.Response:
        """Issue the ``response_url`` of each press the load generator will send, as Slack
        issues one per interaction (what the bot posts to it then reaches the emulator)."""
        asked = await request.json()
        channel, ts = asked["channel"], asked.get("ts")
        urls = [slack.response_url(channel, ts, user_id=user) for user in asked["users"]]
        return web.json_response({"urls": urls})

    async def triggers(request: web.Request) -> web.Response:
        """Take the trigger ids of the commands the load generator is about to send as issued
        now (Slack issues one with each command; ``views.open`` exchanges it within 3 s)."""
        for trigger_id, user in (await request.json())["triggers"]:
            slack.remember_trigger(trigger_id, user)
        return web.json_response({"ok": True})

    counter.router.add_get("/count", count)
    counter.router.add_get("/refused", refused)
    counter.router.add_post("/response_urls", response_urls)
    counter.router.add_post("/triggers", triggers)
    await _serve(counter, extra=slack.base_url)


async def serve_bot(slack_url: str) -> None:
    from bench.load_memory import memory_route
    from bot.app.build import build
    from bot.app.settings import Settings
    from bot.domain.config import load_services_config
    from bot.runtime.collector import settle
    from bot.telemetry.logs import configure_logging
    from storage.client import connect

    _pin(APP_CPU)
    configure_logging("INFO", "json", secrets=[TOKEN, SECRET])
    settings = Settings(
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=slack_url,
        _env_file=None,
    )
    database = connect(None, "bench")
    guichet = build(settings, load_services_config(SERVICES_FILE), database)
    guichet.web.router.add_routes([memory_route(database)])  # what the store holds
    guichet.web.on_startup.append(settle)  # as bot/app/main.py does
    profile = os.environ.get("GUICHET_BENCH_PROFILE")
    if profile:  # where the bot's time goes: python -m pstats <file>
        import cProfile

        profiler = cProfile.Profile()

        def dump(*_: object) -> None:
            profiler.disable()
            profiler.dump_stats(profile)
            os._exit(0)

        signal.signal(signal.SIGUSR1, lambda *_: profiler.enable())  # sent at saturation
        signal.signal(signal.SIGTERM, dump)
    await _serve(guichet.web)


async def serve_bare(slack_url: str) -> None:
    from slack_bolt.async_app import AsyncAck, AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    from handlers.kit import ids

    _pin(APP_CPU)
    app = AsyncApp(client=AsyncWebClient(token=TOKEN, base_url=slack_url), signing_secret=SECRET)

    async def just_ack(ack: AsyncAck) -> None:
        await ack()

    app.command(ids.COMMAND)(just_ack)
    app.view(ids.FILE_TICKET_CALLBACK)(just_ack)
    app.action(ids.ACTION_CLAIM)(just_ack)
    await _serve(app.web_app(path="/slack/events"))
