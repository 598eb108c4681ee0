"""What the use cases need from the outside world, as protocols (Slack implements them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from bot.models import (
    HistoryEntry,
    MessageRef,
    Outgoing,
    OutgoingKind,
    ProblemSuggestion,
    Ticket,
)
from bot.stats import Day, Stats


class RequesterNotice(StrEnum):
    """What the requester is told by direct message."""

    FILED = "filed"
    POST_FAILED = "post_failed"
    CLAIMED = "claimed"
    ASSIGNED = "assigned"
    STATUS_CHANGED = "status_changed"
    RESOLVED = "resolved"  # asks "is it solved?"
    CLOSED = "closed"  # asks for a satisfaction rating
    REOPENED = "reopened"
    REASSIGNED = "reassigned"
    ACKNOWLEDGED = "acknowledged"


class AgentNotice(StrEnum):
    """What the people working a ticket are told, in its channel thread."""

    ASSIGNED = "assigned"
    REOPENED = "reopened"
    INFORMATION = "information"
    CANCELLED = "cancelled"


class Notifier(Protocol):
    async def post_ticket(self, ticket: Ticket, change: HistoryEntry | None = None) -> MessageRef:
        """Post the ticket in its service's channel; raise ``DeliveryFailed`` when Slack refuses."""
        ...

    async def refresh_ticket(self, ticket: Ticket, change: HistoryEntry | None) -> None:
        """Update the ticket's channel message in place to show its current state."""
        ...

    async def mark_moved(self, old: MessageRef, ticket: Ticket, change: HistoryEntry) -> None:
        """Update the ticket's former channel message to say where it went."""
        ...

    async def tell_requester(self, ticket: Ticket, notice: RequesterNotice, actor: str) -> None:
        """Tell the requester, in their language, what happened to their ticket."""
        ...

    async def tell_agents(
        self, ticket: Ticket, notice: AgentNotice, actor: str, note: str | None = None
    ) -> None:
        """Tell the people working the ticket (a reply in its channel thread)."""
        ...


class Directory(Protocol):
    async def may_work(self, ticket: Ticket, user: str) -> bool:
        """True when ``user`` may work ``ticket``: a member of its service's channel or one of
        the service's agents."""
        ...

    async def works_for(self, service: str, user: str) -> bool:
        """True when ``user`` may work ``service``'s tickets: one of its agents or on-call staff,
        or a member of its channel."""
        ...


@dataclass(frozen=True)
class ThreadReply:
    """A person's message in a thread: a ticket's channel thread or a requester's DM thread.

    ``text`` is as Slack sent it (already encoded: mentions, links); ``files`` counts the
    attachments, which are not relayed."""

    channel: str
    ts: str
    thread_ts: str
    author: str
    text: str
    files: int = 0


class RelayMark(StrEnum):
    """How the author of a reply sees what became of it (a reaction on their message)."""

    RELAYED = "relayed"
    INTERNAL = "internal"
    FAILED = "failed"


class Relay(Protocol):
    """Carries the conversation between a ticket's channel thread and its requester's DMs.
    Every method but ``mark`` and ``discard`` raises ``DeliveryFailed`` when Slack refuses."""

    async def open_requester_thread(self, ticket: Ticket) -> MessageRef:
        """Post a DM to the requester naming the ticket; its thread carries the conversation."""
        ...

    async def discard(self, ref: MessageRef) -> None:
        """Delete a DM thread root that lost the race to be the ticket's thread."""
        ...

    async def to_requester(self, ticket: Ticket, thread: MessageRef, reply: ThreadReply) -> None:
        """Post a team member's reply in the requester's DM thread."""
        ...

    async def to_team(self, ticket: Ticket, reply: ThreadReply) -> None:
        """Post the requester's reply in the ticket's channel thread."""
        ...

    async def mark(self, reply: ThreadReply, mark: RelayMark) -> None:
        """Show the author what became of their reply; failures are only logged."""


class Messenger(Protocol):
    """Delivers what the scheduler sends: reminders, pages, the last-level notice."""

    async def send(self, message: Outgoing, ticket: Ticket, now: datetime) -> MessageRef:
        """Deliver one message; raise ``DeliveryDeferred`` when it may work later (rate limit,
        Slack or network down) and ``DeliveryFailed`` when it never will."""
        ...

    async def show_acknowledged(
        self, ticket: Ticket, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        """Update every page already sent for ``ticket`` to say who acknowledged it, and when."""
        ...

    async def report_failure(self, message: Outgoing, ticket: Ticket, reason: str) -> None:
        """Tell the ticket's service channel that ``message`` could not be delivered."""
        ...


@dataclass(frozen=True)
class DigestPost:
    """One service's weekly digest: the week's figures and, when it had tickets, the chart."""

    service: str
    first_day: date
    last_day: date
    stats: Stats
    days: tuple[Day, ...]  # tickets filed each day, by type (what the chart shows)
    chart_png: bytes | None


class ReportPublisher(Protocol):
    """Posts the weekly digests in the service channels."""

    async def post_figures(self, digest: DigestPost) -> MessageRef:
        """Post the week's figures in the service's channel; raise ``DeliveryFailed`` when Slack
        refuses."""
        ...

    async def upload_chart(self, digest: DigestPost, figures: MessageRef) -> None:
        """Upload the chart (PNG) in the channel of ``figures``; raise ``DeliveryFailed``."""


class ProblemBoard(Protocol):
    """The Slack side of problems and storms: the suggestion in a service channel, the
    incidents linked in a problem's thread, and what their requesters are told. Every method
    raises ``DeliveryDeferred`` (for now: rate limit, Slack down) or ``DeliveryFailed``."""

    async def post_suggestion(
        self, suggestion: ProblemSuggestion, incidents: Sequence[Ticket]
    ) -> MessageRef:
        """Post the suggestion in its service channel, with "Create a problem" and
        "Not related"."""
        ...

    async def show_suggestion(
        self,
        suggestion: ProblemSuggestion,
        incidents: Sequence[Ticket],
        problem: Ticket | None = None,
    ) -> MessageRef:
        """Update the suggestion's message: the incidents it holds, or what was decided."""
        ...

    async def post_linked(self, parent: Ticket, incidents: Sequence[Ticket]) -> MessageRef:
        """A reply in the problem's (or emergency's) thread listing incidents just linked to
        it, each with an Unlink button."""
        ...

    async def show_ticket(self, ticket: Ticket) -> MessageRef:
        """Update the ticket's channel message to show it as it stands (its linked count)."""
        ...

    async def tell_requester(
        self, kind: OutgoingKind, incident: Ticket, about: Ticket | None
    ) -> MessageRef:
        """A direct message to the incident's requester, in their language: known issue
        (``about`` is the problem), grouped, separated, fixed."""
        ...

    async def report_failure(
        self, kind: OutgoingKind, incident: Ticket, about: Ticket | None, reason: str
    ) -> None:
        """Tell the people working ``about`` (or the incident's service) that a message could
        not be delivered; failures here are only logged."""
        ...
