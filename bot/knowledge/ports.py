"""What the knowledge base needs from storage: stored articles, the deflection records, the
questions learned and the marker of their changes."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any, Protocol

from bot.domain.audit import AuditEntry
from bot.domain.knowledge import Article, ArticleChange, DeflectionCounts


class ArticleStore(Protocol):
    async def active(self, limit: int = 10_000) -> list[Article]:
        """Every stored article not retired."""
        ...

    async def next_id(self) -> str: ...

    async def publish(
        self, article: Article, change: ArticleChange, audit_line: AuditEntry | None = None
    ) -> None:
        """Store a new article with its first history entry (and its audit line)."""
        ...

    async def get(self, article_id: str) -> Article | None: ...

    async def update(
        self,
        article_id: str,
        fields: dict[str, Any],
        change: ArticleChange,
        at: datetime,
        version: int | None = None,
        audit_line: AuditEntry | None = None,
    ) -> Article | None:
        """Change a stored article not retired (at ``version``) and record ``change`` (and its
        audit line, in the same update)."""
        ...


class DeflectionStore(Protocol):
    async def shown(
        self, user: str, question: str, articles: list[str], surface: str, at: datetime
    ) -> str:
        """Record suggestions shown; returns their id."""
        ...

    async def get(self, deflection_id: str) -> dict[str, Any] | None: ...

    async def answered(self, deflection_id: str, user: str, article: str) -> bool: ...

    async def ticket_filed(self, deflection_id: str, user: str, ticket_id: str) -> bool: ...

    async def counts(self, since: datetime, worst: int = 3) -> DeflectionCounts: ...


class LearnedQuestions(Protocol):
    async def learned(
        self, per_article: int, leaving_out: Collection[str] = ()
    ) -> dict[str, list[str]]:
        """Article id -> the questions people and agents said it answered, latest first; none
        from the tickets of the services ``leaving_out``."""
        ...


class KnowledgeVersion(Protocol):
    """A stored marker of the changes of what the index is built from (one per database)."""

    async def version(self) -> int: ...

    async def moved(self, at: datetime) -> int:
        """Record a change; returns the new version."""
        ...


class StoredVectors(Protocol):
    """The meaning check's article vectors kept in the database, by the hash of their text."""

    async def stored(self, keys: list[str]) -> dict[str, bytes]: ...

    async def keep(self, vectors: dict[str, bytes], at: datetime) -> None: ...

    async def purge(self, live: Collection[str], before: datetime) -> int:
        """Delete those kept before ``before`` that no key of ``live`` names; how many."""
        ...
