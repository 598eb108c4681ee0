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
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from aiohttp import web

from bot.app.build import Guichet, build
from bot.app.settings import Settings
from bot.app.timer import Timer
from bot.domain.clock import ManualClock
from bot.domain.config import parse_services_config
from sandbox.slack_emulator import SlackEmulator
from sandbox.slack_requests import SlackRequests
from storage.client import connect

TOKEN = "xoxb-bench"
SECRET = "bench-signing-secret"
START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
AGENT = "U0AGENT"
INFRA = "C0INFRA"
REACTION = timedelta(seconds=10)  # the agent reads the suggestion, then decides
RESOLVED_AT = timedelta(seconds=90)
TICK = timedelta(seconds=30)

SERVICES = f"""
default_service: service_desk
language: en
scheduler: {{tick: 30s}}
problems: {{threshold: 3, window: 2h, notices_per_minute: 120}}
services:
  service_desk:
    name: {{fr: "Centre de support", en: "Service desk"}}
    channel: C0DESK
    language: fr
  internal_it:
    name: {{fr: "Service informatique interne", en: "Internal IT"}}
    channel: C0INTERNAL
  app_dev:
    name: {{fr: "Développement", en: "Application development"}}
    channel: C0APPDEV
  security:
    name: {{fr: "Sécurité informatique", en: "IT security"}}
    channel: C0SECURITY
  infra_network:
    name: {{fr: "Infrastructure et réseau", en: "Infrastructure & network"}}
    channel: {INFRA}
    agents: [{AGENT}]
"""

# How people say it, in both languages.
PHRASINGS = [
    ("VPN down", "I can't connect to the VPN since this morning."),
    ("Cannot connect to VPN", "The VPN client says the gateway is unreachable."),
    ("VPN not working", "Working from home and the VPN will not connect."),
    ("VPN connection fails", "GlobalProtect keeps failing to connect."),
    ("No VPN access", "I cannot reach the VPN from home, is it down?"),
    ("VPN error", "Connection to the VPN fails with a gateway error."),
    ("Is the VPN down?", "Nobody in my team can connect to the VPN."),
    ("VPN keeps disconnecting", "The VPN drops after a few seconds."),
    ("VPN en panne", "Impossible de me connecter au VPN depuis ce matin."),
    ("Le VPN ne marche plus", "Je suis en télétravail et le VPN refuse de se connecter."),
    ("Connexion VPN impossible", "Le client VPN indique que la passerelle est injoignable."),
    ("Plus de VPN", "Toute l'équipe est bloquée, le VPN ne répond plus."),
    ("Erreur VPN", "Message d'erreur à la connexion au VPN."),
    ("VPN inaccessible", "Je n'arrive pas à accéder au VPN depuis chez moi."),
    ("Problème de VPN", "Le VPN se coupe sans arrêt."),
    ("VPN HS ?", "Le VPN est HS pour tout le monde apparemment."),
]
FIXED_MARKS = ("The problem behind your ticket", "Le problème à l’origine de votre ticket")
KNOWN_MARKS = ("is a known issue", "est un problème connu")


