"""The requester's DMs: through the stored outbox, and only the latest one keeps buttons.

A DM to the requester carries work (filed, claimed, "is it solved?", ...): it is stored in the
outbox before it is sent (``bot/outbox/deliveries.py``), tried at once, and when Slack cannot
take it now (5xx, a 429 past the client's retries, no answer) tried again with backoff by the
scheduler of any replica. It carries its ticket and role in Slack's message metadata, so an
attempt whose answer was lost is looked for in the DM channel and adopted, never posted twice;
one that never can go is recorded in the ticket's history (the outbox logs and counts it, and
``/healthz`` shows it). A late DM says what the ticket is when it goes, not when it was owed.

Every DM may carry buttons (cancel, "is it solved?", a rating). Once a later DM is delivered, or
the ticket is closed, cancelled or answered, the earlier ones would be live and misleading. So the
DM the outbox delivered (or adopted) is recorded on the ticket when it carries buttons, and the
ones recorded before lose theirs, saying what became of the ticket. A ticket its requester ended
themselves (their Cancel) tells them nothing new: its DMs with buttons lose them through an
outbox item of their own (``REQUESTER_DMS_RETIRED``, ``RetiredDms``), stored before it is tried
and tried again while Slack cannot take it; each DM is forgotten once updated, so a retry
updates only what is left (and an update made twice shows the same).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime

from bot.domain.catalogue_request import FileRef
from bot.domain.clock import Clock
from bot.domain.errors import DeliveryDeferred, DeliveryFailed, StoreUnavailable
from bot.domain.models import (
    HistoryAction,
    HistoryEntry,
    MessageRef,
    Outgoing,
    OutgoingKind,
    Ticket,
)
from bot.domain.outbox import message_role
from bot.domain.sent_dm import DeliveredDm, SentDm
from bot.tickets.audited import AuditedWrites
from bot.tickets.ports import (
    AgentNotice,
    ChannelNotifier,
    Courier,
    RequesterDmPort,
    RequesterNotice,
)
from bot.tickets.team_notices import redrawn_card_item, team_notice_item
from storage.audit import AuditLog
from storage.outbox import OutboxRepository
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)


ONCE = frozenset({RequesterNotice.FILED, RequesterNotice.FILED_LATE, RequesterNotice.POST_FAILED})
"""What a ticket's requester is told once at most: where their new ticket went. A ticket may be
announced twice (the scheduler's sweep of unannounced tickets racing an announcement still
waiting after the ack: ``bot/filing/unannounced.py``); its card is one outbox item, so is this."""

ANSWERED_IN_PLACE = frozenset({RequesterNotice.REOPENED, RequesterNotice.CLOSED})
"""What the requester's own answer to "is it solved?" changed, told in the DM they pressed."""


def requester_dm(ticket: Ticket, notice: RequesterNotice, actor: str) -> tuple[str, Outgoing]:
    """The outbox item of one DM to ``ticket``'s requester; each telling is its own item (a
    status told twice is two DMs), its number telling it apart in the metadata too, except the
    notices told ``ONCE``, whose id is the ticket's and the notice's."""
    # 48 bits: unique enough, and an int the codec keeps
    number = 0 if notice in ONCE else uuid.uuid4().int >> 80
    message = Outgoing(
        OutgoingKind.REQUESTER_DM,
        ticket.id,
        ticket.requester,
        about=notice.value,
        number=number,
        actor=actor,
    )
    return f"{ticket.id}:dm:{notice.value}:{number:x}", message


class LatestDms:
    """The requester's DMs about a ticket that still carry buttons: the latest only (the
    requester's notices here, the problem board's DMs in ``bot/problems/notices.py``)."""

    def __init__(self, tickets: TicketRepository, slack: ChannelNotifier) -> None:
        self._tickets = tickets
        self._slack = slack  # takes the buttons off (``retire_dm``)

    async def took_over(self, ticket: Ticket, sent: SentDm | None) -> None:
        """``sent`` (the DM with buttons the outbox delivered, or ``None``) went to
        ``ticket``'s requester: record it and take the buttons off the DMs recorded before (a
        failure here is logged: the DM itself went out). A DM without buttons about an open
        ticket leaves the earlier ones live."""
        if sent is None and ticket.is_open:
            return  # an open ticket's earlier buttons still fit, unless a new DM has them
        try:
            earlier = await self._tickets.swap_requester_dms(ticket.id, [sent] if sent else [])
        except StoreUnavailable:
            log.warning("could not record the DM about %s", ticket.id, exc_info=True)
            return
        for dm in earlier:
            if sent is None or dm.ref != sent.ref:  # adopted again after a crash: still live
                try:
                    await self._slack.retire_dm(dm, ticket, superseded=sent is not None)
                except DeliveryFailed as failure:
                    log.warning(
                        "could not take the buttons off a DM about %s: %s",
                        ticket.id,
                        failure.reason,
                        extra={"ticket_id": ticket.id},
                    )


