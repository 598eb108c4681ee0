"""Delivering an article an agent sent a requester, through the stored outbox.

"Reply with an article" carries work (the answer to a ticket), so it is stored before it is
sent, like the house's other messages (``bot/conversation/requester_delivery.py``): tried at
once, as the agent waits for it; when Slack is rate-limited or down, the scheduler's ticks try
again; when it can never go, the ticket's history says so. The ticket's history records the
article once it has reached the requester's DM thread.
"""

from __future__ import annotations

from bot.conversation.ports import ThreadPost
from bot.conversation.relay import Conversation
from bot.conversation.requester_delivery import RequesterDelivery
from bot.domain.errors import DeliveryFailed
from bot.domain.models import HistoryAction, Outgoing, Ticket
from bot.knowledge.base import KnowledgeBase


class ArticleDelivery(RequesterDelivery):
    """The outbox's ``Sender`` of ``OutgoingKind.ARTICLE``."""

    recorded = HistoryAction.ARTICLE_SENT
    notes_team = True

    def __init__(self, conversation: Conversation, knowledge: KnowledgeBase) -> None:
        super().__init__(conversation)
        self._knowledge = knowledge

    async def wanted(self, ticket: Ticket, message: Outgoing) -> bool:
        """Not once the ticket ended or the article was retired meanwhile."""
        return ticket.is_open and self._knowledge.article(message.about or "") is not None

    async def post(self, ticket: Ticket, post: ThreadPost, message: Outgoing) -> None:
        article = self._knowledge.article(message.about or "")
        if article is None:  # retired between ``wanted`` and now: recorded as not sent
            raise DeliveryFailed(f"article {message.about} retired")
        await self.conversation.relay.send_article(ticket, post, article, message.actor or "")
        # the agent says the article answers the ticket: the search learns the requester's words
        # (not a private service's: ``KnowledgeBase.learn_from``)
        await self._knowledge.learn_from(article.id, ticket)
