"""The desk the problem tests run against."""

from __future__ import annotations

import pytest

from tests.e2e.harness import (
    Harness,
)
from tests.e2e.problems.outage import PEOPLE


@pytest.fixture
async def desk(bot: Harness) -> Harness:
    """The bot, with the requesters of the outage; the scheduler ticks only when a test says
    (its wake-ups would race the test's own ticks)."""
    for user, locale in PEOPLE.items():
        bot.slack.add_user(user, user[3:].lower(), locale=locale)
    await bot.guichet.scheduler.stop()
    return bot
