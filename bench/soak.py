"""A soak: steady mixed traffic for ``--seconds`` (ten minutes by default) while Slack and the
database fail, then the count of what was lost or doubled.

    python -m bench.soak [--seconds 600] [--rate 8] [--seed 19]

The real bot (``bot.app.build.build``) serves HTTP on a local port against the Slack emulator
(the test workspace of ``tests/e2e``), on the in-memory store behind a switch that can make every
database call fail as a MongoDB that does not answer would. The bot's clock follows real time and
its scheduler ticks every 30 s, as in production. Traffic, ``--rate`` requests a second, in real
time: people file tickets (``/ticket`` then the form's submission; one in fifteen an emergency,
which pages on-call), agents claim them from their card and reply in the card's thread (relayed
to the requester), and Slack delivers one event in fifty twice (same ``event_id``).

Faults: 5 % of ``chat.postMessage`` calls answer HTTP 503, 1 % are done but their answer is lost
(the connection drops); the database is down for 2 s, twice. At the end the faults stop and the
scheduler's ticks run, the clock moved on, until the outbox is empty.

It prints tickets filed vs cards Slack holds (lost: a ticket without a card; doubled: two),
direct messages and pages doubled, the p99 ack latency of each minute, and the process's RSS at
the start and the end. Exit status 1 when anything was lost or doubled.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/ when run as a script

from bench.soak_traffic import Traffic, rss_mb
from bot.domain.clock import ManualClock
from handlers.tickets.card_posting import EVENT_TYPE
from sandbox.emulator import SlackEmulator
from sandbox.emulator.faults import Fault, FaultKind
from tests.e2e.harness import CHANNELS, TOKEN, populate, running_bot
from tests.flaky_database import flaky_database

DRAIN_STEP = timedelta(minutes=5)
DRAIN_STEPS = 60


async def soak(
    seconds: float,
    rate: float,
    seed: int,
    pause: float = 2.0,
    server_errors: float = 0.05,
    answers_lost: float = 0.01,
) -> int:
    """Run the soak and print its report; 1 when anything was lost or doubled. The shares of
    posts answered 503 (``server_errors``) and done with their answer lost (``answers_lost``)
    are the issue's; the test of the bench raises them to meet each fault in a few seconds."""
    rss_start = rss_mb()
    database, switch = flaky_database("guichet_soak")
    clock = ManualClock()
    async with SlackEmulator(token=TOKEN, ts_clock=lambda: clock.now().timestamp()) as slack:
        populate(slack)
        slack.inject(
            Fault(FaultKind.SERVER_ERROR, "chat.postMessage", None, None, server_errors), seed=seed
        )
        slack.inject(Fault(FaultKind.ANSWER_LOST, "chat.postMessage", None, None, answers_lost))
        async with running_bot(database, slack=slack, clock=clock) as bot:
            traffic = Traffic(bot, random.Random(seed))
            began = time.monotonic()

            async def follow_real_time() -> None:
                last = time.monotonic()
                while True:
                    await asyncio.sleep(0.05)
                    now = time.monotonic()
                    clock.advance(timedelta(seconds=now - last))
                    last = now

            async def pause_database() -> None:
                for share in (1 / 3, 2 / 3):
                    await asyncio.sleep(max(0.0, began + seconds * share - time.monotonic()))
                    switch.down = True
                    await asyncio.sleep(pause)
                    switch.down = False

            background = [asyncio.create_task(follow_real_time())]
            background.append(asyncio.create_task(pause_database()))
            try:
                await traffic.run(seconds, rate)
            finally:
                for task in background:
                    task.cancel()
                switch.down = False
            slack.clear_faults()
            drained = await drain(bot)
            traffic.held = await triaged(bot, traffic.filed)
            wall = time.monotonic() - began
            return report(bot, traffic, slack, drained, rss_start, wall, pause)


