"""Announcing the tickets a crash left unannounced.

A ticket is stored before Slack's ack and announced after it (``Filing.announce``, through the
queue of work after the ack: ``bot/runtime/after_ack.py``). Until announced it carries a "to
announce" mark; a process that dies in between leaves the mark, and this scheduler step, on any
replica, announces the ticket a minute later. A ticket whose announcement was done but whose
mark was not cleared yet (the crash fell between the two) is not announced twice: one posted,
linked to a problem, held with a suggestion, whose post failed, whose card waits in the stored
outbox (``bot/tickets/cards.py``: the outbox's ticks post it, or tell why they never will) or
that waits for an approval (a catalogue request, posted once approved) has only its mark
cleared. A database that failed just after the ticket's insert, before its card reached the
outbox, leaves the mark too: the ticket is announced here once the database answers again. A
catalogue request is stored awaiting its approval (``Ticket.awaiting_approval``) and keeps its
mark until its approval is stored, recorded and asked, and its requester told
(``Approvals.start``); one still marked here was cut short, and is announced as its filing would
have: its approval asked (again: nothing twice), never posted to its service without it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.domain.models import HistoryAction, Ticket
from bot.filing.filing import Filing
from bot.telemetry.isolation import isolated

log = logging.getLogger(__name__)

GRACE = timedelta(minutes=1)  # a filing announces within seconds: after this, it was cut short
ANNOUNCED = {
    HistoryAction.POSTED,
    HistoryAction.POST_FAILED,
    HistoryAction.HELD,
    HistoryAction.APPROVAL_REQUESTED,  # a catalogue request: posted once approved
}


class Unannounced:
    def __init__(
        self, filing: Filing, announce: Callable[[Ticket], Awaitable[Ticket]] | None = None
    ) -> None:
        """``announce``: how a filing announces a ticket (the catalogue's, which asks for the
        approval a request needs before its service sees it: ``CatalogueFiling.announce``);
        by default ``Filing.announce``."""
        self.filing = filing
        self.announce = announce or filing.announce

    async def sweep(self, now: datetime) -> None:
        """A scheduler step: announce the tickets still marked ``GRACE`` after filing. One that
        fails (its catalogue item since removed, say) is logged and left marked for the next
        tick, and does not hold up the others; a database down stops the step."""
        for ticket in await self.filing.desk.tickets.unannounced(now - GRACE):
            with isolated(
                log,
                "could not announce %s: tried again at the next tick",
                ticket.id,
                ticket_id=ticket.id,
            ):
                await self._owed(ticket)

    async def _owed(self, ticket: Ticket) -> None:
        """Announce ``ticket`` if nothing did, else clear its mark."""
        tickets = self.filing.desk.tickets
        if ticket.awaiting_approval:  # its approval's start was cut short: finished here
            log.warning(
                "asking the approval of %s, left unasked", ticket.id, extra={"ticket_id": ticket.id}
            )
            await self.announce(ticket)
            return
        history = await tickets.history(ticket.id)
        handled = any(entry.action in ANNOUNCED for entry in history)
        approval = ticket.approval is not None  # decided: the catalogue's approvals post it
        cards = self.filing.desk.cards
        queued = cards is not None and await cards.queued(ticket.id)  # the outbox posts it
        if (
            ticket.message
            or ticket.problem_id
            or handled
            or approval
            or queued
            or not ticket.is_open
        ):
            await tickets.mark_announced(ticket.id)
            return
        log.warning("announcing %s, left unannounced", ticket.id, extra={"ticket_id": ticket.id})
        await self.announce(ticket)
