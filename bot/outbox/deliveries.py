"""Delivering the outbox: every scheduler message goes out from here, retried until it lands.

Each tick delivers the outbox items that are due. An item is claimed (a lease) before it is
sent, so two replicas never send it twice. Slack's rate limits are first retried inside the Web
API client (slack_sdk's ``AsyncRateLimitErrorRetryHandler``, honouring ``Retry-After``); what
still fails for now (rate limit, 5xx, network) waits in the outbox and is tried again from a
later tick after an exponential backoff (``BACKOFF_FIRST`` doubling up to ``BACKOFF_MAX``,
never sooner than Slack's ``Retry-After``), ``MAX_ATTEMPTS`` times in all. A message that fails
for good (or too often) is logged and the service channel is told, where it can be. So is one
whose attempts keep ending without an outcome recorded (``MAX_ATTEMPTS`` claims whose lease ran
out: the database refusing its record, ``StoreRejected``, as each attempt's error line says, or a
failure of the code): claimed once more, it is given up rather than tried every lease for ever.

Other features put their own kinds of messages in the outbox and deliver them through a
``Sender`` (problems and storms: ``bot/problem_notices.py``). Those go after the scheduler's
own, each tick, and may be:
- *grouped*: the items about the same thing (``Outgoing.about``) waiting together go out as one
  message (every incident linked to a problem since the last tick, in one thread reply);
- *paced*: messages queued in bulk (``Outgoing.bulk``: a problem's fix told to all its
  requesters) go out within a budget (``bot/pacing.py``), the rest waiting for the next ticks;
  the others (the answer to one person's action) go at once.
A sender may follow a message up once it is recorded as sent (``AfterRecorded``): what changed
between its post and the record (an approval ask whose request was withdrawn meanwhile).
Their clients do not retry rate limits themselves: when Slack answers 429, the item waits for
``Retry-After`` in the outbox (the attempt does not count: it is never given up for being
rate-limited), those kinds pause until then, on this replica, and the scheduler is asked for a
tick the moment the pause ends.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.domain.due_work import still_wanted
from bot.domain.errors import DeliveryDeferred, DeliveryFailed
from bot.domain.lost_answers import undecided
from bot.domain.models import Handover, Outgoing, OutgoingKind, Ticket
from bot.domain.outbox import OutboxItem, OutboxState, Stored, by_first_message
from bot.outbox.pacing import Pacer
from bot.outbox.ports import AfterRecorded, Messenger, Sender
from bot.telemetry.isolation import Guarded, isolated
from bot.telemetry.metrics import Metrics
from storage.outbox import OutboxRepository
from storage.tickets import TicketRepository

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)  # a delivery attempt not finished by then is tried again
BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_MAX = timedelta(minutes=30)
MAX_ATTEMPTS = 8  # the last one about an hour after the first
PURGE_EVERY = timedelta(hours=1)  # how often finished items past their retention are deleted
GROUP_MAX = 40  # items said by one grouped message (Slack allows 50 blocks a message)
GROUP_MESSAGES_MAX = 3  # grouped messages about one thing per tick; the rest wait for the next
RATE_LIMIT_MIN_WAIT = timedelta(seconds=1)
RATE_LIMITED = "ratelimited"


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: 30 s, 1 min, 2 min, ... 30 min."""
    return min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, attempts - 1))


@dataclass
class DeliveryReport:
    sent: int = 0
    pages: int = 0  # of the messages sent, the pages to on-call people
    deferred: int = 0
    failed: int = 0
    cancelled: int = 0
    rate_limited: int = 0


