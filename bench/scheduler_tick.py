"""How long one scheduler tick takes with 100,000 tickets of which 100 are due.

    python -m bench.scheduler_tick [--tickets 100000] [--due 100] [--calendar]

Seeds the store (in memory; a throw-away database on the server when ``MONGODB_URI`` is set,
dropped afterwards) through ``TicketRepository.import_tickets``, then runs the real bot's
scheduler tick against the local Slack emulator of the tests (so the figure includes planning,
claiming, queuing and delivering every message over HTTP). It prints the time of the due query
alone, of the whole tick, what the tick did, and, on a real server, the due query's plan (the
index used and the documents examined: the 100 due ones, not the 100,000).

On the in-memory store (mongomock) every operation scans the whole collection (it has no
indexes, not even on ``_id``), so there the tick grows with the number of tickets: about three
single-ticket operations per due ticket, each a scan. On a MongoDB server each of those is an
``_id`` lookup and the due query an index range scan; ``--tickets 1000`` shows the tick's own
cost with scans made cheap. ``--calendar`` puts every service on office hours (Paris, public
holidays of France) so that the tick's reminders are planned in business time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import time
import uuid
from datetime import UTC, datetime, timedelta

from bot.app.build import build
from bot.app.settings import Settings
from bot.domain import due_times as schedule
from bot.domain.clock import ManualClock
from bot.domain.config import (
    BUNDLED_CONFIG,
    ServicesConfig,
    load_services_config,
    parse_services_config,
    read_config_text,
)
from bot.domain.models import Classification, Language, Level, Priority, Status, Ticket, TicketType
from sandbox.emulator import SlackEmulator
from storage.client import connect

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
TOKEN = "xoxb-bench"
BATCH = 500


def seed(count: int, due: int, config: ServicesConfig) -> list[Ticket]:
    """``count`` tickets: ``due`` of them late (stale P3s, and a tenth emergencies paging),
    about 40 % open with a due time ahead, the rest closed."""
    rng = random.Random(42)
    tickets = []
    for number in range(count):
        is_due = number < due
        emergency = is_due and number % 10 == 0
        ticket_type = TicketType.EMERGENCY if emergency else TicketType.INCIDENT
        priority = Priority.P1 if emergency else Priority.P3
        service = config.service_for_type(ticket_type)
        if is_due:  # filed long enough ago for its first reminder (or page) to be owed
            created = NOW - timedelta(hours=5, minutes=rng.randrange(60))
        else:
            created = NOW - timedelta(minutes=rng.randrange(1, 200))
        status = Status.NEW if is_due or rng.random() < 0.4 else Status.CLOSED
        initial = schedule.initial(ticket_type, priority, service, created, config)
        open_ticket = status is not Status.CLOSED
        tickets.append(
            Ticket(
                id=f"{'EMG' if emergency else 'INC'}-{number + 1}",
                type=ticket_type,
                title=f"Bench ticket {number}",
                description="Seeded by bench/scheduler_tick.py",
                impact=Level.MEDIUM,
                urgency=Level.MEDIUM,
                priority=priority,
                service=service,
                status=status,
                requester=f"U{number % 5000:07d}",
                language=Language.EN,
                created_at=created,
                updated_at=created,
                classification=Classification(service, 1.0),
                sla=initial.sla,
                paging=initial.paging,
                remind_at=initial.remind_at if open_ticket else None,
                next_ping_at=initial.next_ping_at if open_ticket else None,
            )
        )
    return tickets


OFFICE = """
calendars:
  office:
    timezone: Europe/Paris
    hours: {mon-fri: ["06:00-12:30", "13:30-20:00"]}
    holidays: FR
"""


def bench_config(calendar: bool) -> ServicesConfig:
    """The bundled services file; with ``calendar``, every service on office hours."""
    if not calendar:
        return load_services_config()
    text, source = read_config_text(None, "bot.domain", BUNDLED_CONFIG, "services file")
    text = text.replace("    channel: ", "    calendar: office\n    channel: ")
    return parse_services_config(text + OFFICE, source)


async def run(count: int, due: int, calendar: bool = False) -> None:
    config = bench_config(calendar)
    uri = os.environ.get("MONGODB_URI")
    database = connect(uri, f"guichet_bench_{uuid.uuid4().hex[:8]}")
    store = "MongoDB at MONGODB_URI" if uri else "in-memory store (mongomock, no indexes)"
    print(f"store: {store}; calendar: {'office hours' if calendar else 'none (24/7)'}")
    async with SlackEmulator(token=TOKEN) as slack:
        for service in config.services.values():
            slack.add_channel(f"C{uuid.uuid4().hex[:8].upper()}", name=service.channel[1:])
        settings = Settings(
            slack_bot_token=TOKEN,
            slack_signing_secret="bench",
            slack_api_url=slack.base_url,
            _env_file=None,
        )
        guichet = build(settings, config, database, clock=ManualClock(NOW))
        tickets = guichet.helpdesk.tickets
        try:
            await tickets.create_indexes()
            started = time.perf_counter()
            inserted = await tickets.import_tickets(seed(count, due, config))
            print(f"seeded {inserted:,} tickets in {time.perf_counter() - started:.1f} s")

            started = time.perf_counter()
            found = await tickets.due(NOW, BATCH)
            print(f"due query: {len(found)} due tickets in {_ms(started)} ms")

            started = time.perf_counter()
            report = await guichet.scheduler.tick()
            print(f"one tick: {_ms(started)} ms ({report})")
            posted = len([c for c in slack.calls_to("chat.postMessage") if c.ok])
            print(f"messages delivered to the Slack emulator: {posted}")

            started = time.perf_counter()
            again = await guichet.scheduler.tick()
            print(f"the next tick (nothing due): {_ms(started)} ms (claimed {again.claimed})")

            if database.persistent:
                plan = await tickets.explain_due(NOW, BATCH)
                print(
                    f"due query plan: {plan.stage}; index {plan.index}; keys examined "
                    f"{plan.keys_examined}; documents examined {plan.docs_examined}; "
                    f"returned {plan.returned}; {plan.millis} ms on the server"
                )
        finally:
            if database.persistent:
                await database.client.drop_database(database.handle.name)
            database.close()


def _ms(started: float) -> str:
    return f"{(time.perf_counter() - started) * 1000:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=100)
    parser.add_argument("--calendar", action="store_true", help="services on office hours")
    args = parser.parse_args()
    asyncio.run(run(args.tickets, args.due, args.calendar))


if __name__ == "__main__":
    main()
