"""The test workspace with its service desk on office hours (Paris, French public holidays),
for the tests of business-time clocks; the clock starts on Friday 9 January 2026, 15:30 in
Paris."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from bot.domain.clock import ManualClock
from bot.domain.config import ServicesConfig, parse_services_config
from storage.client import Database
from tests.e2e.harness import SERVICES_FILE, Harness, running_bot

FRIDAY_1530 = datetime(2026, 1, 9, 14, 30, tzinfo=UTC)
MONDAY_0900 = datetime(2026, 1, 12, 8, 0, tzinfo=UTC)
CALENDAR = """
calendars:
  office:
    timezone: Europe/Paris
    hours:
      mon-fri: ["09:00-12:30", "13:30-18:00"]
    holidays: FR
sla:
  P4: {response: 2h, resolution: 8h, remind_every: 1h}
"""


def office_config() -> ServicesConfig:
    text = SERVICES_FILE.read_text(encoding="utf-8").replace(
        "    agents: [U0DESKAGENT]\n", "    agents: [U0DESKAGENT]\n    calendar: office\n", 1
    )
    return parse_services_config(text + CALENDAR)


@asynccontextmanager
async def office_bot(database: Database) -> AsyncIterator[Harness]:
    clock = ManualClock(FRIDAY_1530)
    async with running_bot(database, clock=clock, config=office_config()) as harness:
        yield harness
