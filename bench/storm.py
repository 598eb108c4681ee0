"""A storm: 500 incidents about one outage in 60 seconds, then the problem fixed.

    python -m bench.storm [--incidents 500] [--seconds 60] [--rate-limit 0.03] [--seed 7]

The real bot (``bot.app.build.build``) serves HTTP on a local port against the Slack emulator of
the tests, which answers HTTP 429 (``Retry-After: 1``) to a share of ``chat.postMessage`` and
``chat.update`` calls. Time is the bot's injected clock: the 60 seconds are simulated (and the
scheduler ticks every 30 s of them), so the run takes what the work takes, not a minute.

What happens: the VPN goes down. People file incidents through Slack's signed requests
(``/ticket`` opens the form, the submission files it), in their words, in French or English
(sixteen phrasings), one every 60/500 s, ``--in-flight`` requests at a time. An agent of the
infrastructure team answers the suggestion Guichet posts ("Create a problem") ten simulated
seconds after it appears. At 90 s they resolve the problem; the scheduler ticks every 30 s
until the outbox is empty.

It prints the channel's top-level posts (goal <= 5), the requesters told of the fix (goal
500/500, each once), the messages lost (goal 0) and the p99 latency of the acks to Slack's
requests. In-memory store (mongomock: every query scans the collection).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/ when run as a script

from aiohttp import web

from bench.storm_report import report
from bench.storm_scenario import (
    AGENT,
    INFRA,
    PHRASINGS,
    RESOLVED_AT,
    SECRET,
    SERVICES,
    START,
    TOKEN,
    Announcements,
    BenchTimer,
    Run,
    file_incident,
    quiet,
    resolve_problem,
)
from bot.app.build import build
from bot.app.settings import Settings
from bot.domain.clock import ManualClock
from bot.domain.config import parse_services_config
from sandbox.emulator import SlackEmulator
from sandbox.slack_requests import SlackRequests
from storage.client import connect


async def storm(
    incidents: int,
    seconds: float,
    rate_limit: float,
    in_flight: int,
    seed: int,
    retry_after: int = 1,
) -> int:
    began = time.perf_counter()
    rng = random.Random(seed)
    config = parse_services_config(SERVICES, "bench services")
    database = connect(None, "guichet_bench")
    clock = ManualClock(START)
    async with SlackEmulator(token=TOKEN) as slack:
        slack.add_user(AGENT, "agent", locale="fr-FR")
        requesters = [f"U0R{number:05d}" for number in range(incidents)]
        for number, user in enumerate(requesters):
            slack.add_user(user, user.lower(), locale="fr-FR" if number % 2 else "en-US")
        for service in config.services.values():
            slack.add_channel(service.channel, members=[AGENT] if service.channel == INFRA else [])
        slack.rate_limit_randomly(
            ["chat.postMessage", "chat.update"], rate_limit, retry_after=retry_after, seed=seed
        )
        settings = Settings(
            slack_bot_token=TOKEN,
            slack_signing_secret=SECRET,
            slack_api_url=slack.base_url,
            _env_file=None,
        )
        timer = BenchTimer(config.scheduler.tick, clock)
        guichet = build(settings, config, database, clock=clock, timer=timer)
        runner = web.AppRunner(guichet.web, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        await guichet.scheduler.stop()  # the bench ticks, on the simulated clock
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        send = SlackRequests(f"http://127.0.0.1:{port}", SECRET, slack=slack)
        run = Run(slack, send, guichet, clock, requesters)
        announcements = Announcements(guichet)
        timer.listener = run.wake
        try:
            gate = asyncio.Semaphore(in_flight)
            interval = timedelta(seconds=seconds / incidents)

            async def one(number: int) -> None:
                try:
                    await file_incident(run, number, rng.choice(PHRASINGS))
                finally:
                    gate.release()

            filings = []
            for number in range(incidents):
                await gate.acquire()
                # The bot keeps up with 8 reports a second: the announcements (after the acks)
                # of all but the last few are done before time moves on.
                await announcements.reach(number - in_flight)
                clock.advance(interval)
                await run.tick_if_due()
                run.watch_suggestion()
                filings.append(asyncio.create_task(one(number)))
            await asyncio.gather(*filings)
            await announcements.reach(incidents)
            while run.agent_pressed is None:  # the agent still reading: let time pass
                clock.advance(timedelta(seconds=1))
                await run.tick_if_due()
                run.watch_suggestion()
            await run.agent_pressed
            await quiet(slack)
            clock.advance(START + RESOLVED_AT - clock.now())
            await run.tick_if_due()
            problem_id = await resolve_problem(run)
            resolved_at = clock.now()
            outbox = database.handle["outbox"]
            for _ in range(200):  # the scheduler's ticks until the outbox is empty
                clock.advance(max(timedelta(0), run.next_moment() - clock.now()))
                await run.tick_if_due()
                if not await outbox.count_documents({"state": "pending"}):
                    break
            await quiet(slack)
            drained = clock.now() - resolved_at
            return await report(run, problem_id, drained, time.perf_counter() - began, database)
        finally:
            await send.close()
            await runner.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.storm", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--incidents", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=60.0, help="simulated filing time")
    parser.add_argument("--rate-limit", type=float, default=0.03, help="share of 429 answers")
    parser.add_argument("--in-flight", type=int, default=8, help="requests at a time")
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s %(message)s")
    return asyncio.run(
        storm(
            options.incidents, options.seconds, options.rate_limit, options.in_flight, options.seed
        )
    )


if __name__ == "__main__":
    raise SystemExit(main())
