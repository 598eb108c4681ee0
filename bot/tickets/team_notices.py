"""The notices to the people working a ticket, in its channel thread: information its requester
added (and the files that came with it), the ticket reopened, cancelled by its requester, or
given to someone by someone else.

Each carries work (the information is what the team asked for; a reopened ticket is work
again), so it goes through the stored outbox like the requester's DMs: stored before it is
tried, tried at once, and when Slack cannot take it now (5xx, a 429 past the client's retries,
no answer) tried again with backoff by the scheduler of any replica. It carries its ticket and
role in Slack's message metadata, so an attempt whose answer was lost is looked for in the
thread and adopted, never posted twice. Its id names the change told (its time), so a change
announced twice stores one notice. A notice that never can go is logged and counted by the
outbox (``/metrics``, ``/healthz``)."""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Sequence
from datetime import datetime

from bot.domain.catalogue_request import FileRef
from bot.domain.errors import DeliveryFailed
from bot.domain.models import MessageRef, Outgoing, OutgoingKind, Ticket
from bot.domain.outbox import message_role
from bot.tickets.ports import AgentNotice, RequesterDmPort
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)


def team_notice_item(
    ticket: Ticket,
    notice: AgentNotice,
    actor: str,
    note: str | None,
    files: Sequence[FileRef],
    at: datetime | None,
) -> tuple[str, Outgoing]:
    """The outbox item of one notice in ``ticket``'s thread, named after the change told (``at``
    and what it says: two changes recorded at the same instant are two notices, one change
    announced twice is one), or by a random token when there is no change to name it."""
    if at is None:
        token = f"{uuid.uuid4().int >> 80:x}"
    else:
        said = "\n".join([actor, note or "", *(f.id for f in files)])
        token = f"{at.isoformat()}:{hashlib.sha256(said.encode()).hexdigest()[:12]}"
    kind = OutgoingKind.TEAM_NOTICE
    message = Outgoing(
        kind,
        ticket.id,
        about=notice.value,
        actor=actor,
        text=note,
        token=token,
        files=tuple(files),
    )
    return f"{ticket.id}:{kind.value}:{notice.value}:{token}", message


class TeamNotices:
    """The outbox's ``Sender`` of ``OutgoingKind.TEAM_NOTICE``."""

    grouped = False

    def __init__(self, tickets: TicketRepository, slack: RequesterDmPort) -> None:
        self._tickets = tickets
        self._slack = slack

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        message = messages[0]
        ticket = await self._tickets.get(message.ticket_id)
        if ticket is None:
            return None  # erased meanwhile: nothing of theirs is told
        if ticket.message is None:
            raise DeliveryFailed("the ticket has no channel message")
        role = message_role(message)
        if since is not None:  # an earlier attempt may have posted it, its answer lost
            found = await self._slack.find_team_notice(ticket, role, since)
            if found is not None:
                return found
        return await self._slack.post_team_notice(ticket, message, role)

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        for message in messages:
            log.error(
                "could not tell the team of %s in its thread (%s): %s",
                message.ticket_id,
                message.about,
                reason,
                extra={"ticket_id": message.ticket_id},
            )


def redrawn_card_item(ticket: Ticket) -> tuple[str, Outgoing]:
    """The outbox item redrawing ``ticket``'s card from the ticket as stored when it goes (one
    per version of the ticket: queued twice, it is stored once)."""
    kind = OutgoingKind.REDRAWN_CARD
    message = Outgoing(kind, ticket.id)
    return f"{ticket.id}:{kind.value}:{ticket.updated_at.isoformat()}", message


class RedrawnCards:
    """The outbox's ``Sender`` of ``OutgoingKind.REDRAWN_CARD``: a card Slack would not
    redraw after a change (5xx, no answer, rate limited) redrawn by the ticks, from the ticket
    as it stands then."""

    grouped = False

    def __init__(self, tickets: TicketRepository, slack: RequesterDmPort) -> None:
        self._tickets = tickets
        self._slack = slack

    async def send(
        self, messages: Sequence[Outgoing], now: datetime, since: datetime | None = None
    ) -> MessageRef | None:
        ticket = await self._tickets.get(messages[0].ticket_id)
        if ticket is None or ticket.message is None:
            return None  # erased, or not posted (its posting draws it as it stands)
        return await self._slack.redraw_card(ticket)

    async def give_up(self, messages: Sequence[Outgoing], reason: str) -> None:
        for message in messages:
            log.error(
                "the card of %s may show it as it was: %s; it is redrawn at its next change",
                message.ticket_id,
                reason,
                extra={"ticket_id": message.ticket_id},
            )
