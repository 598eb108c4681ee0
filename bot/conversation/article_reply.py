"""An agent answers a ticket with a knowledge base article: it reaches the requester in the
ticket's DM thread (the same thread as the relayed replies) and is recorded in the history.
It goes through the stored outbox (``bot/conversation/article_delivery.py``): tried at once,
retried by the scheduler when Slack cannot take it now.

Authority comes from the stored ticket: only the people who work its service may, only while it
is open, and only with an article the knowledge base holds."""

from __future__ import annotations

import logging
import uuid
from enum import StrEnum

from bot.conversation.article_delivery import ArticleDelivery
from bot.conversation.relay import Conversation
from bot.domain.errors import DeliveryFailed, NotAllowed
from bot.domain.knowledge import Article
from bot.domain.models import Language, Outgoing, OutgoingKind, Ticket
from bot.domain.outbox import OutboxState
from bot.knowledge.base import KnowledgeBase
from bot.outbox.deliveries import Deliveries
from storage.outbox import OutboxRepository

log = logging.getLogger(__name__)


class ArticleNotFound(LookupError):
    """The chosen article is not (or no longer) in the knowledge base."""


class Sent(StrEnum):
    DELIVERED = "delivered"  # in the requester's DM thread now
    QUEUED = "queued"  # Slack could not take it now: the scheduler's ticks try again


class ArticleReplies:
    def __init__(
        self,
        conversation: Conversation,
        knowledge: KnowledgeBase,
        outbox: OutboxRepository,
        deliveries: Deliveries,
    ) -> None:
        self._conversation = conversation
        self._knowledge = knowledge
        self._outbox = outbox
        self._deliveries = deliveries
        deliveries.add_senders({OutgoingKind.ARTICLE: ArticleDelivery(conversation, knowledge)})

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
        await desk.refuse_ended(ticket)
        return ticket

    async def queue(self, ticket_id: str, user: str, article_id: str) -> tuple[Article, str]:
        """Store the article for the ticket's requester in the outbox; returns it and the
        outbox item's id. Raises ``TicketNotFound``, ``NotAllowed``, ``WrongStatus`` or
        ``ArticleNotFound`` (nothing queued then)."""
        ticket = await self.check(ticket_id, user)
        article = self._knowledge.article(article_id)
        if article is None:
            raise ArticleNotFound(article_id)
        now = self._conversation.desk.clock.now()
        item_id = f"{ticket.id}:article:{article.id}:{uuid.uuid4().hex[:12]}"
        message = Outgoing(
            OutgoingKind.ARTICLE, ticket.id, ticket.requester, about=article.id, actor=user
        )
        await self._outbox.add([(item_id, message)], now)
        return article, item_id

    async def deliver(self, item_id: str) -> Sent:
        """Try the queued article at once (the agent waits). Raises ``DeliveryFailed`` (Slack
        refused it for good; the history says so) or ``ArticleNotFound`` (retired, or the
        ticket closed, meanwhile)."""
        now = self._conversation.desk.clock.now()
        if await self._deliveries.deliver_now([item_id], now):
            return Sent.DELIVERED
        item = await self._outbox.get(item_id)
        if item is not None and item.state is OutboxState.FAILED:
            raise DeliveryFailed(item.last_error or "failed")
        if item is not None and item.state is OutboxState.CANCELLED:
            raise ArticleNotFound(item_id)
        return Sent.QUEUED
