"""The shared fakes of the use-case tests: one place, so each port is faked once and a change
to a port is a change here.

What is here stands in for Slack (the ports the use cases call: a notifier that records what it
was asked, a directory, an outbox sender), builds a ticket desk on the in-memory store, and
builds tickets with only the fields a test cares about. The clock is the domain's own
``ManualClock`` (re-exported here), the same one the sandbox drives.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.domain.catalogue_request import FileRef
from bot.domain.clock import ManualClock
from bot.domain.config import ServicesConfig, load_services_config
from bot.domain.due_times import EXPECT
from bot.domain.errors import DeliveryFailed
from bot.domain.models import (
    Classification,
    HistoryEntry,
    Language,
    Level,
    MessageRef,
    Outgoing,
    Priority,
    Status,
    Ticket,
    TicketType,
)
from bot.domain.sent_dm import SentDm
from bot.tickets.desk import ChangeHook, TicketDesk
from bot.tickets.ports import AgentNotice, Directory, Notifier, RequesterNotice
from storage.client import Database
from storage.tickets import TicketRepository

__all__ = [
    "SERVICES_FILE",
    "FakeSender",
    "KnownAgents",
    "ManualClock",
    "RecordingNotifier",
    "memory_desk",
    "ticket",
]

SERVICES_FILE = Path(__file__).parent / "data" / "services.yml"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def ticket(
    *,
    at: datetime = T0,
    service: str = "service_desk",
    confidence: float = 0.5,
    **fields: Any,
) -> Ticket:
    """A new incident filed ``at``, in ``service``, with ``fields`` (any ``Ticket`` field) set
    over plain defaults: a test names only what it is about."""
    base = Ticket(
        id="INC-1",
        type=TicketType.INCIDENT,
        title="t",
        description="d",
        impact=Level.MEDIUM,
        urgency=Level.MEDIUM,
        priority=Priority.P3,
        service=service,
        status=Status.NEW,
        requester="U1",
        language=Language.EN,
        created_at=at,
        updated_at=at,
        classification=Classification(service, confidence),
    )
    return replace(base, **fields)


@dataclass
class RecordingHomes:
    """The ``PagedHomes`` port: each call's people, in order (nothing is published here)."""

    refreshed: list[list[str]] = field(default_factory=list)

    async def refresh(self, users: Iterable[str]) -> None:
        self.refreshed.append(list(users))


@dataclass
class RecordingNotifier:
    """The ``Notifier`` port: records each call (``posts``: which ticket, in which service,
    showing which change); ``refuse`` makes the channel posts fail with
    that reason (as Slack's ``channel_not_found`` would)."""

    refuse: str | None = None
    posts: list[tuple[str, str, HistoryEntry | None]] = field(default_factory=list)
    """(ticket, service, its last change as posted)"""
    refreshed: list[str] = field(default_factory=list)
    moved: list[tuple[MessageRef, str]] = field(default_factory=list)
    told: list[tuple[str, RequesterNotice]] = field(default_factory=list)
    agents_told: list[tuple[str, AgentNotice]] = field(default_factory=list)
    retired: list[tuple[MessageRef, str]] = field(default_factory=list)
    retired_all: list[str] = field(default_factory=list)
    """the tickets whose requester's DMs lost their buttons with no new DM"""

    @property
    def posted(self) -> list[str]:
        """The ids of the tickets posted, in order."""
        return [ticket_id for ticket_id, _, _ in self.posts]

    async def post_ticket(self, ticket: Ticket) -> MessageRef:
        if self.refuse is not None:
            raise DeliveryFailed(self.refuse)
        self.posts.append((ticket.id, ticket.service, ticket.last_change))
        return MessageRef(f"C0{ticket.service.upper()}", f"{len(self.posts)}.0")

    async def refresh_ticket(self, ticket: Ticket) -> None:
        self.refreshed.append(ticket.id)

    async def mark_moved(self, old: MessageRef, ticket: Ticket, change: HistoryEntry) -> None:
        self.moved.append((old, ticket.service))

    async def tell_requester(self, ticket: Ticket, notice: RequesterNotice, actor: str) -> bool:
        self.told.append((ticket.id, notice))
        return True

    async def retire_dm(self, dm: SentDm, ticket: Ticket, superseded: bool) -> None:
        self.retired.append((dm.ref, ticket.id))

    async def retire_requester_dms(self, ticket: Ticket) -> None:
        self.retired_all.append(ticket.id)

    async def tell_agents(
        self,
        ticket: Ticket,
        notice: AgentNotice,
        actor: str,
        note: str | None = None,
        files: Sequence[FileRef] = (),
        at: datetime | None = None,
    ) -> None:
        self.agents_told.append((ticket.id, notice))


