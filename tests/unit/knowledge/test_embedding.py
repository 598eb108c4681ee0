"""The meaning check's article vectors at start-up: computed in the background (the word search
answers meanwhile, the meaning check joins once they are all known), kept in the database by
the hash of the text embedded, so a restart embeds nothing unchanged and an edited article is
one embedding. The model is the small deterministic one of ``test_semantic``."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest

from bot.domain.clock import ManualClock
from bot.domain.errors import StoreUnavailable
from bot.domain.knowledge import Article
from bot.domain.models import Language
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.semantic import Embed, SemanticCheck
from storage.article_vectors import ArticleVectorRepository
from storage.articles import ArticleRepository
from storage.client import Database
from storage.deflections import DeflectionRepository
from storage.knowledge_changes import KnowledgeChanges
from storage.learned_questions import LearnedQuestionRepository
from tests.unit.knowledge.test_semantic import ARTICLES, SLANG, _trigrams

NOW = datetime(2026, 12, 4, 9, tzinfo=UTC)


def _questions(texts: list[str]) -> np.ndarray:
    return _trigrams(["vpn"] * len(texts))  # reads SLANG as the VPN articles' meaning


class _Passages:
    """The VPN articles read as "vpn"; counts what it embeds; waits for ``go`` if given."""

    def __init__(self, go: threading.Event | None = None) -> None:
        self.go = go
        self.embedded = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        if self.go is not None:
            assert self.go.wait(5)
        self.embedded += len(texts)
        return _trigrams(["vpn" if "VPN" in text else text for text in texts])


def _base(
    database: Database,
    passages: _Passages,
    articles: list[Article],
    questions: Embed = _questions,
    semantic: SemanticCheck | None = None,
    clock: ManualClock | None = None,
) -> KnowledgeBase:
    return KnowledgeBase(
        articles,
        ArticleRepository(database),  # none stored
        DeflectionRepository(database),
        LearnedQuestionRepository(database),
        KnowledgeChanges(database),
        clock or ManualClock(NOW),
        semantic=semantic or SemanticCheck(questions, passages, "trigrams"),
        vectors=ArticleVectorRepository(database),
    )


async def test_the_word_search_answers_while_the_vectors_are_computed(database: Database) -> None:
    go = threading.Event()
    base = _base(database, _Passages(go), ARTICLES)
    assert await asyncio.wait_for(base.load(), 2)  # start-up does not wait for the model
    assert [a.id for a in base.search("add a printer")] == ["printer"]  # the word search
    assert base.search(SLANG, Language.FR) == []  # the meaning check not yet
    go.set()
    await asyncio.wait_for(base.embedded(), 5)
    assert [a.id for a in base.search(SLANG, Language.FR)] == ["vpn-fr"]
    assert await database.handle["article_vectors"].count_documents({}) == len(ARTICLES)


async def test_a_restart_embeds_nothing_unchanged_and_an_edit_once(database: Database) -> None:
    first = _Passages()
    base = _base(database, first, ARTICLES)
    await base.load()
    await base.embedded()
    assert first.embedded == len(ARTICLES)

    restarted = _Passages()
    base = _base(database, restarted, ARTICLES)
    await base.load()
    await base.embedded()
    assert restarted.embedded == 0  # every vector read back
    assert [a.id for a in base.search(SLANG, Language.FR)] == ["vpn-fr"]

    edited = dataclasses.replace(ARTICLES[2], title="Add a printer on floor 3")
    after_edit = _Passages()
    base = _base(database, after_edit, [*ARTICLES[:2], edited])
    await base.load()
    await base.embedded()
    assert after_edit.embedded == 1  # the edited text only
    assert [a.id for a in base.search(SLANG, Language.FR)] == ["vpn-fr"]
    await base.stop()


async def test_a_question_is_embedded_off_the_event_loop(database: Database) -> None:
    """An embedding takes 10-50 ms (more on a busy machine): the event loop, whose other
    requests wait for their acknowledgement, keeps running meanwhile."""
    release, embedded_on = threading.Event(), []

    def slow_questions(texts: list[str]) -> np.ndarray:
        embedded_on.append(threading.get_ident())
        assert release.wait(5)
        return _questions(texts)

    base = _base(database, _Passages(), ARTICLES, slow_questions)
    await base.load()
    await base.embedded()
    found = asyncio.create_task(base.find(SLANG, Language.FR))
    await asyncio.sleep(0.05)  # the loop runs while the model reads the question
    assert not found.done() and embedded_on
    release.set()
    assert [a.id for a in await found] == ["vpn-fr"]
    assert threading.get_ident() not in embedded_on
    assert [a.id for a in await base.find(SLANG, Language.FR)] == ["vpn-fr"]  # kept: no wait
    assert len(embedded_on) == 1


async def test_a_batch_embedded_while_stopping_is_not_embedded_again(database: Database) -> None:
    """A stop cancels the task while its thread finishes the batch (a thread cannot be
    interrupted): what the thread computed stays in the check's memory, so the next index built
    in the process (a restarted sandbox, the next test) does not embed it again."""
    go, started = threading.Event(), threading.Event()
    passages = _Passages(go)

    def embedding(texts: list[str]) -> np.ndarray:
        started.set()
        return passages(texts)

    check = SemanticCheck(_questions, embedding, "trigrams")
    base = _base(database, passages, ARTICLES, semantic=check)
    await base.load()
    assert await asyncio.to_thread(started.wait, 2)  # the thread is embedding the batch
    await asyncio.wait_for(base.stop(), 2)  # does not wait for the thread
    go.set()
    for _ in range(200):  # the thread finishes its batch after the stop
        if check.known(ARTICLES) is not None:
            break
        await asyncio.sleep(0.01)
    assert passages.embedded == len(ARTICLES)

    again = _base(database, passages, ARTICLES, semantic=check)
    await again.load()
    await again.embedded()
    assert passages.embedded == len(ARTICLES)  # nothing embedded twice
    assert [a.id for a in again.search(SLANG, Language.FR)] == ["vpn-fr"]


async def test_a_question_the_words_answer_takes_no_thread(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a question the meaning check must read goes to a worker thread: one the word
    search answers (most), or one that names no article, is answered on the event loop."""
    base = _base(database, _Passages(), ARTICLES)
    await base.load()
    await base.embedded()
    hops: list[object] = []

    async def to_thread(function: Any, *args: Any) -> Any:
        hops.append(function)
        return function(*args)

    monkeypatch.setattr("bot.knowledge.base.asyncio.to_thread", to_thread)
    assert [a.id for a in await base.find("add a printer")] == ["printer"]
    assert await base.find("the coffee machine is broken") == []
    assert hops == []
    assert [a.id for a in await base.find(SLANG, Language.FR)] == ["vpn-fr"]
    assert len(hops) == 1


