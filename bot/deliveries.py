"""Delivering the outbox: every scheduler message goes out from here, retried until it lands.

Each tick delivers the outbox items that are due. An item is claimed (a lease) before it is
sent, so two replicas never send it twice. Slack's rate limits are first retried inside the Web
API client (slack_sdk's ``AsyncRateLimitErrorRetryHandler``, honouring ``Retry-After``); what
still fails for now (rate limit, 5xx, network) waits in the outbox and is tried again from a
later tick after an exponential backoff (``BACKOFF_FIRST`` doubling up to ``BACKOFF_MAX``,
never sooner than Slack's ``Retry-After``), ``MAX_ATTEMPTS`` times in all. A message that fails
for good (or too often) is logged and the service channel is told, where it can be.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.due_work import still_wanted
from bot.errors import DeliveryDeferred, DeliveryFailed, StoreUnavailable
from bot.models import Handover, OutgoingKind, Ticket
from bot.ports import Messenger
from storage.outbox import OutboxItem, OutboxRepository
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)  # a delivery attempt not finished by then is tried again
BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_MAX = timedelta(minutes=30)
MAX_ATTEMPTS = 8  # the last one about an hour after the first
PURGE_EVERY = timedelta(hours=1)  # how often finished items past their retention are deleted


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: 30 s, 1 min, 2 min, ... 30 min."""
    return min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, attempts - 1))


@dataclass
class DeliveryReport:
    sent: int = 0
    deferred: int = 0
    failed: int = 0
    cancelled: int = 0


class Deliveries:
    def __init__(
        self, outbox: OutboxRepository, tickets: TicketRepository, messenger: Messenger
    ) -> None:
        self.outbox = outbox
        self.tickets = tickets
        self.messenger = messenger
        self._purged_at: datetime | None = None

    async def queue(self, handover: Handover, now: datetime) -> int:
        """Put a hand-over's messages in the outbox. Ids come from the hand-over's token, so
        queuing the same hand-over again (after a crash) adds nothing."""
        items = [
            (f"{message.ticket_id}:{handover.token}:{index}", message)
            for index, message in enumerate(handover.messages)
        ]
        return await self.outbox.add(items, now)

    async def deliver_due(
        self, now: datetime, batch: int = 200, max_batches: int = 10
    ) -> DeliveryReport:
        """Deliver what is due, a batch at a time (an item tried is leased or finished, so it
        is not due again within this call)."""
        report = DeliveryReport()
        if self._purged_at is None or now - self._purged_at >= PURGE_EVERY:
            self._purged_at = now
            await self.outbox.purge(now)
        for _ in range(max_batches):
            items = await self.outbox.due(now, batch)
            if not items:
                break
            for item in items:
                claimed = await self.outbox.claim(item, now + LEASE)
                if claimed is None:
                    continue  # another replica is delivering it
                try:
                    await self._deliver(claimed, now, report)
                except StoreUnavailable:
                    raise
                except Exception:  # one bad item must not stop the others; its lease expires
                    log.exception("unexpected error delivering outbox item %s", claimed.id)
        return report

    async def _deliver(self, item: OutboxItem, now: datetime, report: DeliveryReport) -> None:
        message = item.message
        ticket = await self.tickets.get(message.ticket_id)
        if ticket is None or not still_wanted(message, ticket):
            await self.outbox.cancel(item.id, now)
            report.cancelled += 1
            return
        try:
            ref = await self.messenger.send(message, ticket, now)
        except DeliveryDeferred as deferred:
            if item.attempts < MAX_ATTEMPTS:
                wait = max(backoff(item.attempts), timedelta(seconds=deferred.retry_after))
                await self.outbox.retry_at(item.id, now + wait, deferred.reason)
                log.warning(
                    "%s for %s not delivered (%s), attempt %d; next try in %s",
                    message.kind.value,
                    message.ticket_id,
                    deferred.reason,
                    item.attempts,
                    wait,
                    extra={"ticket_id": message.ticket_id},
                )
                report.deferred += 1
                return
            await self._give_up(item, ticket, f"{deferred.reason} ({item.attempts} attempts)", now)
            report.failed += 1
            return
        except DeliveryFailed as failure:
            await self._give_up(item, ticket, failure.reason, now)
            report.failed += 1
            return
        await self.outbox.mark_sent(item.id, ref, now)
        report.sent += 1
        if message.kind is OutgoingKind.PAGE:
            # An acknowledgement may have landed while this page was on its way: it missed the
            # update of the pages sent, so update this one now.
            current = await self.tickets.get(message.ticket_id)
            if current is not None and current.paging and current.paging.acked_by:
                await self.messenger.show_acknowledged(current, [(message, ref)])

    async def _give_up(self, item: OutboxItem, ticket: Ticket, reason: str, now: datetime) -> None:
        await self.outbox.mark_failed(item.id, reason, now)
        log.error(
            "gave up delivering %s for %s to %s: %s",
            item.message.kind.value,
            item.message.ticket_id,
            item.message.recipient or "the service channel",
            reason,
            extra={"ticket_id": item.message.ticket_id},
        )
        await self.messenger.report_failure(item.message, ticket, reason)
