"""What governance needs from Slack: a channel's members, a user group's members, and a
person's names (to take them out of texts when the person is erased); and from the rest of the
bot: what keeps a copy derived from stored data, told when erasure or retention changed it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from bot.domain.models import MessageRef


class Visibility(StrEnum):
    """What Slack says of a channel (``conversations.info``)."""

    PUBLIC = "public"
    PRIVATE = "private"
    MISSING = "missing"  # not found: does not exist, or a private channel Guichet is not in
    UNKNOWN = "unknown"  # Slack did not answer


class Membership(StrEnum):
    """Whether Guichet is in a channel, as Slack says (``conversations.info``'s ``is_member``)."""

    IN = "in"
    OUT = "out"  # a public channel Guichet was not invited to: it cannot post there
    MISSING = "missing"  # not found: no such channel, or a private one Guichet is not in
    UNKNOWN = "unknown"  # Slack did not answer


class ChannelMembers(Protocol):
    async def members(self, channel: str) -> frozenset[str]:
        """The channel's members (empty when Slack cannot say)."""
        ...


class UserGroups(Protocol):
    async def users(self, group: str) -> list[str] | None:
        """The members of the Slack user group ``group``; ``None`` when Slack cannot say
        (unknown group, missing scope, Slack down): the last synced list is kept then."""
        ...


class ChannelPrivacy(Protocol):
    async def visibility(self, channel: str) -> Visibility:
        """Whether ``channel`` is private, as Slack says."""
        ...

    async def membership(self, channel: str) -> Membership:
        """Whether Guichet is in ``channel``, as Slack says."""
        ...


class PersonNames(Protocol):
    async def names(self, user: str) -> tuple[str, ...]:
        """The names Slack knows ``user`` by (display name, real name); empty when Slack
        cannot say."""
        ...


class DerivedCopy(Protocol):
    """A copy in memory built from stored data (the knowledge base's search index, which holds
    the questions people asked): erasure and retention tell it what they took out of the
    database, so that it goes from memory at once, not at the next restart."""

    async def changed(self) -> None: ...


class TicketCards(Protocol):
    """The tickets' channel messages: redrawn from the stored ticket once erasure has taken a
    person out of it (the card showed their mention and the texts that named them)."""

    async def redraw_card(self, ticket_id: str) -> None: ...


@dataclass(frozen=True)
class DmSweep:
    """What one pass over an erased person's DMs with the bot did: how many of the bot's
    messages it deleted, and whether none is left (``False``: the budget ran out first)."""

    deleted: int
    finished: bool


class BotDirectMessages(Protocol):
    """The bot's own messages in its direct messages with a person (Slack lets an app delete
    the messages it posted, ``chat.delete``; the person's own words stay theirs and Slack's)."""

    async def delete_ours(self, person: str, channels: tuple[str, ...], budget: int) -> DmSweep:
        """Delete up to ``budget`` of them, replies in the DM's threads included, in the DM
        ``conversations.open`` gives for ``person`` and in ``channels``; raises
        ``DeliveryFailed`` when Slack could not answer (tried again later)."""
        ...


class Trace(StrEnum):
    """What the bot posted of an erased person in a thread: a copy of their files (a card's
    thread), a relay of their reply to the team (a card's thread), a relay of their reply to
    the requester (an agent's, in the requester's DM thread)."""

    FILES = "files"
    RELAY = "relay"
    REQUESTER_RELAY = "requester_relay"


@dataclass(frozen=True)
class CopySweep:
    """What one pass over a thread did: the copies of the erased person's files deleted, the
    Slack calls it spent (reads, deletes and updates, counted against the attempt's budget),
    whether the thread holds nothing of theirs any more (``False``: the budget ran out first),
    the relays of their replies redacted (to the team; to the requester), and, when not
    finished, what the thread still holds of them (``left``)."""

    files: int
    spent: int
    finished: bool
    relays: int = 0
    requester_relays: int = 0
    left: frozenset[Trace] = frozenset()


class BotFileCopies(Protocol):
    """What the bot posted of a person in a ticket's channel thread: its copies of their files
    (``bot/working/requester_files.py``), each a message of the bot's sharing them, its line
    naming the person; and its relays of their DM-thread replies
    (``handlers/conversation/relay.py``: "💬 @marie, who filed INC-1, replies: …"); and in a
    requester's DM thread, its relays of an agent's replies ("@alice (INC-1): …"). Slack lets
    an app delete the files and messages it posted (``files.delete``, ``chat.delete``) and
    update its messages (``chat.update``); the person's own uploads are theirs."""

    async def clean_thread(self, person: str, thread: MessageRef, budget: int) -> CopySweep:
        """Delete the copies of ``person``'s files in ``thread`` and the lines naming them, and
        replace each relay of their replies (to the team or to the requester) with one line
        saying a former employee's message was removed (the replies around it keep their
        place), spending about ``budget``
        Slack calls at most; raises ``DeliveryFailed`` when Slack could not answer (tried again
        later)."""
        ...
