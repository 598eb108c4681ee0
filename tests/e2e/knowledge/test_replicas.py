"""Replicas on one database search what any of them learned (or forgot) within a scheduler
tick: each tick compares the stored knowledge version with the one its index was built at and
rebuilds only when it moved (one read by ``_id`` otherwise)."""

from __future__ import annotations

import logging

import pytest

from tests.e2e.harness import DESK_AGENT, EMPLOYEE_FR, Harness
from tests.e2e.knowledge.asking import (
    COPIER,
    COPIER_TITLES,
    SLANG,
    answered,
    erase,
    reply_with_the_printer_article,
)

ANSWERED = [(EMPLOYEE_FR, "mail suspect chelou"), (DESK_AGENT, "suspicious email, chelou")]


def _rebuilds(caplog: pytest.LogCaptureFixture) -> int:
    return sum("article(s) indexed" in r.getMessage() for r in caplog.records)


async def test_a_replica_learns_and_forgets_within_a_tick(
    kb: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    other = kb.replica()
    assert await other.knowledge.load()  # its start-up
    caplog.set_level(logging.INFO, logger="bot.knowledge.base")

    await other.scheduler.tick()
    assert _rebuilds(caplog) == 0  # nothing changed: nothing read but the version

    await answered(kb, ANSWERED)  # on the first replica
    assert kb.guichet.knowledge.search(SLANG)  # learned there at once
    assert other.knowledge.search(SLANG) == []  # not yet here
    await other.scheduler.tick()
    assert [a.topic_key for a in other.knowledge.search(SLANG)] == ["phishing"]
    assert _rebuilds(caplog) == 1
    await other.scheduler.tick()
    assert _rebuilds(caplog) == 1  # once

    for title in COPIER_TITLES:  # an agent's "Reply with an article", delivered by the first
        await reply_with_the_printer_article(kb, title)
    await other.scheduler.tick()
    assert [a.topic_key for a in other.knowledge.search(COPIER)] == ["printer"]

    await erase(kb, EMPLOYEE_FR)  # on the first replica
    assert kb.guichet.knowledge.search(SLANG) == []
    await other.scheduler.tick()
    assert other.knowledge.search(SLANG) == []  # forgotten here too
