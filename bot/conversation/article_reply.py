"""An agent answers a ticket with a knowledge base article: it reaches the requester in the
ticket's DM thread (the same thread as the relayed replies) and is recorded in the history.

Authority comes from the stored ticket: only the people who work its service may, only while it
is open, and only with an article the knowledge base holds."""

from __future__ import annotations

import logging

from bot.conversation.relay import Conversation
from bot.domain.errors import NotAllowed, WrongStatus
from bot.domain.knowledge import Article
from bot.domain.models import HistoryAction, HistoryEntry, Language, Ticket
from bot.knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)


class ArticleNotFound(LookupError):
    """The chosen article is not (or no longer) in the knowledge base."""


class ArticleReplies:
    def __init__(self, conversation: Conversation, knowledge: KnowledgeBase) -> None:
        self._conversation = conversation
        self._knowledge = knowledge

    def search(self, question: str, language: Language | None = None) -> list[Article]:
        """The articles an agent may pick from for ``question``, in the requester's
        ``language`` when a topic has it."""
        return self._knowledge.search(question, language)

    async def check(self, ticket_id: str, user: str) -> Ticket:
        """The open ticket ``user`` may answer with an article (raises as ``send``)."""
        desk = self._conversation.desk
        ticket = await desk.require(ticket_id)
        if not await desk.directory.may_work(ticket, user):
            raise NotAllowed(ticket.service)
        if not ticket.is_open:
            raise WrongStatus(ticket.id, ticket.status.value)
        return ticket

    async def send(self, ticket_id: str, user: str, article_id: str) -> Article:
        """Send the article to the ticket's requester and record it. Raises
        ``TicketNotFound``, ``NotAllowed``, ``WrongStatus``, ``ArticleNotFound`` or
        ``DeliveryFailed`` (nothing recorded then)."""
        desk = self._conversation.desk
        ticket = await self.check(ticket_id, user)
        article = self._knowledge.article(article_id)
        if article is None:
            raise ArticleNotFound(article_id)
        thread = await self._conversation.requester_thread(ticket)
        await self._conversation.relay.send_article(ticket, thread, article, user)
        entry = HistoryEntry(
            ticket.id, desk.clock.now(), user, HistoryAction.ARTICLE_SENT, after=article.id
        )
        await desk.apply_change(ticket, entry, {}, expect={})
        log.info("ticket %s: article %s sent by %s", ticket.id, article.id, user)
        return article