async def _kept(database: Database) -> set[str]:
    return {d["_id"] for d in await database.handle["article_vectors"].find({}).to_list(None)}


async def test_vectors_no_article_uses_are_deleted_and_a_restart_embeds_nothing(
    database: Database,
) -> None:
    """The next day, the printer article edited and the English VPN one retired: their old
    texts' vectors go at start-up, the French VPN one's stays and is not embedded again; a
    restart after that embeds nothing."""
    first = _Passages()
    check = SemanticCheck(_questions, first, "trigrams")
    base = _base(database, first, ARTICLES)
    await base.load()
    await base.embedded()
    assert await _kept(database) == check.keys(ARTICLES)

    edited = dataclasses.replace(ARTICLES[2], title="Add a printer on floor 3")
    live = [ARTICLES[1], edited]
    next_day = ManualClock(NOW + timedelta(days=1))
    after = _Passages()
    base = _base(database, after, live, clock=next_day)
    await base.load()
    await base.embedded()
    assert after.embedded == 1  # the edited text only
    assert await _kept(database) == check.keys(live)
    assert [a.id for a in base.search(SLANG, Language.FR)] == ["vpn-fr"]

    restarted = _Passages()
    base = _base(database, restarted, live, clock=next_day)
    await base.load()
    await base.embedded()
    assert restarted.embedded == 0
    assert await _kept(database) == check.keys(live)
    await base.stop()


async def test_a_vector_kept_after_the_articles_were_read_stays(database: Database) -> None:
    """Another replica may keep the vector of an article published after this one read the
    articles: only vectors kept before the read are deleted, one ``delete_many``."""
    vectors = ArticleVectorRepository(database)
    await vectors.keep({"live": b"1", "edited-away": b"2"}, NOW)
    await vectors.keep({"published-since": b"3"}, NOW + timedelta(minutes=2))
    assert await vectors.purge({"live"}, NOW + timedelta(minutes=1)) == 1
    assert await _kept(database) == {"live", "published-since"}
    assert await vectors.purge({"live"}, NOW + timedelta(minutes=1)) == 0


async def test_vectors_not_deleted_are_one_warning_and_the_search_goes_on(
    database: Database, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def unavailable(*_: object) -> int:
        raise StoreUnavailable("no primary")

    monkeypatch.setattr(ArticleVectorRepository, "purge", unavailable)
    base = _base(database, _Passages(), ARTICLES)
    assert await base.load()
    await base.embedded()
    assert "old article vectors not deleted (no primary)" in caplog.text
    assert [a.id for a in base.search(SLANG, Language.FR)] == ["vpn-fr"]
