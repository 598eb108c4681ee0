"""Delivering an article an agent sent a requester, through the stored outbox.

"Reply with an article" carries work (the answer to a ticket), so it is stored before it is
sent, like the house's other messages (``bot/outbox/deliveries.py``): tried at once, as the
agent waits for it; when Slack is rate-limited or down, the scheduler's ticks try again; when it
can never go, the ticket's history says so. The ticket's history records the article once it
has reached the requester's DM thread.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from bot.conversation.relay import Conversation
from bot.domain.models import HistoryAction, HistoryEntry, MessageRef, Outgoing
from bot.knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)


class ArticleDelivery:
    """The outbox's ``Sender`` of ``OutgoingKind.ARTICLE``."""

    grouped = False

    def __init__(self, conversation: Conversation, knowledge: KnowledgeBase) -> None:
        self._conversation = conversation
        self._knowledge = knowledge

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        """Post the article in the requester's DM thread and record it; ``None`` when it is no
        longer wanted (the ticket closed or gone, the article retired meanwhile)."""
        message = messages[0]
        desk = self._conversation.desk
        ticket = await desk.tickets.get(message.ticket_id)
        article = self._knowledge.article(message.about or "")
        if ticket is None or article is None or not ticket.is_open:
            return None
        agent = message.actor or ""
        thread = await self._conversation.requester_thread(ticket, since)
        await self._conversation.relay.send_article(ticket, thread, article, agent)
        entry = HistoryEntry(ticket.id, now, agent, HistoryAction.ARTICLE_SENT, after=article.id)
        await desk.apply_change(ticket, entry, {}, expect={})
        log.info("ticket %s: article %s sent by %s", ticket.id, article.id, agent)
        return thread

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        """Never delivered: the ticket's history says so (the agent sees it in ``/ticket show``)."""
        desk = self._conversation.desk
        for message in messages:
            ticket = await desk.tickets.get(message.ticket_id)
            if ticket is None:
                continue
            entry = HistoryEntry(
                ticket.id,
                desk.clock.now(),
                message.actor or "",
                HistoryAction.RELAY_TO_REQUESTER_FAILED,
                after=message.about,
                note=reason,
            )
            await desk.apply_change(ticket, entry, {}, expect={})
            log.error("ticket %s: article %s never delivered: %s", ticket.id, message.about, reason)
