"""Saved replies: an agent of the ticket's service picks one of its service's saved replies
(``saved_replies:`` in the services file, ``bot/domain/saved_replies.py``), in the requester's
language when it has it, may edit the text, and sends it. It reaches the requester in the
ticket's DM thread through the stored outbox, like "Reply with an article" (the same path:
``queued_replies.py``, ``requester_delivery.py``); the channel thread gets a line, the history
and the audit log record who sent which reply.

Authority comes from the stored ticket: its service (never the form's) says who may send and
which replies exist, so a forged key or ticket id grants nothing."""

from __future__ import annotations

from bot.conversation.ports import ThreadPost
from bot.conversation.queued_replies import QueuedReplies, ReplyGone
from bot.conversation.relay import Conversation
from bot.conversation.requester_delivery import RequesterDelivery
from bot.domain.config import ServicesConfig
from bot.domain.errors import GuichetError
from bot.domain.models import HistoryAction, Outgoing, OutgoingKind, Ticket
from bot.domain.saved_replies import SAVED_REPLY_TEXT_MAX, SavedReply
from bot.outbox.deliveries import Deliveries
from storage.outbox import OutboxRepository


class UnknownSavedReply(GuichetError):
    """The ticket's service has no saved reply by that key (none at all when ``key`` is
    ``None``)."""

    def __init__(self, service: str, key: str | None) -> None:
        super().__init__(f"{service} has no saved reply {key!r}")
        self.service = service
        self.key = key


class SavedReplyDelivery(RequesterDelivery):
    """The outbox's ``Sender`` of ``OutgoingKind.SAVED_REPLY``."""

    recorded = HistoryAction.SAVED_REPLY_SENT
    notes_team = True

    async def wanted(self, ticket: Ticket, message: Outgoing) -> bool:
        return ticket.is_open and bool(message.text)

    async def post(self, ticket: Ticket, post: ThreadPost, message: Outgoing) -> None:
        relay = self.conversation.relay
        await relay.send_saved_reply(
            ticket, post, message.about or "", message.text or "", message.actor or ""
        )


class SavedReplies(QueuedReplies):
    def __init__(
        self,
        conversation: Conversation,
        config: ServicesConfig,
        outbox: OutboxRepository,
        deliveries: Deliveries,
    ) -> None:
        super().__init__(conversation, outbox, deliveries)
        self._config = config
        deliveries.add_senders({OutgoingKind.SAVED_REPLY: SavedReplyDelivery(conversation)})

    def of_service(self, service: str) -> dict[str, SavedReply]:
        """The saved replies of ``service`` (none when the file no longer lists it)."""
        known = self._config.services.get(service)
        return dict(known.saved_replies) if known else {}

    async def choices(self, ticket_id: str, user: str) -> tuple[Ticket, dict[str, SavedReply]]:
        """The open ticket ``user`` may answer and its service's saved replies. Raises as
        ``check`` does, and ``UnknownSavedReply`` when its service has none."""
        ticket = await self.check(ticket_id, user)
        replies = self.of_service(ticket.service)
        if not replies:
            raise UnknownSavedReply(ticket.service, None)
        return ticket, replies

    async def queue(self, ticket_id: str, user: str, key: str, text: str) -> tuple[SavedReply, str]:
        """Store the reply ``key`` (its ``text`` as the agent left it) for the requester in the
        outbox; returns the reply and the outbox item's id. Raises as ``choices``,
        ``UnknownSavedReply`` for a key the STORED ticket's service does not have, ``ValueError``
        for an empty or too long text (nothing queued then)."""
        ticket, replies = await self.choices(ticket_id, user)
        if key not in replies:
            raise UnknownSavedReply(ticket.service, key)
        text = text.strip()
        if not text or len(text) > SAVED_REPLY_TEXT_MAX:
            raise ValueError("saved reply text empty or too long")
        message = Outgoing(
            OutgoingKind.SAVED_REPLY, ticket.id, ticket.requester, about=key, actor=user, text=text
        )
        return replies[key], await self.enqueue(message)


__all__ = ["ReplyGone", "SavedReplies", "SavedReplyDelivery", "UnknownSavedReply"]