def retired_dms(ticket: Ticket) -> tuple[str, Outgoing]:
    """The outbox item taking the buttons off ``ticket``'s requester DMs once they ended it
    themselves: one per change (its time names it), so the same announcement made again queues
    nothing twice."""
    message = Outgoing(OutgoingKind.REQUESTER_DMS_RETIRED, ticket.id, ticket.requester)
    return f"{ticket.id}:dms_retired:{ticket.updated_at.isoformat()}", message


class RetiredDms:
    """The outbox's ``Sender`` of ``REQUESTER_DMS_RETIRED``: every DM recorded with buttons on
    the ended ticket loses them, saying what became of it, and is forgotten once updated."""

    grouped = False

    def __init__(self, tickets: TicketRepository, slack: ChannelNotifier) -> None:
        self._tickets = tickets
        self._slack = slack  # takes the buttons off (``retire_dm``)

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        """The last DM updated; ``None`` when none is left (erased, reopened meanwhile: its
        next DM takes the buttons over, or all done by an earlier attempt). Raises
        ``DeliveryDeferred`` while Slack cannot take an update (those done are forgotten)."""
        ticket = await self._tickets.get(messages[0].ticket_id)
        if ticket is None or ticket.is_open:
            return None
        updated: MessageRef | None = None
        for dm in await self._tickets.requester_dms(ticket.id):
            try:
                await self._slack.retire_dm(dm, ticket, superseded=False)
                updated = dm.ref
            except DeliveryDeferred:
                raise
            except DeliveryFailed as failure:  # never will (the DM gone): nothing to take off
                log.warning(
                    "could not take the buttons off a DM about %s: %s",
                    ticket.id,
                    failure.reason,
                    extra={"ticket_id": ticket.id},
                )
            await self._tickets.forget_requester_dm(ticket.id, dm.ref)
        return updated

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        """Never done: logged (a press on a DM left with buttons is refused by the stored
        ticket)."""
        for message in messages:
            log.error(
                "ticket %s: its requester's DMs kept their buttons: %s",
                message.ticket_id,
                reason,
                extra={"ticket_id": message.ticket_id},
            )


