"""When an emergency ends before anyone acknowledged it (its requester cancels it, an agent
resolves it or merges it into another ticket), or someone takes it (claims it, is assigned it)
and its paging stops, or it is sent to another team (whose on-call is paged from then on), the
pages still in on-call people's DMs must not invite them to take it
on: what is queued is cancelled and every page sent is updated to say what happened, by whom
and when, without its Acknowledge button (a press on an ended one's old page is refused:
``TicketEnded``). Sent to another team while paging, its paging is due at once there: the
scheduler is woken so the new team's level 1 is paged now (by a tick's claim, as any page), not
at the next tick. However it ended, the Home tab of everyone it paged (which showed it at the
top, with Acknowledge) is published again without it."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.domain.models import OutgoingKind
from bot.domain.oncall import paged_people
from bot.outbox.ports import Messenger
from bot.paging.ports import PagedHomes
from bot.working.changes import Changed
from storage.outbox import OutboxRepository

log = logging.getLogger(__name__)

PAGING_KINDS = (OutgoingKind.PAGE, OutgoingKind.LAST_LEVEL)


class PagesEnded:
    def __init__(
        self,
        outbox: OutboxRepository,
        messenger: Messenger,
        wake: Callable[[], None],
        homes: PagedHomes,
    ) -> None:
        """``wake`` asks the scheduler for a tick now (a moved emergency pages its new team)."""
        self.outbox = outbox
        self.messenger = messenger
        self.wake = wake
        self.homes = homes

    async def after_change(self, changed: Changed) -> None:
        """A follower (of ``ChangeAnnouncer``, of ``Claims``): an emergency paging people has
        just ended, or someone took it (claimed, assigned) and its paging stopped."""
        before, ticket, entry = changed.before, changed.ticket, changed.entry
        if ticket.paging is None or ticket.paging.acked_by:  # acked: its pages say who took it
            return
        ended = before.is_open and not ticket.is_open  # a status, a merge into another ticket
        was_paging = before.paging is not None and before.paging.active
        stopped = was_paging and not ticket.paging.active
        # sent to another team: its paging starts again there, the first team's pages end (only
        # those made before the move: the new team's may be queued, even sent, by now)
        moved = was_paging and before.service != ticket.service
        if not (ended or stopped or moved):
            return
        if was_paging:  # the people it paged (moved: the old team's, not counted here): queued
            await self.homes.refresh(paged_people(before.paging))
        until = entry.at if moved and not (ended or stopped) else None
        await self.outbox.cancel_pending(ticket.id, PAGING_KINDS, entry.at, until=until)
        sent = await self.outbox.sent_for(ticket.id, [OutgoingKind.PAGE], until=until)
        if sent:
            log.info(
                "%s ended: %d pages updated", ticket.id, len(sent), extra={"ticket_id": ticket.id}
            )
            await self.messenger.show_ended(ticket, entry, sent)
        if moved and ticket.paging.active:  # the old team's pages are over: page the new one
            self.wake()