@dataclass
class Run:
    slack: SlackEmulator
    send: SlackRequests
    guichet: Guichet
    clock: ManualClock
    requesters: list[str]
    latencies: dict[str, list[float]] = field(default_factory=dict)
    ticks: int = 0
    next_tick: datetime = START + TICK
    wake_at: datetime | None = None  # a tick asked for (at once, or when a rate limit ends)
    suggestion_seen: datetime | None = None
    agent_pressed: asyncio.Task[Any] | None = None

    async def timed(self, kind: str, request: Awaitable[tuple[int, Any]]) -> Any:
        began = time.perf_counter()
        status, body = await request
        self.latencies.setdefault(kind, []).append(time.perf_counter() - began)
        if status != 200:
            raise RuntimeError(f"{kind} answered {status}: {body}")
        return body

    def wake(self, moment: datetime | None = None) -> None:
        """Stands for the scheduler's ``wake`` / ``wake_at`` (the bench drives its ticks)."""
        moment = moment or self.clock.now()
        self.wake_at = moment if self.wake_at is None else min(self.wake_at, moment)

    async def tick_if_due(self) -> None:
        """Tick as APScheduler would: every 30 s, and when woken up."""
        now = self.clock.now()
        while now >= self.next_tick or (self.wake_at is not None and now >= self.wake_at):
            if now >= self.next_tick:
                self.next_tick += TICK
            self.wake_at = None
            await self.guichet.scheduler.tick()
            self.ticks += 1

    def next_moment(self) -> datetime:
        """When the scheduler would tick next."""
        return min(self.next_tick, self.wake_at or self.next_tick)

    def watch_suggestion(self) -> None:
        """The agent sees the suggestion, reads it for ``REACTION``, presses "Create a problem"
        (as the suggestion was then)."""
        if self.agent_pressed is not None:
            return
        message = suggestion_message(self.slack)
        if message is None:
            return
        if self.suggestion_seen is None:
            self.suggestion_seen = self.clock.now()
        if self.clock.now() >= self.suggestion_seen + REACTION:
            press = self.send.block_action(
                "problem_create", None, user_id=AGENT, channel_id=INFRA, message=message
            )
            self.agent_pressed = asyncio.create_task(self.timed("block_actions", press))


async def opened_view(slack: SlackEmulator, trigger_id: str) -> dict[str, Any]:
    """The form the bot opened for this trigger."""
    for _ in range(2000):
        for call in reversed(slack.calls_to("views.open")):
            if call.args.get("trigger_id") == trigger_id and call.ok:
                return call.response["view"]
        await asyncio.sleep(0.005)
    raise RuntimeError(f"no form opened for {trigger_id}")


async def file_incident(run: Run, number: int, phrasing: tuple[str, str]) -> None:
    user = run.requesters[number]
    trigger = run.send.new_trigger_id()
    await run.timed("command", run.send.command("", user_id=user, trigger_id=trigger))
    view = await opened_view(run.slack, trigger)
    title, description = phrasing
    answers = {
        "type": "incident",
        "title": title,
        "description": description,
        "impact": "medium",
        "urgency": "high",
    }
    values = run.send.state_values(view, answers)
    body = await run.timed("view_submission", run.send.view_submission(view, values, user_id=user))
    if not isinstance(body, dict) or body.get("response_action") != "update":
        raise RuntimeError(f"the form of {user} was refused: {body}")


def suggestion_message(slack: SlackEmulator) -> dict[str, Any] | None:
    for message in slack.messages(INFRA):
        for block in message.get("blocks") or []:
            for element in block.get("elements") or []:
                if element.get("action_id") == "problem_create":
                    return message
    return None


async def resolve_problem(run: Run) -> str:
    tickets = run.guichet.helpdesk.tickets
    for _ in range(1000):
        problem = await tickets.get("PRB-1")
        if problem is not None and problem.message is not None:
            break
        await asyncio.sleep(0.01)
    else:
        raise RuntimeError("no problem was created")
    message = run.slack.message(problem.message.channel, problem.message.ts)
    status_menu = next(
        element
        for block in message["blocks"]
        for element in block.get("elements") or []
        if element.get("action_id") == "ticket_status"
    )
    resolved = next(o["value"] for o in status_menu["options"] if o["value"].endswith("|resolved"))
    await run.timed(
        "block_actions",
        run.send.block_action(
            "ticket_status", resolved, user_id=AGENT, channel_id=INFRA, message=message
        ),
    )
    for _ in range(3000):  # the fan-out runs after the ack
        current = await tickets.get(problem.id)
        if current is not None and current.fanout_at is None and current.status.value == "resolved":
            return problem.id
        await asyncio.sleep(0.01)
    raise RuntimeError("the fan-out did not finish")


class BenchTimer(Timer):
    """The bench drives the ticks on its simulated clock: a wake-up asked of the timer (at once,
    or when a rate limit ends) is handed to the run."""

    listener: Callable[..., None] | None = None

    def wake(self) -> None:
        if self.listener is not None:
            self.listener()

    def wake_at(self, moment: datetime) -> None:
        if self.listener is not None:
            self.listener(moment)