class RequesterDms:
    """The desk's ``Notifier``: the channel side passed through, the requester's DMs through
    the outbox; and the outbox's ``Sender`` of ``requester_dm``."""

    grouped = False

    def __init__(
        self,
        inner: ChannelNotifier,
        slack: RequesterDmPort,
        latest: LatestDms,
        tickets: TicketRepository,
        outbox: OutboxRepository,
        courier: Courier,
        clock: Clock,
        audit: AuditLog | None = None,
    ) -> None:
        """``audit``: the log a DM's failure is written with, with its history entry."""
        self._inner = inner
        self._slack = slack
        self._latest = latest
        self._tickets = tickets
        self._outbox = outbox
        self._courier = courier
        self._clock = clock
        self._writes = AuditedWrites(tickets, audit)

    async def post_ticket(self, ticket: Ticket) -> MessageRef:
        return await self._inner.post_ticket(ticket)

    async def refresh_ticket(self, ticket: Ticket) -> None:
        """Redraw the card now; when Slack cannot take it now, an outbox item redraws it from
        the stored ticket at the next ticks (a change never left unshown by an outage)."""
        if ticket.message is None:
            return
        try:
            await self._slack.redraw_card(ticket)
        except DeliveryDeferred as deferred:
            log.warning(
                "the card of %s is left to the outbox: %s",
                ticket.id,
                deferred.reason,
                extra={"ticket_id": ticket.id},
            )
            try:
                await self._outbox.add([redrawn_card_item(ticket)], self._clock.now())
            except StoreUnavailable:
                log.error("the card of %s shows it as it was", ticket.id)
        except DeliveryFailed as failure:  # never will (the card gone): as before, logged
            log.error(
                "could not update the message of %s: %s",
                ticket.id,
                failure.reason,
                extra={"ticket_id": ticket.id},
            )

    async def mark_moved(self, old: MessageRef, ticket: Ticket, change: HistoryEntry) -> None:
        await self._inner.mark_moved(old, ticket, change)

    async def tell_agents(
        self,
        ticket: Ticket,
        notice: AgentNotice,
        actor: str,
        note: str | None = None,
        files: Sequence[FileRef] = (),
        at: datetime | None = None,
    ) -> None:
        """Store the notice, then try it now; what Slack cannot take now waits in the outbox
        (``bot/tickets/team_notices.py``)."""
        if ticket.message is None:
            log.warning(
                "ticket %s has no channel message to reply to (%s)",
                ticket.id,
                notice.value,
                extra={"ticket_id": ticket.id},
            )
            return
        now = self._clock.now()
        item = team_notice_item(ticket, notice, actor, note, files, at)
        stored = await self._courier.store([item], now)
        try:
            await self._courier.deliver_stored(stored, now)
        except StoreUnavailable:  # the item is there: a tick finishes it
            log.warning("the team's notice about %s is left to the outbox", ticket.id)

    async def retire_dm(self, dm: SentDm, ticket: Ticket, superseded: bool) -> None:
        await self._inner.retire_dm(dm, ticket, superseded)

    async def tell_requester(self, ticket: Ticket, notice: RequesterNotice, actor: str) -> bool:
        """Store the DM, then try it now; what Slack cannot take now waits in the outbox.
        Whether it was delivered now."""
        now = self._clock.now()
        item_id, message = requester_dm(ticket, notice, actor)
        stored = await self._courier.store([(item_id, message)], now)
        try:
            return await self._courier.deliver_stored(stored, now) > 0
        except StoreUnavailable:  # sent or not, the outbox item is there: a tick finishes it,
            # or gives it up when its record is refused at every attempt (bot/outbox/deliveries.py)
            log.warning("the DM about %s is left to the outbox", ticket.id, exc_info=True)
            return False

    async def retire_requester_dms(self, ticket: Ticket) -> None:
        """Store the item taking the buttons off, then try it now; what Slack cannot take now
        waits in the outbox."""
        now = self._clock.now()
        stored = await self._courier.store([retired_dms(ticket)], now)
        try:
            await self._courier.deliver_stored(stored, now)
        except StoreUnavailable:  # the item is there: a tick finishes it
            log.warning("taking the buttons off %s's DMs is left to the outbox", ticket.id)

    # --- the outbox's Sender --------------------------------------------------------------------
    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        message = messages[0]
        ticket = await self._tickets.get(message.ticket_id)
        if ticket is None:
            return None  # erased meanwhile
        if message.about is None:  # every requester DM is queued naming its notice
            raise DeliveryFailed("a requester DM without its notice")
        notice = RequesterNotice(message.about)
        actor, role = message.actor or "guichet", message_role(message)
        delivered = await self._answered_in_place(ticket, notice, actor)
        if since is not None and delivered is None:  # an earlier attempt may have posted it,
            # its answer lost
            delivered = await self._slack.find_dm(ticket, notice, actor, role, since)
        delivered = delivered or await self._slack.send_dm(ticket, notice, actor, role)
        await self._latest.took_over(ticket, delivered.dm if delivered.live else None)
        return delivered.dm.ref

    async def _answered_in_place(
        self, ticket: Ticket, notice: RequesterNotice, actor: str
    ) -> DeliveredDm | None:
        """A ticket its requester reopened ("not solved") or closed ("yes, it's solved") is
        told in the DM they pressed (the one recorded with the "is it solved?" buttons), which
        now says it is open again with the open ticket's buttons, or closed with the rating's:
        one message for one press, not the pressed one answered and another posted under it.
        ``None`` when there is none to update (none recorded, or gone): a new DM then."""
        if notice not in ANSWERED_IN_PLACE or actor != ticket.requester:
            return None
        recorded = await self._tickets.requester_dms(ticket.id)
        if not recorded:
            return None
        try:
            return await self._slack.update_dm(recorded[-1], ticket, notice, actor)
        except DeliveryDeferred:
            raise
        except DeliveryFailed as failure:
            log.warning("the DM about %s could not be updated: %s", ticket.id, failure.reason)
            return None

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        """Never delivered: the ticket's history says what was not told, and why."""
        for message in messages:
            entry = HistoryEntry(
                message.ticket_id,
                self._clock.now(),
                "guichet",
                HistoryAction.DM_FAILED,
                after=message.about,
                note=reason,
            )
            await self._writes.record(entry)
