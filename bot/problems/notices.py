"""The messages of problems and storms, all through the stored outbox.

What is owed is queued first (``ProblemNotices.queue``), then delivered: at once when a person
is waiting for it (the requester of an incident just linked), else by the scheduler's ticks.
Each kind has a ``Sender`` (``bot/deliveries.py``) that checks, at delivery time, that the
message still makes sense (an incident unlinked meanwhile is not told it is a known issue), then
calls the ``ProblemBoard``:

- direct messages to requesters (known issue, grouped, separated, fixed) go at once when they
  answer one person's filing, and *paced* when they come in bulk: a problem fixed for 500
  people tells them over a few minutes, within ``problems.notices_per_minute``;
- the channel side is *grouped*: every incident linked to a problem since the last tick goes in
  one thread reply, and its message is updated once (its count), however many arrived.

Item ids say what and about what (``INC-7:fixed:PRB-2:...``), so queuing the same thing twice
(a retried request, a fan-out run again after a crash) keeps one: a repeat is a no-op.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import datetime

from bot.domain.errors import DeliveryDeferred, DeliveryFailed
from bot.domain.models import (
    HistoryAction,
    MessageRef,
    Outgoing,
    OutgoingKind,
    ProblemSuggestion,
    Status,
    SuggestionState,
    Ticket,
)
from bot.domain.outbox import message_role
from bot.outbox.deliveries import Deliveries
from bot.outbox.ports import Sender
from bot.problems.ports import ProblemBoard
from bot.tickets.desk import TicketDesk
from bot.tickets.requester_dms import LatestDms
from storage.outbox import OutboxRepository
from storage.problem_tickets import ProblemTickets
from storage.suggestions import SuggestionRepository

log = logging.getLogger(__name__)

DIRECT_KINDS = (
    OutgoingKind.KNOWN_ISSUE,
    OutgoingKind.GROUPED,
    OutgoingKind.SEPARATED,
    OutgoingKind.FIXED,
)
QUEUE_CHUNK = 500
_TICKET_ID = re.compile(r"^[A-Z]{3}-\d+$")
_SUGGESTION_ID = re.compile(r"^SUG-\d+$")

Item = tuple[str, Outgoing]


# --- what is owed ------------------------------------------------------------------------------
def direct(
    kind: OutgoingKind, incident: Ticket, about: str, tag: str = "", bulk: bool = False
) -> Item:
    """A direct message to ``incident``'s requester about a problem or a suggestion (one of
    many sent at once: ``bulk``)."""
    suffix = f":{tag}" if tag else ""
    message = Outgoing(kind, incident.id, recipient=incident.requester, about=about, bulk=bulk)
    return f"{incident.id}:{kind.value}:{about}{suffix}", message


def event(ticket: Ticket) -> str:
    """The change just made to ``ticket`` (a link, an unlink: its stored last change), as a part
    of the ids of what it owes: an incident linked, unlinked and linked again is owed each
    time (the first link's ids are taken: sent), and a retry of one event queues nothing twice."""
    change = ticket.last_change
    return change.at.isoformat() if change is not None else ""


def linked(incident: Ticket, parent_id: str) -> Item:
    """The incident's line in a reply in its problem's thread (once per link: ``event``)."""
    change = incident.last_change
    this_link = (
        change is not None and change.action is HistoryAction.LINKED and change.after == parent_id
    )
    suffix = f":{event(incident)}" if this_link else ""
    return f"{incident.id}:linked:{parent_id}{suffix}", Outgoing(
        OutgoingKind.LINKED, incident.id, about=parent_id
    )


def refresh(ticket_id: str, cause: str) -> Item:
    """An update of ``ticket_id``'s channel message (``cause`` keeps the ids of two causes
    apart; updates waiting together are made once)."""
    return f"{ticket_id}:refresh:{cause}", Outgoing(
        OutgoingKind.REFRESH, ticket_id, about=ticket_id
    )


def linked_shown(parent_id: str, reply: MessageRef, tag: str) -> Item:
    """A redraw of the ``reply`` listing incidents in ``parent_id``'s thread (``tag``: the
    problem's ending it shows, so a problem fixed again after a reopening redraws again)."""
    message = Outgoing(OutgoingKind.LINKED_SHOWN, parent_id, about=parent_id, ref=reply)
    return f"{parent_id}:linked_shown:{reply.ts}:{tag}", message


def recurrence(incident: Ticket, parent_id: str) -> Item:
    """A reply in ``incident``'s thread: it matches ``parent_id``, fixed a short while ago."""
    message = Outgoing(OutgoingKind.RECURRENCE, incident.id, about=parent_id)
    return f"{incident.id}:recurrence:{parent_id}", message


def recurrence_shown(
    incident_id: str, parent_id: str, reply: MessageRef, tag: str, actor: str | None = None
) -> Item:
    """A redraw of the possible-recurrence ``reply`` in ``incident_id``'s thread about
    ``parent_id`` (``tag``: what it follows, a reopening or a link; ``actor``: who linked)."""
    message = Outgoing(
        OutgoingKind.RECURRENCE_SHOWN, incident_id, about=parent_id, ref=reply, actor=actor
    )
    return f"{incident_id}:recurrence_shown:{parent_id}:{reply.ts}:{tag}", message


def suggestion_refresh(suggestion_id: str, incident_id: str) -> Item:
    return f"{suggestion_id}:refresh:{incident_id}", Outgoing(
        OutgoingKind.SUGGESTION, incident_id, about=suggestion_id
    )


class ProblemNotices:
    def __init__(
        self,
        desk: TicketDesk,
        queries: ProblemTickets,
        suggestions: SuggestionRepository,
        outbox: OutboxRepository,
        deliveries: Deliveries,
        board: ProblemBoard,
        latest_dms: LatestDms,
    ) -> None:
        self.desk = desk
        self.queries = queries
        self.suggestions = suggestions
        self.outbox = outbox
        self.deliveries = deliveries
        self.board = board
        self.latest_dms = latest_dms  # the requesters' DMs: only the latest keeps buttons
        deliveries.add_senders(self.senders())

    async def queue(self, items: Sequence[Item], at_once: Sequence[str] = ()) -> None:
        """Store ``items`` in the outbox, then try those of ids ``at_once`` right away (the
        rest goes with the next ticks)."""
        now = self.desk.clock.now()
        for start in range(0, len(items), QUEUE_CHUNK):
            await self.outbox.add(list(items[start : start + QUEUE_CHUNK]), now)
        if at_once:
            await self.deliveries.deliver_now(at_once, now)

    def senders(self) -> dict[OutgoingKind, Sender]:
        direct_sender = _Direct(self)
        return {
            **{kind: direct_sender for kind in DIRECT_KINDS},
            OutgoingKind.LINKED: _Linked(self),
            OutgoingKind.REFRESH: _Refresh(self),
            OutgoingKind.LINKED_SHOWN: _LinkedShown(self),
            OutgoingKind.RECURRENCE: _Recurrence(self),
            OutgoingKind.RECURRENCE_SHOWN: _RecurrenceShown(self),
            OutgoingKind.SUGGESTION: _SuggestionShown(self),
        }

    async def linked_reply(self, incident_id: str, parent_id: str) -> tuple[MessageRef, list[str]]:
        """Where the reply listing ``incident_id`` in ``parent_id``'s thread landed, as the
        outbox stored it when delivering it, and the incidents it lists; raises ``LookupError``
        when no such reply was delivered. A button's payload may name any message: updates go
        to this one."""
        sent = await self.outbox.sent_for(incident_id, [OutgoingKind.LINKED])
        refs = [ref for message, ref in sent if message.about == parent_id]
        if not refs:
            raise LookupError(f"no reply lists {incident_id} in {parent_id}'s thread")
        listed = await self.outbox.sent_together(OutgoingKind.LINKED, parent_id, refs[-1])
        return refs[-1], listed

    async def recurrence_replies(self, parent_id: str) -> list[tuple[str, MessageRef]]:
        """The incidents told as a possible recurrence of ``parent_id`` and where each reply
        landed, oldest first."""
        sent = await self.outbox.sent_about(OutgoingKind.RECURRENCE, parent_id)
        return [(message.ticket_id, ref) for message, ref in sent]

    async def linked_replies(self, parent_id: str) -> list[MessageRef]:
        """Every reply delivered in ``parent_id``'s thread listing incidents linked to it."""
        return await self.outbox.sent_refs(OutgoingKind.LINKED, parent_id)

    # --- reading what a message is about --------------------------------------------------------
    async def ticket(self, ticket_id: str | None) -> Ticket | None:
        if not ticket_id or not _TICKET_ID.match(ticket_id) or _SUGGESTION_ID.match(ticket_id):
            return None
        return await self.desk.tickets.get(ticket_id)

    async def suggestion(self, suggestion_id: str | None) -> ProblemSuggestion | None:
        if not suggestion_id or not _SUGGESTION_ID.match(suggestion_id):
            return None
        return await self.suggestions.get(suggestion_id)


# --- delivering each kind ----------------------------------------------------------------------
class _KindSender:
    """The ``Sender`` of one kind, reading what its messages are about through the notices."""

    grouped = True

    def __init__(self, notices: ProblemNotices) -> None:
        self.notices = notices


class _Direct(_KindSender):
    grouped = False

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        message = messages[0]
        incident = await self.notices.ticket(message.ticket_id)
        if incident is None:
            return None
        about = await self.notices.ticket(message.about)
        if not await self._wanted(message, incident, about):
            return None
        board, role = self.notices.board, message_role(message)
        found = await board.find_told(message.kind, incident, about, role, since) if since else None
        sent = found or await board.tell_requester(message.kind, incident, about, role)
        await self.notices.latest_dms.took_over(incident, sent)
        return sent.ref

    async def _wanted(self, message: Outgoing, incident: Ticket, about: Ticket | None) -> bool:
        """Whether the message still says the truth about the incident."""
        kind = message.kind
        if kind is OutgoingKind.KNOWN_ISSUE:
            return incident.is_open and about is not None and incident.problem_id == about.id
        if kind is OutgoingKind.FIXED:
            return incident.status in (Status.RESOLVED, Status.CLOSED)
        if kind is OutgoingKind.SEPARATED:
            return incident.problem_id is None
        suggestion = await self.notices.suggestion(message.about)  # GROUPED
        return (
            incident.is_open
            and suggestion is not None
            and suggestion.state is SuggestionState.PENDING
            and incident.id in suggestion.held
        )

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        for message in messages:
            incident = await self.notices.ticket(message.ticket_id)
            if incident is not None:
                about = await self.notices.ticket(message.about)
                await self.notices.board.report_failure(message.kind, incident, about, reason)


class _Linked(_KindSender):
    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        parent = await self.notices.ticket(messages[0].about)
        if parent is None or parent.message is None:
            return None
        incidents = await self.notices.queries.get_many([m.ticket_id for m in messages])
        still = [incident for incident in incidents if incident.problem_id == parent.id]
        if not still:
            return None
        board, role = self.notices.board, message_role(messages[0])  # its token: the group's
        # tried before (``since``): that attempt may have posted it, its answer lost
        found = await board.find_linked(parent, role, since) if since else None
        ref = found or await board.post_linked(parent, still, role)
        try:  # and the problem's message shows its new count
            await self.notices.board.show_ticket(parent)
        except DeliveryFailed as failure:  # the reply went out: the count comes next tick
            log.warning("%s's count not updated (%s): retried", parent.id, failure.reason)
            await self.notices.queue([refresh(parent.id, f"linked:{ref.ts}")])
        return ref

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        log.error(
            "could not list %d linked incidents in %s: %s", len(messages), messages[0].about, reason
        )


class _Refresh(_KindSender):
    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        ticket = await self.notices.ticket(messages[0].about)
        if ticket is None or ticket.message is None:
            return None
        return await self.notices.board.show_ticket(ticket)

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        log.error("could not update the message of %s: %s", messages[0].about, reason)


class _LinkedShown(_KindSender):
    """A reply of a problem's thread redrawn: its incidents as they stand (the ones its fix
    resolved without their Unlink button)."""

    grouped = False

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        message = messages[0]
        parent = await self.notices.ticket(message.about)
        if parent is None or message.ref is None:
            return None
        listed = await self.notices.outbox.sent_together(
            OutgoingKind.LINKED, parent.id, message.ref
        )
        incidents = await self.notices.queries.get_many(listed)
        return await self.notices.board.show_linked(parent, incidents, message.ref)

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        log.error(
            "a reply listing the incidents of %s still shows their Unlink buttons: %s",
            messages[0].about,
            reason,
        )


class _Recurrence(_KindSender):
    """The reply telling the team a new incident matches a problem fixed a short while ago;
    not said once the incident was linked elsewhere or ended, nor when the problem was
    reopened (the storm links what matches an open problem)."""

    grouped = False

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        message = messages[0]
        incident = await self.notices.ticket(message.ticket_id)
        parent = await self.notices.ticket(message.about)
        if incident is None or parent is None or parent.is_open:
            return None
        if not incident.is_open or incident.problem_id is not None:
            return None
        if incident.message is None:  # its card is still on its way
            raise DeliveryDeferred(f"{incident.id} has no channel message yet")
        board, role = self.notices.board, message_role(message)
        found = await board.find_recurrence(incident, role, since) if since else None
        return found or await board.post_recurrence(incident, parent, role)

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        log.error(
            "could not tell that %s matches %s, fixed recently: %s",
            messages[0].ticket_id,
            messages[0].about,
            reason,
        )


class _RecurrenceShown(_KindSender):
    """A possible-recurrence reply redrawn: offering the incident to its reopened problem, or
    saying who linked it."""

    grouped = False

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        message = messages[0]
        incident = await self.notices.ticket(message.ticket_id)
        parent = await self.notices.ticket(message.about)
        if incident is None or parent is None or message.ref is None:
            return None
        board = self.notices.board
        return await board.show_recurrence(incident, parent, message.ref, message.actor)

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        log.error(
            "could not redraw the possible-recurrence reply of %s about %s: %s",
            messages[0].ticket_id,
            messages[0].about,
            reason,
        )


class _SuggestionShown(_KindSender):
    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        suggestion = await self.notices.suggestion(messages[0].about)
        if suggestion is None or suggestion.message is None:
            return None
        incidents = await self.notices.queries.get_many(suggestion.incidents)
        problem = await self.notices.ticket(suggestion.problem_id)
        return await self.notices.board.show_suggestion(suggestion, incidents, problem)

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        log.error("could not update suggestion %s: %s", messages[0].about, reason)
