"""What the outbox holds, as the use cases see it: an item and the state it is in.

The values live here, under every layer, so that delivering (``bot/outbox``) works with them
without importing the repository's module for its types; ``storage/outbox.py`` stores them with
these exact field names and state values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from bot.domain.models import MessageRef, Outgoing, OutgoingKind


class OutboxState(StrEnum):
    """``pending`` until delivered (``sent``), given up (``failed``) or no longer wanted
    (``cancelled``)."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class OutboxItem:
    """One stored message: its id is derived from what it carries, so queuing it twice keeps
    one; ``next_attempt_at`` doubles as the delivery lease."""

    id: str
    message: Outgoing
    state: OutboxState
    attempts: int
    next_attempt_at: datetime | None
    created_at: datetime
    last_error: str | None = None
    sent: MessageRef | None = None
    # grouped kinds: the claim that first tried it, the token of the message that says it (the
    # items of one message stay one message, with one role, whenever they are tried again)
    sent_as: str | None = None
    # given up after attempts whose answers were all lost (``DeliveryDeferred.lost``): it may
    # have been delivered (a page counted as "maybe sent": ``bot/paging/unreachable.py``)
    maybe_sent: bool = False


@dataclass(frozen=True)
class Stored:
    """Items just stored to be tried at once: those the insert itself leased to the caller
    (their first attempt is the caller's), and the ids stored the usual way (a grouped kind,
    or an id stored before), delivered as any due item."""

    leased: tuple[OutboxItem, ...] = ()
    queued: tuple[str, ...] = ()


def message_role(message: Outgoing) -> str:
    """What tells ``message`` apart from its ticket's other messages in Slack's message metadata,
    so that an attempt whose answer was lost is found (and adopted) instead of sent again; a
    message that carries its outbox item's ``token`` is told apart from every other send too."""
    parts = [
        message.kind.value,
        message.recipient or "channel",
        message.about or "",
        str(message.level),
        str(message.number),
    ]
    if message.token is not None:
        parts.append(message.token)
    return ":".join(parts)


def team_note_role(role: str) -> str:
    """The role of the note a message to the requester leaves in the ticket's channel thread
    (an article or a saved reply sent), told apart from that message by this suffix alone."""
    return f"{role}:team_note"


def by_first_message(claimed: Sequence[OutboxItem]) -> list[list[OutboxItem]]:
    """Grouped items claimed together, by the message that first said them (``sent_as``), the
    oldest first: each goes as that message again, looked for by its token."""
    groups: dict[str | None, list[OutboxItem]] = {}
    for item in sorted(claimed, key=lambda claimed_item: claimed_item.created_at):
        groups.setdefault(item.sent_as, []).append(item)
    return list(groups.values())


def requester_files_item(
    ticket_id: str, uploader: str, file_ids: Sequence[str], token: str
) -> tuple[str, Outgoing]:
    """The outbox item copying into a ticket's thread the files ``uploader`` sent (in a form,
    or with a reply: ``bot/working/requester_files.py``); ``token`` names what they came with
    (one copy each)."""
    kind = OutgoingKind.REQUESTER_FILES
    message = Outgoing(kind, ticket_id, actor=uploader, text=" ".join(file_ids), token=token)
    return f"{ticket_id}:{kind.value}:{token}", message


NOT_COPIED = "not_copied"
"""The ``about`` of a ``REQUESTER_FILES`` item that tells the team its copy was given up."""


def not_copied_item(copy: Outgoing) -> tuple[str, Outgoing]:
    """The outbox item telling a ticket's thread that the files of ``copy`` (a
    ``requester_files_item``'s message) were not copied: one per copy given up."""
    message = replace(copy, about=NOT_COPIED)
    return f"{copy.ticket_id}:{copy.kind.value}:{copy.token}:{NOT_COPIED}", message
