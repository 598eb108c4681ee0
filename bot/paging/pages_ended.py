"""When an emergency ends before anyone acknowledged it (its requester cancels it, an agent
resolves it or merges it into another ticket), the pages still in on-call people's DMs must not
invite them to take it on: what is queued is cancelled and every page sent is updated to say
what happened, by whom and when, without its Acknowledge button (a press on an old one is
refused: ``TicketEnded``)."""

from __future__ import annotations

import logging

from bot.domain.models import OutgoingKind
from bot.outbox.ports import Messenger
from bot.working.changes import Changed
from storage.outbox import OutboxRepository

log = logging.getLogger(__name__)

PAGING_KINDS = (OutgoingKind.PAGE, OutgoingKind.LAST_LEVEL)


class PagesEnded:
    def __init__(self, outbox: OutboxRepository, messenger: Messenger) -> None:
        self.outbox = outbox
        self.messenger = messenger

    async def after_change(self, changed: Changed) -> None:
        """A ``ChangeAnnouncer`` follower: an emergency paging people has just ended."""
        ticket, entry = changed.ticket, changed.entry
        if not changed.before.is_open or ticket.is_open or ticket.paging is None:
            return  # whatever ended it: a status, a merge into another ticket
        if ticket.paging.acked_by:  # its pages already say who took it
            return
        await self.outbox.cancel_pending(ticket.id, PAGING_KINDS, entry.at)
        sent = await self.outbox.sent_for(ticket.id, [OutgoingKind.PAGE])
        if sent:
            log.info(
                "%s ended: %d pages updated", ticket.id, len(sent), extra={"ticket_id": ticket.id}
            )
            await self.messenger.show_ended(ticket, entry, sent)