class Deliveries:
    def __init__(
        self,
        outbox: OutboxRepository,
        tickets: TicketRepository,
        messenger: Messenger,
        senders: Mapping[OutgoingKind, Sender] | None = None,
        pacer: Pacer | None = None,
        resume: Callable[[datetime], None] | None = None,
        metrics: Metrics | None = None,
        gave_up: Callable[[OutboxItem, datetime], Awaitable[None]] | None = None,
    ) -> None:
        """``resume`` is told when other kinds pause for a rate limit, to deliver again as soon
        as it ends rather than at the next tick (the timer's ``wake_at``); ``gave_up`` when a
        scheduler message is given up, once the channel was told (a level of on-call nobody
        could be paged at: ``bot/paging/unreachable.py``)."""
        self.outbox = outbox
        self.tickets = tickets
        self.messenger = messenger
        self.senders: dict[OutgoingKind, Sender] = {}
        self.add_senders(senders or {})
        self.pacer = pacer or Pacer(per_minute=120, burst=60)
        self._purged_at: datetime | None = None
        self._paused_until: datetime | None = None
        self.resume = resume
        self.metrics = metrics
        self.gave_up = gave_up

    def add_senders(self, senders: Mapping[OutgoingKind, Sender]) -> None:
        """Deliver these kinds with these senders; each kind must be decided in
        ``bot/domain/lost_answers.py`` (found after a lost answer, or unable to double)."""
        missing = undecided(senders)
        if missing:
            raise ValueError(f"not decided in bot/domain/lost_answers.py: {missing}")
        self.senders.update(senders)

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
        others = list(self.senders) or None
        for _ in range(max_batches):
            items = await self.outbox.due(now, batch, except_kinds=others)
            if not items:
                break
            for item in items:
                claimed = await self.outbox.claim(item, now + LEASE)
                if claimed is None:
                    continue  # another replica is delivering it
                with _failing(claimed):  # its lease expires, a tick tries it again
                    await self._deliver(claimed, now, report)
        if self.senders:
            await self._deliver_others(now, report, batch, max_batches)
        return report

    # --- other kinds: grouped, paced ------------------------------------------------------------
    def paused(self, now: datetime) -> bool:
        """True while Slack's last ``Retry-After`` runs (other kinds wait)."""
        return self._paused_until is not None and now < self._paused_until

    @property
    def paused_until(self) -> datetime | None:
        return self._paused_until

    async def _deliver_others(
        self, now: datetime, report: DeliveryReport, batch: int, max_batches: int
    ) -> None:
        kinds = list(self.senders)
        groups: dict[tuple[OutgoingKind, str], int] = {}
        for bulk in (False, True):
            for _ in range(max_batches):
                if self.paused(now):
                    return
                limit = min(batch, self.pacer.available(now)) if bulk else batch
                items = await self.outbox.due(now, limit, kinds=kinds, bulk=bulk) if limit else []
                tried = 0
                for item in items:
                    if self.paused(now):
                        return
                    with _failing(item) as delivery:
                        tried += await self._deliver_other(item, now, report, groups)
                    if delivery.failed:
                        tried += 1  # tried all the same: its lease expires
                if not tried:
                    break

    async def deliver_now(self, item_ids: Iterable[str], now: datetime) -> int:
        """Try these items at once (a person is waiting for them), unpaced and even while bulk
        messages wait out a rate limit (Slack limits posts per channel: a 429 on a card says
        nothing of the requester's DM); what cannot go now stays in the outbox for the next
        ticks. Returns how many were delivered."""
        report = DeliveryReport()
        for item_id in item_ids:
            item = await self.outbox.get(item_id)
            if item is None or item.state is not OutboxState.PENDING:
                continue
            if item.next_attempt_at is not None and item.next_attempt_at > now:
                continue
            with _failing(item):
                await self._deliver_other(item, now, report, {}, paced=False)
        return report.sent

    async def store_and_deliver(self, items: Sequence[tuple[str, Outgoing]], now: datetime) -> int:
        """Store ``(id, message)`` pairs and try them at once, as ``add`` then ``deliver_now``
        would, in fewer writes (``store``, then ``deliver_stored``). Returns how many went."""
        return await self.deliver_stored(await self.store(items, now), now)

    async def store(self, items: Sequence[tuple[str, Outgoing]], now: datetime) -> Stored:
        """Store ``(id, message)`` pairs to be tried at once by ``deliver_stored``: an item of a
        kind delivered alone is stored already leased to the caller
        (``OutboxRepository.add_leased``), so it costs two writes (stored, marked) instead of
        three (stored, claimed, marked); an id stored before, and grouped kinds, the usual way."""
        alone = [(i, m) for i, m in items if self._alone(m)]
        leased = await self.outbox.add_leased(alone, now, now + LEASE)
        await self.outbox.add([(i, m) for i, m in items if not self._alone(m)], now)
        taken = {item.id for item in leased}
        return Stored(tuple(leased), tuple(i for i, _ in items if i not in taken))

    async def deliver_stored(self, stored: Stored, now: datetime) -> int:
        """Try what ``store`` stored, at once (as ``deliver_now``); what cannot go now stays in
        the outbox for the next ticks (a leased item once its lease ends). How many went."""
        report = DeliveryReport()
        for item in stored.leased:
            with _failing(item):  # its lease expires and a tick tries it again
                await self._send_claimed(self.senders[item.message.kind], [item], now, report)
        queued = await self.deliver_now(stored.queued, now) if stored.queued else 0
        return report.sent + queued

    def _alone(self, message: Outgoing) -> bool:
        sender = self.senders.get(message.kind)
        return sender is not None and not (sender.grouped and message.about is not None)

    async def _deliver_other(
        self,
        item: OutboxItem,
        now: datetime,
        report: DeliveryReport,
        groups: dict[tuple[OutgoingKind, str], int],
        paced: bool = True,
    ) -> int:
        """Claim ``item`` (and, grouped, those waiting with it) and deliver; returns how many
        items were tried."""
        message = item.message
        sender = self.senders[message.kind]
        if sender.grouped and message.about is not None:
            key = (message.kind, message.about)
            if groups.get(key, 0) >= GROUP_MESSAGES_MAX:
                return 0
            claimed = await self.outbox.claim_group(
                message.kind, message.about, now, now + LEASE, GROUP_MAX
            )
            if claimed:
                groups[key] = groups.get(key, 0) + 1
        else:
            one = await self.outbox.claim(item, now + LEASE)
            claimed = [one] if one is not None else []
        if not claimed:
            return 0  # another replica (or this pass, in a group) has it
        if paced:
            self.pacer.spend(now, sum(1 for c in claimed if c.message.bulk))
        await self._send_claimed(sender, claimed, now, report)
        return len(claimed)

    async def _send_claimed(
        self, sender: Sender, claimed: Sequence[OutboxItem], now: datetime, report: DeliveryReport
    ) -> None:
        """Deliver items this replica holds the lease of, as one message, and record how it
        went (sent, cancelled, to retry, failed)."""
        message = claimed[0].message
        messages = [c.message for c in claimed]
        attempts = max(claimed_item.attempts for claimed_item in claimed)
        if attempts > MAX_ATTEMPTS:
            await self._failed(sender, claimed, _no_outcome(attempts), now, report)
            return
        if sender.grouped:
            # Items tried before go as the message they were, each with the token it was sent
            # with (looked for by it first: its answer may have been lost); the ones never
            # tried cannot be in it, and go as one of their own.
            groups = by_first_message(claimed)
            if len(groups) > 1:
                for group in groups:
                    await self._send_claimed(sender, group, now, report)
                return
            messages = [replace(c.message, token=c.sent_as) for c in claimed]
        tried = any(claimed_item.attempts > 1 for claimed_item in claimed)
        since = min(claimed_item.created_at for claimed_item in claimed) if tried else None
        try:
            ref = await sender.send(messages, now, since)
        except DeliveryDeferred as deferred:
            await self._deferred(sender, claimed, deferred, now, report)
            return
        except DeliveryFailed as failure:
            await self._failed(sender, claimed, failure.reason, now, report)
            return
        ids = [claimed_item.id for claimed_item in claimed]
        if ref is None:
            await self.outbox.cancel_many(ids, now)
            report.cancelled += len(claimed)
        else:
            await self.outbox.mark_sent_many(ids, ref, now, message.kind)
            report.sent += len(claimed)
            if isinstance(sender, AfterRecorded):
                await sender.follow_up_recorded(messages, ref, now)

    async def _deferred(
        self,
        sender: Sender,
        claimed: Sequence[OutboxItem],
        deferred: DeliveryDeferred,
        now: datetime,
        report: DeliveryReport,
    ) -> None:
        if deferred.reason == RATE_LIMITED:
            wait = max(RATE_LIMIT_MIN_WAIT, timedelta(seconds=deferred.retry_after))
            self._paused_until = max(self._paused_until or now, now + wait)
            for item in claimed:
                await self.outbox.retry_at(item.id, now + wait, deferred.reason, refund=True)
            log.warning("Slack rate limit: bulk messages wait %s", wait)
            report.rate_limited += len(claimed)
            if self.resume is not None:
                self.resume(self._paused_until)
            return
        attempts = max(item.attempts for item in claimed)
        if attempts >= MAX_ATTEMPTS:
            await self._failed(
                sender, claimed, f"{deferred.reason} ({attempts} attempts)", now, report
            )
            return
        wait = max(backoff(attempts), timedelta(seconds=deferred.retry_after))
        for item in claimed:
            await self.outbox.retry_at(item.id, now + wait, deferred.reason)
        report.deferred += len(claimed)

    async def _failed(
        self,
        sender: Sender,
        claimed: Sequence[OutboxItem],
        reason: str,
        now: datetime,
        report: DeliveryReport,
    ) -> None:
        for item in claimed:
            await self.outbox.mark_failed(item.id, reason, now)
        self._count_failed(claimed[0].message.kind, len(claimed))
        log.error(
            "gave up delivering %s (%s): %s",
            claimed[0].message.kind.value,
            ", ".join(item.message.ticket_id for item in claimed),
            reason,
        )
        report.failed += len(claimed)
        await sender.give_up([item.message for item in claimed], reason)

    async def _deliver(self, item: OutboxItem, now: datetime, report: DeliveryReport) -> None:
        message = item.message
        ticket = await self.tickets.get(message.ticket_id)
        if ticket is None or not still_wanted(message, ticket):
            await self.outbox.cancel(item.id, now)
            report.cancelled += 1
            return
        if item.attempts > MAX_ATTEMPTS:  # none ended: any of them may have posted it
            await self._give_up(item, ticket, _no_outcome(item.attempts), now, maybe_sent=True)
            report.failed += 1
            return
        try:
            # tried before: that attempt may have posted it, its answer lost; look first
            found = None
            if item.attempts > 1:
                found = await self.messenger.find_sent(message, ticket, item.created_at)
            ref = found or await self.messenger.send(message, ticket, now)
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
            # every answer lost (the last attempt's, and no look since found it absent): it may
            # have arrived; told and counted so (a page: ``bot/paging/unreachable.py``)
            reason = f"{deferred.reason} ({item.attempts} attempts)"
            await self._give_up(item, ticket, reason, now, maybe_sent=deferred.lost)
            report.failed += 1
            return
        except DeliveryFailed as failure:
            await self._give_up(item, ticket, failure.reason, now)
            report.failed += 1
            return
        await self.outbox.mark_sent(item.id, ref, now, message.kind)
        report.sent += 1
        if message.kind is OutgoingKind.PAGE:
            report.pages += 1
            # An acknowledgement may have landed while this page was on its way: it missed the
            # update of the pages sent, so update this one now.
            current = await self.tickets.get(message.ticket_id)
            if current is not None and current.paging and current.paging.acked_by:
                await self.messenger.show_acknowledged(current, [(message, ref)])

    def _count_failed(self, kind: OutgoingKind, count: int) -> None:
        if self.metrics is not None:
            self.metrics.outbox_failed.labels(kind=kind.value).inc(count)

    async def _give_up(
        self,
        item: OutboxItem,
        ticket: Ticket,
        reason: str,
        now: datetime,
        *,
        maybe_sent: bool = False,
    ) -> None:
        """Give ``item`` up: recorded, counted, logged, told; ``maybe_sent`` when no answer
        said what became of its attempts (it may have arrived)."""
        await self.outbox.mark_failed(item.id, reason, now, maybe_sent=maybe_sent)
        self._count_failed(item.message.kind, 1)
        if maybe_sent and item.message.kind is OutgoingKind.PAGE and self.metrics is not None:
            self.metrics.pages_unconfirmed.inc()
        log.error(
            "gave up delivering %s for %s to %s: %s%s",
            item.message.kind.value,
            item.message.ticket_id,
            item.message.recipient or "the service channel",
            reason,
            "; it may have been delivered (no answer said otherwise)" if maybe_sent else "",
            extra={"ticket_id": item.message.ticket_id},
        )
        await self.messenger.report_failure(item.message, ticket, reason, maybe_sent=maybe_sent)
        if self.gave_up is not None:
            await self.gave_up(replace(item, maybe_sent=maybe_sent, last_error=reason), now)


def _no_outcome(attempts: int) -> str:
    """Why an item claimed ``attempts`` times is given up: none of its attempts ended."""
    return f"no outcome recorded ({attempts - 1} attempts)"


def _failing(item: OutboxItem) -> AbstractContextManager[Guarded]:
    """Around one item's delivery: an unexpected failure is logged and stops no other item."""
    return isolated(
        log, "unexpected error delivering outbox item %s", item.id, ticket_id=item.message.ticket_id
    )
