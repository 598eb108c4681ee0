"""The stored articles when the database is down at start-up: the folder's articles are searched
at once, one warning line (no traceback), and the stored ones are indexed in the background as
soon as the database answers (bot/app/build.py retries ``load_stored``)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection
from datetime import UTC, datetime

import pytest

from bot.app.retry import RetryInBackground
from bot.domain.clock import ManualClock
from bot.domain.errors import StoreUnavailable
from bot.domain.knowledge import Article
from bot.domain.models import Language
from bot.knowledge.base import KnowledgeBase

FOLDER = Article(
    id="vpn",
    title="Set up the VPN",
    body="Install the client.",
    language=Language.EN,
    tags=("vpn",),
)
STORED = Article(
    id="kb-1",
    title="Printer jams on floor 3",
    body="Open tray 2.",
    language=Language.EN,
    tags=("printer",),
)


class _Store:
    """The stored articles behind a database that is down until ``up`` is set."""

    def __init__(self) -> None:
        self.up = False
        self.reads = 0

    async def active(self, limit: int = 10_000) -> list[Article]:
        self.reads += 1
        if not self.up:
            raise StoreUnavailable("127.0.0.1:27017: connection refused")
        return [STORED]


class _Learned:
    """No question answered yet (what the index learns from, read with the stored articles)."""

    async def learned(
        self, per_article: int, leaving_out: Collection[str] = ()
    ) -> dict[str, list[str]]:
        return {}


class _Changes:
    """The change marker: nothing changed (the articles' read is what fails)."""

    async def version(self) -> int:
        return 0

    async def moved(self, at: datetime) -> int:
        return 1


def _base(store: _Store) -> KnowledgeBase:
    clock = ManualClock(datetime(2026, 12, 4, 9, tzinfo=UTC))
    learned, changes = _Learned(), _Changes()
    return KnowledgeBase([FOLDER], store, None, learned, changes, clock)  # type: ignore[arg-type]


async def test_database_down_folder_articles_still_searched_with_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = _Store()
    base = _base(store)
    with caplog.at_level(logging.WARNING, logger="bot.knowledge.base"):
        assert await base.load() is False
    assert [a.id for a in base.search("vpn setup")] == ["vpn"]
    assert base.search("printer jams") == []
    [record] = [r for r in caplog.records if r.name == "bot.knowledge.base"]
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert "connection refused" in record.getMessage()


async def test_stored_articles_indexed_once_the_database_answers() -> None:
    store = _Store()
    base = _base(store)
    assert await base.load() is False
    retry = RetryInBackground(base.load_stored, "index the stored articles", 0.01)
    await retry.start()
    await asyncio.sleep(0.05)
    assert not retry.done.is_set() and store.reads > 1  # still down: asked again
    store.up = True
    await asyncio.wait_for(retry.done.wait(), timeout=2)
    assert [a.id for a in base.search("printer jams")] == ["kb-1"]
    assert [a.id for a in base.search("vpn setup")] == ["vpn"]
    await retry.stop()
