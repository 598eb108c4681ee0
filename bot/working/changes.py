"""Changing a ticket safely, then telling the people concerned.

Every change reads the ticket, checks that what the person acting saw is still true, and writes
through ``TicketDesk.apply_change`` expecting what it read: of two simultaneous changes exactly one
wins, the other raises ``StaleTicket`` saying what happened. Writing and telling are two steps
(``write`` returns a ``Changed``; ``ChangeAnnouncer.announce`` tells), so a modal submission can
answer Slack in between.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.domain.approvals import ApprovalState
from bot.domain.card_changes import own_change_explains
from bot.domain.catalogue_request import FileRef
from bot.domain.errors import StaleTicket
from bot.domain.models import HistoryAction, HistoryEntry, Status, Ticket
from bot.domain.workflow import asks_if_solved
from bot.tickets.desk import TicketDesk
from bot.tickets.ports import AgentNotice, RequesterNotice

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Changed:
    """A change that was written: the ticket before and after, and its history entry."""

    before: Ticket
    ticket: Ticket
    entry: HistoryEntry
    files: tuple[FileRef, ...] = ()  # the files added with it (information from the requester)


class ChangeWriter:
    """What the use cases that change a ticket share."""

    def __init__(self, desk: TicketDesk) -> None:
        self.desk = desk

    def entry(
        self,
        ticket: Ticket,
        actor: str,
        action: HistoryAction,
        before: str | None = None,
        after: str | None = None,
        note: str | None = None,
    ) -> HistoryEntry:
        """A history entry of ``ticket`` now; enum values are stored as their plain text."""
        return HistoryEntry(
            ticket.id,
            self.desk.clock.now(),
            actor,
            action,
            None if before is None else str(before),
            None if after is None else str(after),
            note,
        )

    async def stale(self, ticket_id: str) -> StaleTicket:
        """The error telling what the ticket is now and what happened to it last."""
        return await self.desk.stale(ticket_id)

    async def check_seen(
        self, ticket: Ticket, seen: dict[str, Any], actor: str | None = None
    ) -> bool:
        """Raise ``StaleTicket`` unless the ticket still shows what the person acting saw, or
        (``actor`` given) what changed since is their own last change (they pressed a card
        drawn before it: not "changed before your click"). True when it shows what they saw;
        False when their own change moved it on: the caller acts from the ticket as it is."""
        moved = False
        for field, value in seen.items():
            current = getattr(ticket, field)
            if current == value:
                continue
            if actor is None or not own_change_explains(
                ticket.last_change, actor, field, value, current
            ):
                raise await self.stale(ticket.id)
            moved = True
        return not moved

    async def write(
        self,
        ticket: Ticket,
        entry: HistoryEntry,
        changes: dict[str, Any],
        expect: dict[str, Any],
        push: dict[str, Sequence[Any]] | None = None,
    ) -> Changed:
        """Apply ``changes`` (and ``push``: ``TicketDesk.apply_change``) if the stored ticket
        still matches ``expect``; else ``StaleTicket`` (nothing written)."""
        changed = await self.desk.apply_change(ticket, entry, changes, expect, push=push)
        if changed is None:
            raise await self.stale(ticket.id)
        return Changed(before=ticket, ticket=changed, entry=entry)


STATUS_NOTICES: dict[Status, RequesterNotice] = {
    Status.RESOLVED: RequesterNotice.RESOLVED,
    Status.CLOSED: RequesterNotice.CLOSED,
}


Follower = Callable[[Changed], Awaitable[None]]
"""What must happen once a change was told (a problem resolved resolves its incidents)."""


class ChangeAnnouncer:
    """Who hears about which change: the channel message always shows the ticket as it stands;
    the requester hears of assignments (and unassignments), status changes (not of their own
    cancel: the message they pressed says so), moves and type changes; the agents (in
    the ticket's thread) of what the requester did and of assignments made by someone else.
    Then the followers act on it."""

    def __init__(self, desk: TicketDesk, followers: Sequence[Follower] = ()) -> None:
        self.desk = desk
        self.followers = list(followers)

    async def announce(self, changed: Changed) -> Ticket:
        """Tell everyone concerned, then run the followers; returns the ticket as it stands
        afterwards."""
        ticket = await self._tell(changed)
        for follower in self.followers:
            try:
                await follower(changed)
            except Exception:  # the change and its announcement stand; the follower logs why
                log.exception("after %s of %s", changed.entry.action, changed.ticket.id)
        return ticket

    async def _tell(self, changed: Changed) -> Ticket:
        ticket, entry = changed.ticket, changed.entry
        notifier = self.desk.notifier
        if entry.action == HistoryAction.REASSIGNED:
            return await self._moved(changed)
        await notifier.refresh_ticket(ticket)
        by_requester = entry.actor == ticket.requester
        if entry.action == HistoryAction.ASSIGNED:
            await notifier.tell_requester(ticket, RequesterNotice.ASSIGNED, entry.actor)
            if ticket.assignee and ticket.assignee != entry.actor:
                await notifier.tell_agents(ticket, AgentNotice.ASSIGNED, entry.actor, at=entry.at)
        elif entry.action == HistoryAction.STATUS:
            notice = STATUS_NOTICES.get(ticket.status, RequesterNotice.STATUS_CHANGED)
            if notice is RequesterNotice.RESOLVED and not asks_if_solved(ticket):
                notice = RequesterNotice.STATUS_CHANGED  # told, not asked about their own fix
            cancelled_by_requester = by_requester and ticket.status is Status.CANCELLED
            if cancelled_by_requester:  # they did it where they read it: no DM to say so,
                await notifier.retire_requester_dms(ticket)  # only the buttons taken off
            else:
                await notifier.tell_requester(ticket, notice, entry.actor)
            withdrawn = ticket.approval == ApprovalState.WITHDRAWN.value  # no team saw it
            if by_requester and ticket.status is Status.CANCELLED and not withdrawn:
                await notifier.tell_agents(ticket, AgentNotice.CANCELLED, entry.actor, at=entry.at)
        elif entry.action == HistoryAction.CONFIRMED:
            await notifier.tell_requester(ticket, RequesterNotice.CLOSED, entry.actor)
        elif entry.action == HistoryAction.REOPENED:
            await notifier.tell_agents(ticket, AgentNotice.REOPENED, entry.actor, at=entry.at)
            await notifier.tell_requester(ticket, RequesterNotice.REOPENED, entry.actor)
        elif entry.action == HistoryAction.INFO_ADDED:
            await notifier.tell_agents(
                ticket, AgentNotice.INFORMATION, entry.actor, entry.note, changed.files, entry.at
            )
        elif entry.action == HistoryAction.TYPE_CHANGED:  # what they filed is now read otherwise
            await notifier.tell_requester(ticket, RequesterNotice.TYPE_CHANGED, entry.actor)
        elif entry.action == HistoryAction.UNASSIGNED:  # their last DM named who had it
            await notifier.tell_requester(ticket, RequesterNotice.UNASSIGNED, entry.actor)
        return ticket

    async def _moved(self, changed: Changed) -> Ticket:
        """The ticket went to another service: post it in the new channel, record where, update
        the old message to say where it went, tell the requester."""
        entry = changed.entry
        notifier = self.desk.notifier
        ticket = await self.desk.post(
            changed.ticket, entry, expect={"service": changed.ticket.service, "message": None}
        )
        if changed.before.message is not None:
            await notifier.mark_moved(changed.before.message, ticket, entry)
        await notifier.tell_requester(ticket, RequesterNotice.REASSIGNED, entry.actor)
        return ticket