class Announcements:
    """Counts the incidents the bot has announced (posted, linked or held): its work after the
    acks, which the bench lets finish before moving the clock on, as a bot keeping up would."""

    def __init__(self, guichet: Guichet) -> None:
        self.done = 0
        self._changed = asyncio.Condition()
        triage = guichet.filing.triage
        assert triage is not None
        route = triage.route

        async def counted(ticket: Any, post: Any) -> Any:
            try:
                return await route(ticket, post)
            finally:
                async with self._changed:
                    self.done += 1
                    self._changed.notify_all()

        triage.route = counted  # type: ignore[method-assign]

    async def reach(self, count: int) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: self.done >= count), 120)


async def quiet(slack: SlackEmulator, for_seconds: float = 0.3) -> None:
    """Wait until the bot stops calling Slack (its work after the acks is done)."""
    count, since = len(slack.calls), time.perf_counter()
    while time.perf_counter() - since < for_seconds:
        await asyncio.sleep(0.05)
        if len(slack.calls) != count:
            count, since = len(slack.calls), time.perf_counter()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


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
        )  # type: ignore[call-arg]
        timer = BenchTimer(config.scheduler.tick, clock)
        guichet = build(settings, config, database, clock=clock, timer=timer)
        runner = web.AppRunner(guichet.web, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        await guichet.scheduler.stop()  # the bench ticks, on the simulated clock
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        send = SlackRequests(
            f"http://127.0.0.1:{port}", SECRET, response_url_base=slack.response_url_base
        )
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


async def report(run: Run, problem_id: str, drained: timedelta, wall: float, database: Any) -> int:
    slack = run.slack
    posted = [
        c
        for c in slack.calls_to("chat.postMessage")
        if c.ok and str(c.args.get("channel", "")).startswith("C") and not c.args.get("thread_ts")
    ]
    fixed: dict[str, int] = {}
    known: dict[str, int] = {}
    for call in slack.calls_to("chat.postMessage"):
        if not call.ok:
            continue
        text = str(call.args.get("text", ""))
        user = str(call.args.get("channel"))
        if any(mark in text for mark in FIXED_MARKS) and problem_id in text:
            fixed[user] = fixed.get(user, 0) + 1
        if any(mark in text for mark in KNOWN_MARKS):
            known[user] = known.get(user, 0) + 1
    told = sum(1 for user in run.requesters if fixed.get(user))
    twice = sum(1 for user in run.requesters if fixed.get(user, 0) > 1)
    unfinished = await database.handle["outbox"].count_documents(
        {"state": {"$in": ["pending", "failed"]}}
    )
    lost = (len(run.requesters) - told) + unfinished
    tickets = database.handle["tickets"]
    linked = await tickets.count_documents({"type": "incident", "problem_id": problem_id})
    filed = await tickets.count_documents({"type": "incident"})
    limited = sum(1 for c in slack.calls if c.status == 429)
    acks = [value for values in run.latencies.values() for value in values]
    print(f"incidents filed: {filed}, linked to {problem_id}: {linked}")
    print(f"top-level channel posts: {len(posted)} (goal <= 5)")
    print(
        f"requesters told of the fix: {told}/{len(run.requesters)} (goal all; told twice: {twice})"
    )
    print(f"requesters told it is a known issue: {sum(1 for u in run.requesters if known.get(u))}")
    print(f"messages lost: {lost} (goal 0; outbox items not delivered: {unfinished})")
    print(f"p99 ack latency: {percentile(acks, 0.99) * 1000:.0f} ms over {len(acks)} requests")
    for kind, values in sorted(run.latencies.items()):
        print(
            f"  {kind}: p50 {percentile(values, 0.5) * 1000:.0f} ms, "
            f"p99 {percentile(values, 0.99) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"
        )
    print(f"HTTP 429 answered by the emulator: {limited}")
    print(f"fix told to everyone within {drained} of simulated time ({run.ticks} ticks in all)")
    print(f"wall time: {wall:.1f} s")
    return 0 if len(posted) <= 5 and told == len(run.requesters) and lost == 0 and not twice else 1


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
