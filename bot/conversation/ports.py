"""What the conversation relay needs from Slack: the requester's DM thread, relayed replies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from bot.domain.knowledge import Article
from bot.domain.models import (
    MessageRef,
    Ticket,
)
from bot.domain.thread_reply import ThreadReply


class RelayMark(StrEnum):
    """How the author of a reply sees what became of it (a reaction on their message)."""

    RELAYED = "relayed"
    INTERNAL = "internal"
    FAILED = "failed"


@dataclass(frozen=True)
class ThreadPost:
    """Where a message the outbox owes the requester goes, and what tells it apart: the
    ticket's DM ``thread``, its ``role`` in Slack's message metadata, and ``found``: the copy an
    attempt whose answer was lost already posted there (adopted: not posted again); ``noted``:
    likewise, the team's note in the ticket's channel thread (``team_note_role``)."""

    thread: MessageRef
    role: str
    found: MessageRef | None = None
    noted: MessageRef | None = None


class Relay(Protocol):
    """Carries the conversation between a ticket's channel thread and its requester's DMs.
    Every method but ``mark`` and ``discard`` raises ``DeliveryFailed`` when Slack refuses."""

    async def open_requester_thread(self, ticket: Ticket) -> MessageRef:
        """Post a DM to the requester naming the ticket; its thread carries the conversation."""
        ...

    async def find_requester_thread(self, ticket: Ticket, since: datetime) -> MessageRef | None:
        """The DM thread root posted since ``since`` by an attempt whose answer was lost."""
        ...

    async def discard(self, ref: MessageRef) -> None:
        """Delete a DM thread root that lost the race to be the ticket's thread."""
        ...

    async def to_requester(
        self, ticket: Ticket, thread: MessageRef, reply: ThreadReply, role: str
    ) -> MessageRef:
        """Post a team member's reply in the requester's DM thread (``role`` in its metadata)."""
        ...

    async def to_team(self, ticket: Ticket, reply: ThreadReply, role: str) -> MessageRef:
        """Post the requester's reply in the ticket's channel thread (``role`` in its metadata)."""
        ...

    async def find_relayed(
        self, ticket: Ticket, thread: MessageRef, role: str, since: datetime
    ) -> MessageRef | None:
        """The relay in ``role`` posted in ``thread`` since ``since`` (its answer lost)."""
        ...

    async def correct(
        self, ticket: Ticket, relayed: MessageRef, reply: ThreadReply | None, to_requester: bool
    ) -> None:
        """The copy ``relayed`` of a reply its author edited (``reply``: as it reads now) or
        deleted (``None``): updated, or deleted (one already gone is fine)."""
        ...

    async def send_article(
        self, ticket: Ticket, post: ThreadPost, article: Article, author: str
    ) -> None:
        """Post a knowledge base article in the requester's DM thread (unless ``post`` found
        it there), signed by ``author``, and say so in the ticket's channel thread."""
        ...

    async def send_saved_reply(
        self, ticket: Ticket, post: ThreadPost, key: str, text: str, author: str
    ) -> None:
        """Post a saved reply's ``text`` (as the agent sent it) in the requester's DM thread
        (unless ``post`` found it there), signed by ``author``, and say so (the reply ``key``'s
        title) in the channel thread."""
        ...

    async def tell_merged(
        self, ticket: Ticket, post: ThreadPost, other: str, absorbed: bool, author: str
    ) -> None:
        """Tell the requester of ``ticket``, in its DM thread (unless ``post`` found it there),
        that it was merged into ticket ``other`` (``absorbed``: ``other`` was merged into it)."""
        ...

    async def mark(self, reply: ThreadReply, mark: RelayMark) -> None:
        """Show the author what became of their reply; failures are only logged."""
