"""Articles published from Slack, and every change to them (``articles``, ``article_history``).

Folder articles live in git; these are the ones agents write in Slack. An article is one
document; a change is one conditional update (``version``) plus its history entry, so two agents
editing at once never lose one another's change silently.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING, ReturnDocument

from bot.domain.audit import AuditEntry
from bot.domain.knowledge import Article, ArticleAction, ArticleChange, ArticleSource
from bot.domain.models import Language
from storage.audit import PENDING, pending_document
from storage.client import Database, store_errors
from storage.indexes import ensure_index

PREFIX = "kb"


def _document(article: Article) -> dict[str, Any]:
    return {
        "_id": article.id,
        "title": article.title,
        "body": article.body,
        "language": article.language.value,
        "tags": list(article.tags),
        "service": article.service,
        "topic": article.topic,
        "retired": article.retired,
        "author": article.author,
        "from_ticket": article.from_ticket,
        "updated_at": article.updated_at,
        "version": 1,
    }


def _article(document: dict[str, Any]) -> Article:
    return Article(
        id=str(document["_id"]),
        title=str(document["title"]),
        body=str(document["body"]),
        language=Language(document["language"]),
        tags=tuple(document.get("tags") or ()),
        service=document.get("service"),
        topic=str(document.get("topic") or ""),
        source=ArticleSource.SLACK,
        retired=bool(document.get("retired")),
        author=document.get("author"),
        from_ticket=document.get("from_ticket"),
        updated_at=document.get("updated_at"),
        version=int(document.get("version") or 1),
    )


class ArticleRepository:
    def __init__(self, database: Database) -> None:
        self._articles = database.handle["articles"]
        self._history = database.handle["article_history"]
        self._counters = database.handle["counters"]

    @store_errors
    async def create_indexes(self) -> None:
        await ensure_index(self._articles, [("retired", ASCENDING)], name="by_retired")
        await ensure_index(
            self._history, [("article_id", ASCENDING), ("at", ASCENDING)], name="by_article"
        )

    @store_errors
    async def next_id(self) -> str:
        counter = await self._counters.find_one_and_update(
            {"_id": PREFIX}, {"$inc": {"seq": 1}}, upsert=True, return_document=ReturnDocument.AFTER
        )
        return f"{PREFIX}-{counter['seq']}"

    @store_errors
    async def publish(
        self, article: Article, change: ArticleChange, audit_line: AuditEntry | None = None
    ) -> None:
        """Store a new article and its first history entry; ``audit_line`` rides on the
        article in the same insert until it is copied to the log (``storage/audit.py``)."""
        document = _document(article)
        if audit_line is not None:
            document[PENDING] = [pending_document(audit_line)]
        await self._articles.insert_one(document)
        await self._history.insert_one(_change_document(change))

    @store_errors
    async def update(
        self,
        article_id: str,
        fields: dict[str, Any],
        change: ArticleChange,
        at: datetime,
        version: int | None = None,
        audit_line: AuditEntry | None = None,
    ) -> Article | None:
        """Change ``fields`` of a stored article not retired (still at ``version`` when given)
        and record ``change``; ``None`` when no such article is there (unknown, retired, or
        changed since ``version``): then nothing is written, ``audit_line`` included."""
        query: dict[str, Any] = {"_id": article_id, "retired": False}
        if version is not None:
            query["version"] = version
        update: dict[str, Any] = {"$set": {**fields, "updated_at": at}, "$inc": {"version": 1}}
        if audit_line is not None:
            update["$push"] = {PENDING: pending_document(audit_line)}
        stored = await self._articles.find_one_and_update(
            query, update, return_document=ReturnDocument.AFTER
        )
        if stored is None:
            return None
        await self._history.insert_one(_change_document(change))
        return _article(stored)

    @store_errors
    async def get(self, article_id: str) -> Article | None:
        document = await self._articles.find_one({"_id": article_id})
        return _article(document) if document else None

    @store_errors
    async def active(self, limit: int = 10_000) -> list[Article]:
        """Every article not retired (what the search indexes at start-up)."""
        documents = await self._articles.find({"retired": False}).to_list(limit)
        return [_article(d) for d in documents]

    @store_errors
    async def history(self, article_id: str) -> list[ArticleChange]:
        documents = (
            await self._history.find({"article_id": article_id}).sort("at", ASCENDING).to_list(500)
        )
        return [
            ArticleChange(
                article_id=d["article_id"],
                at=d["at"],
                actor=d["actor"],
                action=ArticleAction(d["action"]),
                note=d.get("note"),
            )
            for d in documents
        ]


def _change_document(change: ArticleChange) -> dict[str, Any]:
    return {
        "article_id": change.article_id,
        "at": change.at,
        "actor": change.actor,
        "action": change.action.value,
        "note": change.note,
    }
