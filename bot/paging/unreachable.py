"""A level nobody on it could be paged at: when every page of a round to an on-call level has
failed for good (an account deactivated, a DM Slack refuses), waiting for the next level's
``after`` would leave an emergency paging nobody at 3 a.m. The next level is paged at once
(its page says why), as if its time had come; the channel has been told of each failure
already (``Messenger.report_failure``). One person reached on that level, or a page still
trying, and nothing changes. Either way the page that failed is taken out of its reader's own
count (``Paging.paged``): their next page says the number of pages they did receive, and when
it was their only one, their Home tab (which showed it from the round's claim) is published
again without it.

A page given up after attempts whose answers were all lost (no answer, a 5xx: Slack may have
posted it) may have reached its reader: it stays in their count and their Home, and is counted
as *maybe sent* instead (``Paging.unconfirmed``, a history entry, ``/metrics`` and ``/healthz``;
the channel is told it is unconfirmed). For the level, it is not a page that reached someone:
nobody there is known to have it, so the next level is paged at once all the same, its page
saying that the pages below went unconfirmed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from bot.domain import oncall as paging_rules
from bot.domain.config import ServicesConfig
from bot.domain.models import HistoryAction, HistoryEntry, OutgoingKind
from bot.domain.outbox import OutboxItem, OutboxState
from bot.paging.ports import PagedHomes
from bot.tickets.audited import AuditedWrites
from storage.audit import AuditLog
from storage.outbox import OutboxRepository
from storage.tickets import TicketRepository

ACTOR = "guichet"

log = logging.getLogger(__name__)


class UnreachableLevels:
    def __init__(
        self,
        outbox: OutboxRepository,
        tickets: TicketRepository,
        config: ServicesConfig,
        wake: Callable[[], None] | None = None,
        homes: PagedHomes | None = None,
        audit: AuditLog | None = None,
    ) -> None:
        """``wake`` asks the scheduler for a tick at once (the timer's); ``audit``: the log the
        history entry of a page counted as maybe sent is copied to."""
        self.homes = homes
        self.outbox = outbox
        self.tickets = tickets
        self.writes = AuditedWrites(tickets, audit)
        self.config = config
        self.wake = wake

    async def after_give_up(self, item: OutboxItem, at: datetime) -> None:
        """Told by the outbox (``Deliveries``) when it gave up delivering ``item``."""
        message = item.message
        if message.kind is not OutgoingKind.PAGE or message.recipient is None:
            return
        if item.maybe_sent:  # it may have reached them: theirs, as maybe sent
            entry = HistoryEntry(
                message.ticket_id,
                at,
                ACTOR,
                HistoryAction.PAGE_UNCONFIRMED,
                after=message.recipient,
                note=item.last_error,
            )
            await self.writes.unconfirm_page(entry, message.recipient, item.created_at)
        else:  # a page never delivered is not one of theirs: their next page is not "#2"
            left = await self.tickets.uncount_page(
                message.ticket_id, message.recipient, item.created_at
            )
            if left == 0 and self.homes is not None:  # no page of theirs: their Home shows none
                await self.homes.refresh([message.recipient])
        round_ = await self.outbox.queued_with(item, OutgoingKind.PAGE)
        level = [other for other in round_ if other.message.level == message.level]
        if any(other.state is not OutboxState.FAILED for other in level):
            return  # someone on it was reached, or may still be (one maybe sent: not known to)
        ticket = await self.tickets.get(message.ticket_id)
        service = self.config.services.get(ticket.service) if ticket else None
        if ticket is None or ticket.paging is None or service is None:
            return
        skipped = paging_rules.skip_past(ticket.paging, message.level, service, at)
        if skipped is None:
            return
        if await self.tickets.skip_level(ticket.id, ticket.paging, skipped, at):
            log.warning(
                "%s: nobody on on-call level %d could be paged%s; paging level %d now",
                ticket.id,
                message.level + 1,
                " for sure (Slack never answered)" if item.maybe_sent else "",
                message.level + 2,
                extra={"ticket_id": ticket.id},
            )
            if self.wake is not None:
                self.wake()
