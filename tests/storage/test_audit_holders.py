"""Audit lines that ride on an article or a problem suggestion (not a ticket) are found and
copied by the sweep like a ticket's, once."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.audit import AuditEntry, Outcome
from bot.domain.knowledge import Article, ArticleAction, ArticleChange, ArticleSource
from bot.domain.models import Language
from storage.articles import ArticleRepository
from storage.audit import ARTICLES, AuditLog
from storage.client import Database

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


async def test_a_line_left_on_an_article_is_swept_once(database: Database) -> None:
    log = AuditLog(database)
    await log.create_indexes()
    articles = ArticleRepository(database)
    article = Article(
        "kb-1", "Title", "Body", Language.EN, source=ArticleSource.SLACK, author="U0ANN"
    )
    line = AuditEntry("line-1", T0, "U0ANN", "article_published", Outcome.DONE, after="kb-1")
    change = ArticleChange("kb-1", T0, "U0ANN", ArticleAction.PUBLISHED)
    await articles.publish(article, change, line)  # the replica stopped before copying it

    pending = await log.pending(10)
    assert [(holder, doc, [e.id for e in lines]) for holder, doc, lines in pending] == [
        (ARTICLES, "kb-1", ["line-1"])
    ]
    for holder, document_id, lines in pending:
        await log.settle(document_id, lines, holder)
        await log.settle(document_id, lines, holder)  # twice: still one line
    assert await log.pending(10) == []
    stored = await log.between(T0, datetime(2027, 1, 1, tzinfo=UTC), 10)
    assert [(e.actor, e.action, e.after) for e in stored] == [
        ("U0ANN", "article_published", "kb-1")
    ]
    assert (await articles.get("kb-1")) is not None


async def test_a_refusal_is_added_as_one_line_read_back_as_written(database: Database) -> None:
    """A refusal's line is new by construction (its own id): inserted without the look-up of
    ``append``'s upsert, and read back like any other line."""
    log = AuditLog(database)
    await log.create_indexes()
    refused = AuditEntry(
        "line-2", T0, "U0OUT", "claim", Outcome.REFUSED, ticket_id="INC-1", note="NotAllowed"
    )
    await log.add(refused)
    stored = await log.between(T0, datetime(2027, 1, 1, tzinfo=UTC), 10)
    assert stored == [refused]
