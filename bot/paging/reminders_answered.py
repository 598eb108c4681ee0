"""When a late ticket is taken or ends, the reminders its channel got must stop calling for
someone: a reminder in the ticket's thread offers **Claim** while nobody has it, and once
someone does (or the ticket is cancelled, resolved, merged) that button could only be refused
(*already claimed*, *ended*) and its "still waiting" would no longer be true. So every channel
reminder sent is updated, at the reference the outbox stored when it went, to say what answered
it, with the ticket's facts as they stand and only its **Open** button.

Only a ticket whose response or resolution target had passed can have been reminded: others
(every claim of a fresh ticket, the hot path) cost nothing more here."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.domain.models import OutgoingKind, Ticket
from bot.outbox.ports import Messenger
from bot.working.changes import Changed
from storage.outbox import OutboxRepository

log = logging.getLogger(__name__)


class RemindersAnswered:
    def __init__(self, outbox: OutboxRepository, messenger: Messenger) -> None:
        self.outbox = outbox
        self.messenger = messenger

    async def after_change(self, changed: Changed) -> None:
        """A follower (of ``ChangeAnnouncer``, of ``Claims``): the ticket was just taken or
        ended; its channel reminders say so."""
        await self.answered(changed.before, changed.ticket, changed.entry.at)

    async def answered(self, before: Ticket, ticket: Ticket, at: datetime) -> None:
        """``before`` became ``ticket`` at ``at`` (an acknowledgement that took it, say). A
        paging that stopped (acknowledged without taking it, "not an emergency") answers them
        too: the line sent while it paged says "the paging goes on"."""
        was_paging = before.paging is not None and before.paging.active
        stopped = was_paging and not (ticket.paging is not None and ticket.paging.active)
        if not stopped:
            if before.assignee is not None or not before.is_open:
                return  # nobody was called on to take it: its reminders offered no Claim
            if ticket.is_open and ticket.assignee is None:
                return  # still waiting for someone: the reminders are still true
        if not _maybe_reminded(before, at):
            return
        sent = [
            (message, ref)
            for message, ref in await self.outbox.sent_for(ticket.id, [OutgoingKind.REMINDER])
            if message.recipient is None  # the channel's (an assignee's DM offers no Claim)
        ]
        if sent:
            log.info(
                "%s answered: %d reminders updated",
                ticket.id,
                len(sent),
                extra={"ticket_id": ticket.id},
            )
            await self.messenger.show_answered(ticket, sent)


def _maybe_reminded(ticket: Ticket, at: datetime) -> bool:
    """Whether a target of ``ticket`` had passed by ``at`` (else no reminder was ever due)."""
    due = (ticket.sla.response_due, ticket.sla.resolution_due)
    return any(when is not None and when <= at for when in due)
