"""Filing cost against history: CPU per filed ticket with 100 tickets stored, then 20,000.

    python -m bench.filing_cost [--stored 100 20000] [--filings 150] [--rounds 2]

For each history size, a fresh in-memory store (mongomock, what the sandbox and every trial
run use) is seeded with that many tickets of the past year (every type and service; ten still
open, the work in hand, the same whatever the history; the others finished), then the real bot
(``bot.app.build.build``, against the Slack emulator of the tests, in this process) files
tickets through the filing use case: stored, triaged (problems, storms, recurring incidents),
posted, the requester told. It prints the process CPU time per filed ticket for each size, and
their ratio: the goal is that filing does not cost more as history grows (within 1.2x). Sizes
take turns ``--rounds`` times, each on a fresh store, and each figure is the median of its rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # bench/ when run as a script

from bot.app.build import build
from bot.app.settings import Settings
from bot.domain.clock import ManualClock
from bot.domain.config import ServicesConfig, load_services_config
from bot.domain.models import (
    TYPE_PREFIX,
    Classification,
    Language,
    Level,
    Priority,
    Status,
    Ticket,
    TicketType,
)
from bot.filing.drafts import ValidDraft
from sandbox.emulator import SlackEmulator
from storage.client import connect

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
TOKEN = "xoxb-bench"
GOAL_RATIO = 1.2
TEXTS = [
    ("VPN down", "I cannot connect to the VPN since this morning."),
    ("Printer jammed on floor 2", "The printer near the kitchen shows a paper jam."),
    ("Outlook crashes at start", "Outlook closes itself as soon as it opens."),
    ("Install Visio", "I need Visio installed on my laptop for a project."),
    ("Password reset procedure", "Where is the procedure to reset my password?"),
    ("Wifi slow in meeting room", "The wifi in room B is very slow this week."),
]
BACKLOG = 10
CLOSED = (Status.CLOSED, Status.RESOLVED, Status.CANCELLED)


def history(count: int, config: ServicesConfig, seed: int = 42) -> list[Ticket]:
    """``count`` tickets of the past year: ``BACKLOG`` of them still open (the work in hand,
    whatever the size of the history), the others finished."""
    rng = random.Random(seed)
    types = list(TicketType)
    tickets = []
    for number in range(count):
        ticket_type = types[number % len(types)]
        service = rng.choice(list(config.services))
        created = NOW - timedelta(days=7, minutes=rng.randrange(365 * 24 * 60))
        status = Status.IN_PROGRESS if number < BACKLOG else rng.choice(CLOSED)
        title, description = rng.choice(TEXTS)
        tickets.append(
            Ticket(
                id=f"{TYPE_PREFIX[ticket_type]}-{900_000 + number}",
                type=ticket_type,
                title=title,
                description=description,
                impact=Level.MEDIUM,
                urgency=Level.MEDIUM,
                priority=Priority.P3,
                service=service,
                status=status,
                requester=f"U{number % 5000:07d}",
                language=Language.EN,
                created_at=created,
                updated_at=created,
                classification=Classification(service, 1.0),
            )
        )
    return tickets


async def cost_per_filing(stored: int, filings: int, config: ServicesConfig) -> float:
    """CPU milliseconds per filed ticket with ``stored`` tickets already stored."""
    database = connect(None, f"guichet_cost_{uuid.uuid4().hex[:8]}")
    clock = ManualClock(NOW)
    async with SlackEmulator(token=TOKEN) as slack:
        for service in config.services.values():
            slack.add_channel(service.channel)
        requesters = [f"U0REQ{number:04d}" for number in range(50)]
        for user in requesters:
            slack.add_user(user, user.lower())
        settings = Settings(
            slack_bot_token=TOKEN,
            slack_signing_secret="bench",
            slack_api_url=slack.base_url,
            _env_file=None,
        )
        guichet = build(settings, config, database, clock=clock)
        try:
            await guichet.helpdesk.tickets.create_indexes()
            await guichet.helpdesk.tickets.import_tickets(history(stored, config))
            rng = random.Random(7)
            drafts = [_draft(rng, number) for number in range(filings + 20)]

            async def file(number: int) -> None:
                clock.advance(timedelta(seconds=20))
                user = requesters[number % len(requesters)]
                ticket = await guichet.filing.file(drafts[number], user, Language.EN)
                await guichet.filing.announce(ticket)

            for number in range(20):  # warm-up: caches, the first Web API calls
                await file(number)
            profile = os.environ.get("GUICHET_BENCH_PROFILE")  # python -m pstats <file>
            profiler = cProfile.Profile() if profile else None
            if profiler:
                profiler.enable()
            started = time.process_time()
            for number in range(20, 20 + filings):
                await file(number)
            spent = time.process_time() - started
            if profiler and profile:
                profiler.disable()
                profiler.dump_stats(f"{profile}.{stored}")
            return spent * 1000 / filings
        finally:
            database.close()


def _draft(rng: random.Random, number: int) -> ValidDraft:
    title, description = rng.choice(TEXTS)
    ticket_type = TicketType.INCIDENT if number % 2 else TicketType.INFORMATION_REQUEST
    return ValidDraft(
        type=ticket_type,
        title=f"{title} ({number})",
        description=description,
        impact=Level.LOW,
        urgency=Level.MEDIUM,
    )


async def measure(sizes: list[int], filings: int, rounds: int) -> dict[int, float]:
    """The median CPU ms per filing for each history size, sizes taking turns."""
    config = load_services_config()
    figures: dict[int, list[float]] = {size: [] for size in sizes}
    for _ in range(rounds):
        for size in sizes:
            figures[size].append(await cost_per_filing(size, filings, config))
    return {size: statistics.median(values) for size, values in figures.items()}


def report(costs: dict[int, float]) -> tuple[list[str], bool]:
    """Lines saying the cost per filing for each size and whether the goal is met."""
    sizes = sorted(costs)
    lines = [f"filing with {size:>6,} stored: {costs[size]:.2f} ms cpu/ticket" for size in sizes]
    ratio = costs[sizes[-1]] / costs[sizes[0]]
    met = ratio <= GOAL_RATIO
    lines.append(
        f"filing cost ratio {sizes[-1]:,} / {sizes[0]:,} stored: {ratio:.2f} "
        f"(goal <= {GOAL_RATIO}: {'met' if met else 'NOT MET'})"
    )
    return lines, met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, nargs="+", default=[100, 20_000])
    parser.add_argument("--filings", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    import logging

    logging.disable(logging.WARNING)
    lines, met = report(asyncio.run(measure(args.stored, args.filings, args.rounds)))
    print("\n".join(lines))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