class KnownAgents:
    """The ``Directory`` port: ``users`` work every service; nobody else works any."""

    def __init__(self, *users: str) -> None:
        self.users = frozenset(users)

    async def may_work(self, ticket: Ticket, user: str) -> bool:
        return user in self.users

    async def works_for(self, service: str, user: str) -> bool:
        return user in self.users

    async def is_admin(self, user: str) -> bool:
        return False

    async def oncall_members(self, service: str) -> dict[str, list[str]]:
        return {}


class FakeSender:
    """An outbox ``Sender``: records what it sent; ``failures`` are raised first, in order."""

    def __init__(self, grouped: bool = False) -> None:
        self.grouped = grouped
        self.sent: list[list[str]] = []
        self.failures: list[Exception] = []
        self.given_up: list[str] = []
        self.since: list[datetime | None] = []  # of each message sent: where it was looked for
        self.tokens: list[set[str | None]] = []  # of each message sent: its messages' tokens

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append([message.ticket_id for message in messages])
        self.since.append(since)
        self.tokens.append({message.token for message in messages})
        return MessageRef("C1", str(len(self.sent)))

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        self.given_up += [message.ticket_id for message in messages]


class SilentMessenger:
    """An outbox ``Messenger`` for deliveries that queue no reminder or page: any call fails."""

    async def send(self, message: Outgoing, ticket: Ticket, now: datetime) -> MessageRef:
        raise AssertionError("no reminder or page is sent here")

    async def find_sent(
        self, message: Outgoing, ticket: Ticket, since: datetime
    ) -> MessageRef | None:
        raise AssertionError("no reminder or page is sent here")

    async def show_acknowledged(
        self, ticket: Ticket, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        raise AssertionError("no page is sent here")

    async def show_ended(
        self, ticket: Ticket, entry: HistoryEntry, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        raise AssertionError("no page is sent here")

    async def show_answered(
        self, ticket: Ticket, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        raise AssertionError("no reminder is sent here")

    async def report_failure(
        self, message: Outgoing, ticket: Ticket, reason: str, *, maybe_sent: bool = False
    ) -> None:
        raise AssertionError("no reminder or page is sent here")


async def memory_desk(
    database: Database,
    *,
    store: TicketRepository | None = None,
    config: ServicesConfig | None = None,
    clock: ManualClock | None = None,
    notifier: Notifier | None = None,
    directory: Directory | None = None,
    change_hooks: Iterable[ChangeHook] = (),
) -> TicketDesk:
    """A ticket desk on ``database`` (the in-memory store in unit tests), its indexes made,
    with the test services file, a manual clock, a recording notifier and nobody working
    anything unless told otherwise."""
    tickets = store or TicketRepository(database)
    await tickets.create_indexes()
    return TicketDesk(
        tickets=tickets,
        config=config or load_services_config(SERVICES_FILE),
        clock=clock or ManualClock(),
        notifier=notifier or RecordingNotifier(),
        directory=directory or KnownAgents(),
        change_hooks=list(change_hooks),
    )


def changed(hook: ChangeHook, ticket: Ticket, changes: dict[str, Any], at: datetime) -> Ticket:
    """``ticket`` as stored after ``changes`` and what ``hook`` derives from them (not the
    conditions it puts on the update)."""
    derived = {key: value for key, value in hook(ticket, changes, at).items() if key != EXPECT}
    return replace(ticket, **{**derived, **changes})
