"""The conversation about a ticket: the team's replies in its channel thread reach the requester
by direct message (in one DM thread per ticket), and the requester's replies in that DM thread
reach the channel thread. A team reply starting with ``!note`` is an internal note: kept in the
channel, never relayed. Every relay and note is recorded in the ticket's history.

A relay carries work, so it goes through the stored outbox (``bot/conversation/relay_delivery.py``):
stored before it is sent (its id names the reply, so Slack delivering the event twice queues it
once), tried at once, retried with backoff by any replica when Slack cannot take it now, looked
for by its metadata after an answer lost; it is recorded (and its author shown the mark) once
delivered, or given up with a trace.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.conversation.ports import Relay, RelayMark, ThreadReply
from bot.conversation.relay_delivery import RelayCorrection, RelayDelivery
from bot.domain.errors import DeliveryFailed, NotAllowed
from bot.domain.models import (
    HistoryAction,
    HistoryEntry,
    MessageRef,
    Outgoing,
    OutgoingKind,
    Ticket,
)
from bot.domain.outbox import OutboxState, requester_files_item
from bot.domain.workflow import answered
from bot.governance.audit import AuditTrail
from bot.outbox.deliveries import Deliveries
from bot.tickets.desk import TicketDesk
from storage.outbox import OutboxRepository

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
    QUEUED = "queued"  # Slack could not take it now: the outbox tries again
    FAILED = "failed"
    IGNORED = "ignored"  # not a ticket's thread, or nothing to relay
    UNANNOUNCED = "unannounced"  # its ticket reached no team: nobody to relay it to


@dataclass(frozen=True)
class DmReplyRelay:
    """What became of a requester's reply under one of Guichet's DMs about their ticket:
    ``outcome``; ``ticket`` (``None``: erased); ``elsewhere``: the ticket's conversation thread
    when it is another DM thread than the one written in (where the team's answers arrive)."""

    outcome: RelayOutcome
    ticket: Ticket | None = None
    elsewhere: MessageRef | None = None


THREAD_ROLE = "requester_thread"
"""The role in its metadata of the DM whose thread carries a ticket's conversation."""


def relay_item(ticket: Ticket, reply: ThreadReply, kind: OutgoingKind) -> tuple[str, Outgoing]:
    """The outbox item relaying ``reply``: its id names the reply (one relay per reply)."""
    message = Outgoing(
        kind, ticket.id, about=f"{reply.channel}:{reply.ts}", actor=reply.author, reply=reply
    )
    return f"{ticket.id}:{kind.value}:{reply.channel}:{reply.ts}", message


class Conversation:
    def __init__(
        self,
        desk: TicketDesk,
        relay: Relay,
        outbox: OutboxRepository,
        deliveries: Deliveries,
        audit: AuditTrail | None = None,
    ) -> None:
        """``audit`` records a reply not relayed because its author does not work the ticket."""
        self.audit = audit
        self.desk = desk
        self.relay = relay
        self.outbox = outbox
        self._deliveries = deliveries
        sender = RelayDelivery(self)
        deliveries.add_senders(
            {
                OutgoingKind.RELAY_TO_REQUESTER: sender,
                OutgoingKind.RELAY_TO_TEAM: sender,
                OutgoingKind.RELAY_CORRECTED: RelayCorrection(self),
            }
        )

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
            await self.record(ticket, reply, HistoryAction.INTERNAL_NOTE)
            await self.relay.mark(reply, RelayMark.INTERNAL)
            return RelayOutcome.INTERNAL
        return await self._send(ticket, reply, OutgoingKind.RELAY_TO_REQUESTER)

    async def from_requester(self, reply: ThreadReply) -> RelayOutcome:
        """A reply in a DM thread: relay it to the channel if it is a ticket's requester thread."""
        tickets = self.desk.tickets
        ticket = await tickets.find_by_requester_thread(reply.channel, reply.thread_ts)
        if ticket is None or reply.author != ticket.requester:
            return RelayOutcome.IGNORED
        return await self._send(ticket, reply, OutgoingKind.RELAY_TO_TEAM)

    async def from_requester_dm(self, reply: ThreadReply, ticket_id: str) -> DmReplyRelay:
        """A reply in the thread of another DM Guichet sent about ``ticket_id`` (the thread's
        metadata says which; the stored ticket decides): relayed to the channel thread, as in
        the conversation thread, when its requester wrote it and a team has the ticket. A
        ticket without a conversation thread yet takes this one, so the team's answers come
        where the requester wrote. An ended ticket (a merged duplicate is closed) is relayed
        to, as the conversation thread is; one that reached no team is not."""
        ticket = await self.desk.tickets.get(ticket_id)
        if ticket is None or reply.author != ticket.requester:
            log.info(
                "a reply by %s under a DM about %s (%s) is not relayed",
                reply.author,
                ticket_id,
                "erased" if ticket is None else "not its requester",
                extra={"ticket_id": ticket_id},
            )
            return DmReplyRelay(RelayOutcome.IGNORED, ticket)
        if ticket.message is None:
            return DmReplyRelay(RelayOutcome.UNANNOUNCED, ticket)
        here = MessageRef(channel=reply.channel, ts=reply.thread_ts)
        thread = ticket.requester_thread or await self._store_thread(ticket, here)
        outcome = await self._send(ticket, reply, OutgoingKind.RELAY_TO_TEAM)
        return DmReplyRelay(outcome, ticket, None if thread == here else thread)

    async def corrected(
        self, reply: ThreadReply, deleted: bool, in_dm: bool, edit_ts: str
    ) -> RelayOutcome:
        """``reply`` (as it reads now; as it read, ``deleted``) was edited or deleted by its
        author in a ticket's channel thread or, ``in_dm``, its requester's DM thread: its copy
        on the other side follows, through the outbox (stored, retried; ``edit_ts``, Slack's
        timestamp of the edit, names this correction, so a redelivered event queues it once).
        Only a reply Guichet relayed has a copy; a note, or a reply it did not hear, has none."""
        tickets = self.desk.tickets
        if in_dm:
            ticket = await tickets.find_by_requester_thread(reply.channel, reply.thread_ts)
            kind = OutgoingKind.RELAY_TO_TEAM
        else:
            ticket = await tickets.find_by_message(reply.channel, reply.thread_ts)
            kind = OutgoingKind.RELAY_TO_REQUESTER
        if ticket is None:
            return RelayOutcome.IGNORED
        relay_id, _ = relay_item(ticket, reply, kind)
        correction = Outgoing(
            OutgoingKind.RELAY_CORRECTED,
            ticket.id,
            about=relay_id,
            actor=reply.author,
            reply=None if deleted else reply,
            token=edit_ts,
        )
        item_id = f"{relay_id}:corrected:{edit_ts}"
        await self._deliveries.store_and_deliver([(item_id, correction)], self.desk.clock.now())
        log.info(
            "ticket %s: a relayed reply %s by its author",
            ticket.id,
            "deleted" if deleted else "edited",
            extra={"ticket_id": ticket.id},
        )
        return RelayOutcome.QUEUED

    async def _send(self, ticket: Ticket, reply: ThreadReply, kind: OutgoingKind) -> RelayOutcome:
        """Store the relay, then try it now (the outbox's sender records it once delivered)."""
        now = self.desk.clock.now()
        item_id, message = relay_item(ticket, reply, kind)
        await self._deliveries.store_and_deliver([(item_id, message)], now)
        item = await self.outbox.get(item_id)
        if item is None or item.state is OutboxState.SENT:
            return RelayOutcome.RELAYED
        return RelayOutcome.FAILED if item.state is OutboxState.FAILED else RelayOutcome.QUEUED

    async def requester_thread(self, ticket: Ticket, since: datetime | None = None) -> MessageRef:
        """The requester's DM thread of ``ticket``, opened now if it has none yet. An earlier
        attempt to open it (for this relay, ``since`` its time, or for another one) may have
        posted it, its answer lost: it is looked for first, and adopted."""
        if ticket.requester_thread is not None:
            return ticket.requester_thread
        found = await self.relay.find_requester_thread(ticket, since or ticket.created_at)
        return await self._keep_thread(
            ticket, found or await self.relay.open_requester_thread(ticket)
        )

    async def _keep_thread(self, ticket: Ticket, ref: MessageRef) -> MessageRef:
        """Store the requester's DM thread ``ref`` of ``ticket``, just opened; when another
        reply started one at the same moment, keep theirs and delete ours."""
        kept = await self._store_thread(ticket, ref)
        if kept != ref:
            await self.relay.discard(ref)
        return kept

    async def _store_thread(self, ticket: Ticket, ref: MessageRef) -> MessageRef:
        """Make ``ref`` the conversation thread of ``ticket`` unless it has one by now (stored
        at the same moment by another reply): the one it keeps."""
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
        return current.requester_thread

    async def record(
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
            await self.desk.notifier.refresh_ticket(changed)
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

    async def copy_files(self, ticket: Ticket, reply: ThreadReply, now: datetime) -> None:
        """The files of a requester's reply relayed to the team, shared in their DM only (the
        relay's links open for the DM's two members): copied into the channel thread, once
        per reply (``bot/working/requester_files.py``)."""
        ids = [f.id for f in reply.attachments]
        if not ids or ticket.message is None:
            return
        token = f"relay:{reply.channel}:{reply.ts}"
        await self._deliveries.store_and_deliver(
            [requester_files_item(ticket.id, reply.author, ids, token)], now
        )

    async def failed(
        self, ticket: Ticket, reply: ThreadReply, action: HistoryAction, reason: str
    ) -> None:
        """The relay never will be delivered: logged, recorded, its author shown."""
        log.error(
            "ticket %s: could not relay a reply by %s: %s",
            ticket.id,
            reply.author,
            reason,
            extra={"ticket_id": ticket.id},
        )
        entry = HistoryEntry(ticket.id, self.desk.clock.now(), reply.author, action, note=reason)
        await self.desk.apply_change(ticket, entry, {}, expect={})
        await self.relay.mark(reply, RelayMark.FAILED)
