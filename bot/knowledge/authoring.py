"""Agents write articles from Slack: "Save as an article" on a resolved ticket opens a form
pre-filled from the ticket; publishing stores the article (MongoDB) with its history and puts it
in the search at once.

Authority comes from the stored ticket and the directory, never from the form: only the people
who work the ticket's service may publish from it, and only once it is resolved or closed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.errors import NotAllowed, WrongStatus
from bot.domain.knowledge import Article, ArticleAction, ArticleChange, ArticleSource
from bot.domain.models import Language, Status, Ticket
from bot.knowledge.audit import HOLDER, article_line
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.ports import ArticleStore
from bot.locales.i18n import t
from bot.tickets.audit_lines import settle
from bot.tickets.desk import TicketDesk

SAVABLE = frozenset({Status.RESOLVED, Status.CLOSED})


@dataclass(frozen=True)
class ArticleDraft:
    """What the agent wrote in the form."""

    title: str
    body: str
    language: Language
    tags: tuple[str, ...] = ()


def draft_from(ticket: Ticket, private: bool = False) -> ArticleDraft:
    """The form's starting point: the ticket's title, its description as the problem, and a
    heading under which the agent writes how it was solved. A ``private`` service's case gives
    the headings only: an article is shown to everyone, the case's words stay with its team
    unless the agent writes them again."""
    problem = "" if private else ticket.description.strip()
    body = t(ticket.language, "knowledge.save.draft", description=problem)
    return ArticleDraft(title="" if private else ticket.title, body=body, language=ticket.language)


def parse_tags(text: str) -> tuple[str, ...]:
    """``"vpn, phone ,remote"`` -> ("vpn", "phone", "remote"), without repeats or blanks."""
    seen: dict[str, None] = {}
    for tag in text.split(","):
        if tag.strip():
            seen.setdefault(tag.strip()[:40], None)
    return tuple(seen)


class ArticleAuthoring:
    def __init__(self, desk: TicketDesk, store: ArticleStore, knowledge: KnowledgeBase) -> None:
        self._desk = desk
        self._store = store
        self._knowledge = knowledge

    async def source_ticket(self, ticket_id: str, user: str) -> Ticket:
        """The ticket ``user`` may save as an article. Raises ``TicketNotFound``,
        ``NotAllowed`` (not one of its service's people) or ``WrongStatus`` (not resolved)."""
        ticket = await self._desk.require(ticket_id)
        if not await self._desk.directory.may_work(ticket, user):
            raise NotAllowed(ticket.service)
        if ticket.status not in SAVABLE:
            raise WrongStatus(ticket.id, ticket.status.value)
        return ticket

    async def publish(self, ticket_id: str, user: str, draft: ArticleDraft) -> Article:
        """Store the article written from ``ticket_id`` and index it (checks as above)."""
        ticket = await self.source_ticket(ticket_id, user)
        now = self._desk.clock.now()
        article = Article(
            id=await self._store.next_id(),
            title=draft.title.strip(),
            body=draft.body.strip(),
            language=draft.language,
            tags=draft.tags,
            service=ticket.service,
            source=ArticleSource.SLACK,
            author=user,
            from_ticket=ticket.id,
            updated_at=now,
        )
        change = ArticleChange(article.id, now, user, ArticleAction.PUBLISHED, note=ticket.id)
        line = article_line(change, ticket.id)
        await self._store.publish(article, change, line)
        await settle(self._desk.audit, article.id, [line], HOLDER)
        await self._knowledge.changed()
        return article
