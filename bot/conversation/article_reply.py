"""An agent answers a ticket with a knowledge base article: it reaches the requester in the
ticket's DM thread (the same thread as the relayed replies) and is recorded in the history.
It goes through the stored outbox (``bot/conversation/article_delivery.py``): tried at once,
retried by the scheduler when Slack cannot take it now.

Authority comes from the stored ticket: only the people who work its service may, only while it
is open, and only with an article the knowledge base holds (``queued_replies.py``)."""

from __future__ import annotations

import logging

from bot.conversation.article_delivery import ArticleDelivery
from bot.conversation.queued_replies import QueuedReplies, ReplyGone, Sent
from bot.conversation.relay import Conversation
from bot.domain.knowledge import Article
from bot.domain.models import Language, Outgoing, OutgoingKind
from bot.knowledge.base import KnowledgeBase
from bot.outbox.deliveries import Deliveries
from storage.outbox import OutboxRepository

log = logging.getLogger(__name__)

__all__ = ["ArticleNotFound", "ArticleReplies", "Sent"]


class ArticleNotFound(ReplyGone):
    """The chosen article is not (or no longer) in the knowledge base."""


class ArticleReplies(QueuedReplies):
    gone = ArticleNotFound

    def __init__(
        self,
        conversation: Conversation,
        knowledge: KnowledgeBase,
        outbox: OutboxRepository,
        deliveries: Deliveries,
    ) -> None:
        super().__init__(conversation, outbox, deliveries)
        self._knowledge = knowledge
        deliveries.add_senders({OutgoingKind.ARTICLE: ArticleDelivery(conversation, knowledge)})

    async def search(self, question: str, language: Language | None = None) -> list[Article]:
        """The articles an agent may pick from for ``question``, in the requester's
        ``language`` when a topic has it."""
        return await self._knowledge.find(question, language)

    async def queue(self, ticket_id: str, user: str, article_id: str) -> tuple[Article, str]:
        """Store the article for the ticket's requester in the outbox; returns it and the
        outbox item's id. Raises ``TicketNotFound``, ``NotAllowed``, ``WrongStatus`` or
        ``ArticleNotFound`` (nothing queued then)."""
        ticket = await self.check(ticket_id, user)
        article = self._knowledge.article(article_id)
        if article is None:
            raise ArticleNotFound(article_id)
        message = Outgoing(
            OutgoingKind.ARTICLE, ticket.id, ticket.requester, about=article.id, actor=user
        )
        return article, await self.enqueue(message)
