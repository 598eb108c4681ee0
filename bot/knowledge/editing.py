"""Agents edit and retire the articles published from Slack.

Who may: the people who work the article's owning service (its roster) and the admins, as
``bot/governance/roster.py`` says; never the form or the button. Folder articles are kept in git
and changed there (reviewed like code), so Slack offers nothing on them. Every change is one
conditional write naming the version the agent started from, with its history entry; the
search is rebuilt at once, so a retired article is no longer suggested.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from bot.domain.clock import Clock
from bot.domain.errors import GuichetError
from bot.domain.knowledge import Article, ArticleAction, ArticleChange, ArticleSource
from bot.knowledge.audit import HOLDER, article_line
from bot.knowledge.authoring import ArticleDraft
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.ports import ArticleStore
from bot.tickets.audit_lines import settle
from bot.tickets.ports import Directory
from storage.audit import AuditLog


class Refusal(StrEnum):
    GONE = "gone"  # unknown or already retired
    FOLDER = "folder"  # kept in git, changed there
    NOT_ALLOWED = "not_allowed"  # neither one of its service's people nor an admin
    STALE = "stale"  # changed by someone else since it was opened


class EditRefused(GuichetError):
    def __init__(self, article_id: str, reason: Refusal) -> None:
        super().__init__(f"article {article_id}: {reason.value}")
        self.article_id = article_id
        self.reason = reason


class ArticleEditing:
    def __init__(
        self,
        directory: Directory,
        store: ArticleStore,
        knowledge: KnowledgeBase,
        clock: Clock,
        audit: AuditLog | None = None,
    ) -> None:
        """``audit``: the log each change's line is copied to (it rides on the article)."""
        self._audit = audit
        self._directory = directory
        self._store = store
        self._knowledge = knowledge
        self._clock = clock

    async def may_edit(self, article: Article, user: str) -> bool:
        """Whether ``user`` is offered Edit and Retire on ``article``."""
        if article.source is not ArticleSource.SLACK or article.retired:
            return False
        if await self._directory.is_admin(user):
            return True
        if not article.service:
            return False
        return await self._directory.works_for(article.service, user)

    async def editable(self, article_id: str, user: str) -> Article:
        """The stored article ``user`` may change, as it stands now. Raises ``EditRefused``."""
        article = await self._store.get(article_id)
        if article is None or article.retired:
            folder = self._knowledge.article(article_id)
            reason = Refusal.FOLDER if folder and folder.source is ArticleSource.FOLDER else None
            raise EditRefused(article_id, reason or Refusal.GONE)
        if not await self.may_edit(article, user):
            raise EditRefused(article_id, Refusal.NOT_ALLOWED)
        return article

    async def edit(self, article_id: str, user: str, draft: ArticleDraft, version: int) -> Article:
        """Replace the article's title, language, tags and text with ``draft``."""
        fields = {
            "title": draft.title.strip(),
            "body": draft.body.strip(),
            "language": draft.language.value,
            "tags": list(draft.tags),
        }
        return await self._change(article_id, user, version, fields, ArticleAction.EDITED)

    async def retire(self, article_id: str, user: str, version: int) -> Article:
        """Take the article out of the search (kept, with its history, for the record)."""
        return await self._change(
            article_id, user, version, {"retired": True}, ArticleAction.RETIRED
        )

    async def _change(
        self,
        article_id: str,
        user: str,
        version: int,
        fields: dict[str, Any],
        action: ArticleAction,
    ) -> Article:
        await self.editable(article_id, user)
        now = self._clock.now()
        change = ArticleChange(article_id, now, user, action)
        line = article_line(change)
        changed = await self._store.update(article_id, fields, change, now, version, line)
        if changed is None:
            raise EditRefused(article_id, Refusal.STALE)
        await settle(self._audit, article_id, [line], HOLDER)
        await self._knowledge.changed()
        return changed
