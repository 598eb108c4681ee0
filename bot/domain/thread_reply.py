"""A person's message in a ticket's thread, as the relay carries it (and the outbox keeps it)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.catalogue_request import FileRef


@dataclass(frozen=True)
class ThreadReply:
    """A person's message in a thread: a ticket's channel thread or a requester's DM thread.

    ``text`` is as Slack sent it (already encoded: mentions, links); ``files`` counts the
    attachments, and ``attachments`` says which (ids, names, links: relayed as links, and
    kept in the ticket's history)."""

    channel: str
    ts: str
    thread_ts: str
    author: str
    text: str
    files: int = 0
    attachments: tuple[FileRef, ...] = ()
