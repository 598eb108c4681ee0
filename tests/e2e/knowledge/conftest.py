"""``kb``: the bot with the sandbox's articles folder (``sandbox/knowledge/``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.config import load_services_config
from bot.domain.knowledge import KnowledgeConfig
from storage.client import Database
from tests.e2e.harness import SERVICES_FILE, Harness, running_bot

ARTICLES = Path(__file__).parents[3] / "sandbox" / "knowledge"


@pytest.fixture
async def kb(database: Database) -> AsyncIterator[Harness]:
    config = load_services_config(SERVICES_FILE)
    config = config.model_copy(update={"knowledge": KnowledgeConfig(folder=ARTICLES)})
    async with running_bot(database, config=config) as harness:
        yield harness
