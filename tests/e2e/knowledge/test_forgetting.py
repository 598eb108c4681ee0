"""What the knowledge base learned goes from its search index as soon as it goes from the
database: a person erased (``/ticket privacy erase``) at once, closed tickets anonymised or
deleted and suggestions shown deleted by retention in the tick that did it; not at the next
article change or restart."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.config import load_services_config
from bot.domain.knowledge import KnowledgeConfig
from bot.domain.models import Status
from bot.domain.retention import ANONYMOUS
from storage.client import Database
from tests.e2e.harness import (
    DESK_AGENT,
    DESK_MEMBER,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    Harness,
    running_bot,
    services_file_with,
)
from tests.e2e.knowledge.asking import (
    COPIER,
    COPIER_TITLES,
    SLANG,
    answered,
    dm_answer,
    erase,
    reply_with_the_printer_article,
)
from tests.e2e.knowledge.conftest import ARTICLES

ANSWERED = [(EMPLOYEE_FR, "mail suspect chelou"), (DESK_AGENT, "suspicious email, chelou")]


async def test_an_erased_persons_questions_are_no_longer_searched(kb: Harness) -> None:
    await answered(kb, ANSWERED)
    learned = await dm_answer(kb, EMPLOYEE_EN, SLANG)
    assert "Report a suspicious email (phishing)" in str(learned["blocks"])  # learned

    await erase(kb, EMPLOYEE_FR)
    deflections = kb.guichet.database.handle["deflections"]
    assert await deflections.count_documents({"question": "mail suspect chelou"}) == 0
    # one "chelou" question is left: not enough to teach it (tests/e2e/knowledge/test_learning)
    after = await dm_answer(kb, EMPLOYEE_EN, SLANG)
    assert "could not find an article" in after["text"], after
    assert [a.topic_key for a in kb.guichet.knowledge.search(SLANG)] == []


async def test_an_erasure_that_changes_nothing_rebuilds_nothing(kb: Harness) -> None:
    changes = kb.guichet.database.handle["knowledge_changes"]
    await erase(kb, EMPLOYEE_EN)  # EMPLOYEE_EN never asked nor filed anything
    assert await changes.count_documents({}) == 0


RETENTION = """
retention:
  closed_tickets: 30d
  deflections: 30d
  batch: 10
"""


@pytest.fixture
async def kept_30_days(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    services_file = services_file_with(tmp_path, RETENTION)
    config = load_services_config(services_file)
    config = config.model_copy(update={"knowledge": KnowledgeConfig(folder=ARTICLES)})
    async with running_bot(database, config=config) as harness:
        yield harness


async def test_titles_of_tickets_retention_anonymised_are_no_longer_searched(
    kept_30_days: Harness,
) -> None:
    bot = kept_30_days
    ids = [await reply_with_the_printer_article(bot, title) for title in COPIER_TITLES]
    assert [a.topic_key for a in bot.guichet.knowledge.search(COPIER)] == ["printer"]  # learned
    for ticket_id in ids:
        await bot.choose(ticket_id, "ticket_status", "cancelled", DESK_MEMBER)

        async def cancelled(ticket_id: str = ticket_id) -> bool | None:
            return (await bot.ticket(ticket_id)).status is Status.CANCELLED or None

        await bot.eventually(cancelled, "cancelled")
    await bot.settled()

    await bot.tick(timedelta(days=29))  # not yet: still learned
    assert [a.topic_key for a in bot.guichet.knowledge.search(COPIER)] == ["printer"]
    await bot.tick(timedelta(days=2))  # anonymised, and forgotten by the same tick
    assert all([(await bot.ticket(i)).requester == ANONYMOUS for i in ids])
    assert bot.guichet.knowledge.search(COPIER) == []
    after = await dm_answer(bot, EMPLOYEE_EN, COPIER)
    assert "could not find an article" in after["text"], after


async def test_questions_of_suggestions_retention_deleted_are_no_longer_searched(
    kept_30_days: Harness,
) -> None:
    bot = kept_30_days
    await answered(bot, ANSWERED)
    deflections = bot.guichet.database.handle["deflections"]
    await bot.tick(timedelta(days=29))  # not yet: still learned
    assert [a.topic_key for a in bot.guichet.knowledge.search(SLANG)] == ["phishing"]
    await bot.tick(timedelta(days=2))  # deleted, and forgotten by the same tick
    assert await deflections.count_documents({}) == 0
    assert bot.guichet.knowledge.search(SLANG) == []
