"""The conversation about a ticket: the team's replies in its channel thread reach the requester
by direct message (in one DM thread per ticket), and the requester's replies in that DM thread
reach the channel thread. A team reply starting with ``!note`` is an internal note: kept in the
channel, never relayed. Every relay and note is recorded in the ticket's history.
"""

from __future__ import annotations

import logging
import re
from enum import StrEnum

from bot.conversation.ports import Relay, RelayMark, ThreadReply
from bot.domain.errors import DeliveryFailed, NotAllowed
from bot.domain.models import HistoryAction, HistoryEntry, MessageRef, Ticket
from bot.domain.workflow import answered
from bot.governance.audit import AuditTrail
from bot.tickets.desk import TicketDesk

log = logging.getLogger(__name__)

NOTE_MARKER = "!note"
# ``!note`` (any case) as the first word, after optional spaces or a leading formatting mark.
_NOTE = re.compile(r"^\s*[*_~]?!note(?![\w-])", re.IGNORECASE)


def is_internal_note(text: str) -> bool:
    """True when a reply is meant for the team only: it starts with ``!note``."""
    return bool(_NOTE.match(text))


class RelayOutcome(StrEnum):
    RELAYED = "relayed"
    INTERNAL = "internal"
    FAILED = "failed"
    IGNORED = "ignored"  # not a ticket's thread, or nothing to relay


class Conversation:
    def __init__(self, desk: TicketDesk, relay: Relay, audit: AuditTrail | None = None) -> None:
        """``audit`` records a reply not relayed because its author does not work the ticket."""
        self.audit = audit
        self.desk = desk
        self.relay = relay

    async def from_team(self, reply: ThreadReply) -> RelayOutcome:
        """A reply in a channel thread: relay it to the requester if it is a ticket's thread."""
        ticket = await self.desk.tickets.find_by_message(reply.channel, reply.thread_ts)
        if ticket is None or reply.author == ticket.requester:
            # Not a ticket, or the requester writing in the channel: they see the thread already.
            return RelayOutcome.IGNORED
        if not await self.desk.directory.may_work(ticket, reply.author):
            # Anyone may join a public channel: only the service's people speak for it.
            log.info(
                "ticket %s: a reply by %s, who does not work it, is not relayed",
                ticket.id,
                reply.author,
                extra={"ticket_id": ticket.id},
            )
            if self.audit is not None:
                refusal = NotAllowed(ticket.service)
                await self.audit.refused(reply.author, "thread_reply", ticket.id, refusal)
            return RelayOutcome.IGNORED
        if is_internal_note(reply.text):
            await self._record(ticket, reply, HistoryAction.INTERNAL_NOTE)
            await self.relay.mark(reply, RelayMark.INTERNAL)
            return RelayOutcome.INTERNAL
        try:
            thread = await self.requester_thread(ticket)
            await self.relay.to_requester(ticket, thread, reply)
        except DeliveryFailed as failure:
            return await self._failed(
                ticket, reply, HistoryAction.RELAY_TO_REQUESTER_FAILED, failure
            )
        await self._record(ticket, reply, HistoryAction.RELAYED_TO_REQUESTER)
        await self.relay.mark(reply, RelayMark.RELAYED)
        return RelayOutcome.RELAYED

    async def from_requester(self, reply: ThreadReply) -> RelayOutcome:
        """A reply in a DM thread: relay it to the channel if it is a ticket's requester thread."""
        tickets = self.desk.tickets
        ticket = await tickets.find_by_requester_thread(reply.channel, reply.thread_ts)
        if ticket is None or reply.author != ticket.requester:
            return RelayOutcome.IGNORED
        try:
            if ticket.message is None:
                raise DeliveryFailed("the ticket has no channel message")
            await self.relay.to_team(ticket, reply)
        except DeliveryFailed as failure:
            return await self._failed(ticket, reply, HistoryAction.RELAY_TO_TEAM_FAILED, failure)
        await self._record(ticket, reply, HistoryAction.RELAYED_TO_TEAM, resume=True)
        await self.relay.mark(reply, RelayMark.RELAYED)
        return RelayOutcome.RELAYED

    async def requester_thread(self, ticket: Ticket) -> MessageRef:
        """The requester's DM thread of ``ticket``, opened now if it has none yet."""
        return ticket.requester_thread or await self._open_thread(ticket)

    async def _open_thread(self, ticket: Ticket) -> MessageRef:
        """Start the requester's DM thread of ``ticket`` and store it; when another reply
        started one at the same moment, keep theirs and delete ours."""
        ref = await self.relay.open_requester_thread(ticket)
        entry = HistoryEntry(
            ticket.id, self.desk.clock.now(), "guichet", HistoryAction.CONVERSATION_OPENED
        )
        stored = await self.desk.apply_change(
            ticket, entry, {"requester_thread": ref}, expect={"requester_thread": None}
        )
        if stored is not None:
            return ref
        current = await self.desk.require(ticket.id)
        if current.requester_thread is None:  # cannot happen: the condition failed on it
            raise DeliveryFailed("the requester thread could not be recorded")
        await self.relay.discard(ref)
        return current.requester_thread

    async def _record(
        self, ticket: Ticket, reply: ThreadReply, action: HistoryAction, resume: bool = False
    ) -> None:
        """Record the relay; with ``resume``, the requester's answer also takes a ticket waiting
        on them back in progress (and its channel message shows it)."""
        entry = HistoryEntry(ticket.id, self.desk.clock.now(), reply.author, action)
        changes, expect = answered(ticket) if resume else ({}, {})
        changed = await self.desk.apply_change(ticket, entry, changes, expect)
        if changed is None:  # its status changed meanwhile: record the relay alone
            await self.desk.apply_change(ticket, entry, {}, expect={})
        elif changes:
            await self.desk.notifier.refresh_ticket(changed, entry)
        if reply.attachments:  # the ticket keeps references to the files shared
            files = ", ".join(f"{f.name} {f.permalink}".strip() for f in reply.attachments)
            shared = HistoryEntry(
                ticket.id, entry.at, reply.author, HistoryAction.FILES_SHARED, note=files
            )
            await self.desk.record(shared)
        log.info(
            "ticket %s: %s by %s",
            ticket.id,
            action,
            reply.author,
            extra={"ticket_id": ticket.id, "length": len(reply.text), "files": reply.files},
        )

    async def _failed(
        self, ticket: Ticket, reply: ThreadReply, action: HistoryAction, failure: DeliveryFailed
    ) -> RelayOutcome:
        log.error(
            "ticket %s: could not relay a reply by %s: %s",
            ticket.id,
            reply.author,
            failure.reason,
            extra={"ticket_id": ticket.id},
        )
        entry = HistoryEntry(
            ticket.id, self.desk.clock.now(), reply.author, action, note=failure.reason
        )
        await self.desk.apply_change(ticket, entry, {}, expect={})
        await self.relay.mark(reply, RelayMark.FAILED)
        return RelayOutcome.FAILED