async def triaged(bot: object, filed: list[str]) -> set[str]:
    """The tickets the triage linked to a known problem or emergency, or held with similar
    ones: they have no card of their own, by design (the parent's thread lists them)."""
    tickets = bot.guichet.helpdesk.tickets  # type: ignore[attr-defined]
    held = set()
    for ticket_id in filed:
        actions = {entry.action for entry in await tickets.history(ticket_id)}
        if actions & {"linked", "held"} and "posted" not in actions:
            held.add(ticket_id)
    return held


async def drain(bot: object) -> int:
    """The scheduler's ticks, the clock moved on, until nothing waits in the outbox."""
    outbox = bot.database.handle["outbox"]  # type: ignore[attr-defined]
    for step in range(DRAIN_STEPS):
        await asyncio.sleep(0.2)  # the work after the last acks
        if not await outbox.count_documents({"state": "pending"}):
            return step
        bot.clock.advance(DRAIN_STEP)  # type: ignore[attr-defined]
        await bot.guichet.scheduler.tick()  # type: ignore[attr-defined]
    return DRAIN_STEPS


def _cards(slack: SlackEmulator) -> Counter[str]:
    """How many cards Slack holds for each ticket (told by their metadata)."""
    held: Counter[str] = Counter()
    for channel in CHANNELS.values():
        for message in slack.messages(channel):
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") == EVENT_TYPE and payload.get("role") == "card":
                held[payload["ticket_id"]] += 1
    return held


def report(
    bot: object,
    traffic: Traffic,
    slack: SlackEmulator,
    drain_steps: int,
    rss_start: float,
    wall: float,
    pause: float,
) -> int:
    filed = traffic.filed
    cards = _cards(slack)
    lost = sorted(ticket for ticket in filed if cards[ticket] == 0 and ticket not in traffic.held)
    doubled = sorted(ticket for ticket in filed if cards[ticket] > 1)
    dms: Counter[tuple[str, str, str]] = Counter()
    posted_to = {call.args.get("channel") for call in slack.calls_to("chat.postMessage")}
    people = {c.removeprefix("D") for c in posted_to if isinstance(c, str) and c[:1] in "UD"}
    for person in people:
        channel = slack.dm_channel_id(person)
        for message in slack.messages(channel):
            if message.get("bot_id"):
                dms[(channel, message.get("thread_ts") or "", message.get("text", ""))] += 1
    doubled_dms = {key: count for key, count in dms.items() if count > 1}
    doubled_pages = [key for key in doubled_dms if "🚨" in key[2]]
    faults = Counter(call.fault for call in slack.calls if call.fault)
    print(f"soak: {wall:.0f} s, {traffic.requests} requests ({traffic.describe()})")
    print(
        f"faults injected: {faults.get('server_error', 0)} posts answered 503, "
        f"{faults.get('answer_lost', 0)} answers lost; database down {pause:g} s twice "
        f"({traffic.refused_by_store} requests answered 'database unavailable')"
    )
    print(
        f"tickets filed: {len(filed)}; cards in Slack: {sum(cards[t] for t in filed)} "
        f"(linked or held by the triage, no card of their own by design: {len(traffic.held)})"
    )
    print(f"lost: {len(lost)} {lost[:10]}; doubled: {len(doubled)} {doubled[:10]}")
    print(f"DMs doubled: {len(doubled_dms)}; pages doubled: {len(doubled_pages)}")
    for channel, _, text in list(doubled_dms)[:3]:
        print(f"  doubled in {channel}: {text[:110]!r}")
    print(f"outbox drained after {drain_steps} scheduler ticks of {DRAIN_STEP}")
    print("p99 ack latency per minute (ms): " + ", ".join(traffic.p99_per_minute()))
    print(f"RSS: {rss_start:.0f} MB at start, {rss_mb():.0f} MB at end")
    bad = bool(lost or doubled or doubled_dms)
    print("RESULT: " + ("LOST OR DOUBLED" if bad else "0 lost, 0 doubled"))
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.soak", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seconds", type=float, default=600.0, help="how long the traffic runs")
    parser.add_argument("--rate", type=float, default=8.0, help="requests a second")
    parser.add_argument("--seed", type=int, default=19)
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)
    return asyncio.run(soak(options.seconds, options.rate, options.seed))


if __name__ == "__main__":
    raise SystemExit(main())
