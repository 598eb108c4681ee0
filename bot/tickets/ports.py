"""What filing and working need from Slack: post and refresh a ticket's message, tell its
requester, know who works a service."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from bot.domain.catalogue_request import FileRef
from bot.domain.models import (
    HistoryEntry,
    MessageRef,
    Outgoing,
    Ticket,
)
from bot.domain.outbox import Stored
from bot.domain.sent_dm import DeliveredDm, SentDm


class RequesterNotice(StrEnum):
    """What the requester is told by direct message."""

    FILED = "filed"
    POST_FAILED = "post_failed"
    FILED_LATE = "filed_late"  # recorded; its card waits in the outbox for Slack to take it
    CLAIMED = "claimed"
    ASSIGNED = "assigned"
    STATUS_CHANGED = "status_changed"
    RESOLVED = "resolved"  # asks "is it solved?"
    CLOSED = "closed"  # asks for a satisfaction rating
    REOPENED = "reopened"
    REASSIGNED = "reassigned"
    ACKNOWLEDGED = "acknowledged"
    EMERGENCY_DECLARED = "emergency_declared"
    NOT_EMERGENCY = "not_emergency"
    TYPE_CHANGED = "type_changed"  # an agent corrected its type
    UNASSIGNED = "unassigned"  # taken off its assignee: back in the queue


class AgentNotice(StrEnum):
    """What the people working a ticket are told, in its channel thread."""

    ASSIGNED = "assigned"
    REOPENED = "reopened"
    INFORMATION = "information"
    CANCELLED = "cancelled"


class ChannelNotifier(Protocol):
    """What the Slack side does at once: the ticket's card and thread, an earlier DM updated."""

    async def post_ticket(self, ticket: Ticket) -> MessageRef:
        """Post the ticket in its service's channel; raise ``DeliveryFailed`` when Slack refuses."""
        ...

    async def refresh_ticket(self, ticket: Ticket) -> None:
        """Update the ticket's channel message in place to show its current state (its last
        change included: the stored ticket's, whoever redraws it)."""
        ...

    async def mark_moved(self, old: MessageRef, ticket: Ticket, change: HistoryEntry) -> None:
        """Update the ticket's former channel message to say where it went."""
        ...

    async def retire_dm(self, dm: SentDm, ticket: Ticket, superseded: bool) -> None:
        """Take the buttons off an earlier DM and say what became of ``ticket``: its buttons
        are in the latest message (``superseded``) or there is nothing left to do. Raises
        ``DeliveryDeferred`` (try later) or ``DeliveryFailed`` (never)."""
        ...


class Notifier(ChannelNotifier, Protocol):
    """What the use cases call: the channel side, and the requester told through the outbox."""

    async def tell_agents(
        self,
        ticket: Ticket,
        notice: AgentNotice,
        actor: str,
        note: str | None = None,
        files: Sequence[FileRef] = (),
        at: datetime | None = None,
    ) -> None:
        """Tell the people working the ticket (a reply in its channel thread), naming the
        ``files`` that came with it; stored in the outbox first (``at``: when the change told
        happened, so a change told twice is stored once), tried at once, then again while
        Slack cannot take it."""
        ...

    async def tell_requester(self, ticket: Ticket, notice: RequesterNotice, actor: str) -> bool:
        """Tell the requester, in their language, what happened to their ticket (stored first,
        delivered now or later); whether it was delivered now."""
        ...

    async def retire_requester_dms(self, ticket: Ticket) -> None:
        """Take the buttons off the requester's DMs about ``ticket`` (ended) without telling
        them anything new: what they did themselves, where they did it, needs no DM. Stored
        before it is tried, tried again until Slack takes it."""
        ...


class RequesterDmPort(Protocol):
    """The Slack side of the requester's DMs (``bot/tickets/requester_dms.py``). Both raise
    ``DeliveryDeferred`` (try later) or ``DeliveryFailed`` (never)."""

    async def send_dm(
        self, ticket: Ticket, notice: RequesterNotice, actor: str, role: str
    ) -> DeliveredDm:
        """Post the DM with its metadata (the ticket and ``role``), never retried blindly."""
        ...

    async def find_dm(
        self, ticket: Ticket, notice: RequesterNotice, actor: str, role: str, since: datetime
    ) -> DeliveredDm | None:
        """The DM in ``role`` posted since ``since`` by an attempt whose answer was lost."""
        ...

    async def update_dm(
        self, dm: SentDm, ticket: Ticket, notice: RequesterNotice, actor: str
    ) -> DeliveredDm:
        """Make the DM ``dm`` say ``notice`` (with the buttons of the ticket as it stands)
        rather than post another: the same update made twice shows the same."""
        ...

    async def redraw_card(self, ticket: Ticket) -> MessageRef:
        """Update the ticket's card to the ticket as given (``ticket.message``)."""
        ...

    async def post_team_notice(self, ticket: Ticket, message: Outgoing, role: str) -> MessageRef:
        """Post the ``TEAM_NOTICE`` ``message`` in the ticket's channel thread with its
        metadata (the ticket and ``role``), never retried blindly."""
        ...

    async def find_team_notice(
        self, ticket: Ticket, role: str, since: datetime
    ) -> MessageRef | None:
        """That notice, posted since ``since`` by an attempt whose answer was lost."""
        ...


class Directory(Protocol):
    """Who may do what (``bot/governance/roster.py``): the services file's rosters."""

    async def may_work(self, ticket: Ticket, user: str) -> bool:
        """True when ``user`` may work ``ticket``: one of its service's people."""
        ...

    async def works_for(self, service: str, user: str) -> bool:
        """True when ``user`` may work ``service``'s tickets: one of its agents, a member of
        its user groups, its on-call staff (or of its channel, when the service says so)."""
        ...

    async def is_admin(self, user: str) -> bool:
        """True when ``user`` is one of the services file's ``admins``."""
        ...

    async def oncall_members(self, service: str) -> dict[str, list[str]]:
        """The members of the user groups ``service``'s on-call levels name, by group (as
        last synced; a group never synced has none)."""
        ...


class CardPort(Protocol):
    """What the card's delivery needs from Slack besides posting it (``bot/tickets/cards.py``)."""

    async def find_card(self, ticket: Ticket, since: datetime) -> MessageRef | None:
        """The card of ``ticket`` posted in its service's channel since ``since`` (told apart by
        the message's metadata), after an attempt whose answer was lost; ``None`` if absent."""
        ...

    async def report_undeliverable(self, ticket: Ticket, reason: str) -> None:
        """Tell the default service's channel (the service's agents when it is the default
        one) and the admins, by DM, that the card of ``ticket`` can never be posted, and why."""
        ...


class Courier(Protocol):
    """Delivers outbox items now, a person waiting for them (``bot/outbox``'s ``Deliveries``)."""

    async def deliver_now(self, item_ids: Iterable[str], now: datetime) -> int:
        """Try these items at once; what cannot go now stays queued. Returns how many went."""
        ...

    async def store_and_deliver(self, items: Sequence[tuple[str, Outgoing]], now: datetime) -> int:
        """Store ``(id, message)`` pairs in the outbox and try them at once (in fewer writes
        than storing, then delivering); what cannot go now stays queued. Returns how many
        went."""
        ...

    async def store(self, items: Sequence[tuple[str, Outgoing]], now: datetime) -> Stored:
        """The first half of ``store_and_deliver``: stored, not tried yet."""
        ...

    async def deliver_stored(self, stored: Stored, now: datetime) -> int:
        """The second half of ``store_and_deliver``: what ``store`` stored, tried at once."""
        ...
