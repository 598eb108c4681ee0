"""Acting once on what Slack delivers more than once: the inbound side of the outbox's promise.

Slack redelivers an event it thinks went unanswered (same ``event_id``, ``X-Slack-Retry-Num``
set), and a proxy may send a request twice. ``Receipts.once(key)`` takes a stored receipt for the
delivery before its side effect (a relay, a reaction, a DM thread opened) and marks it done
after, so a redelivery, on any replica, finds it and does nothing. A receipt whose work failed
half-way stays *in progress* for ``LEASE`` — longer than Slack's retries (at once, after 1 and
5 minutes) — so a relay already sent is never sent again; after that it may be taken over.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

from bot.domain.clock import Clock
from storage.receipts import ReceiptRepository

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)
PURGE_EVERY = timedelta(hours=1)


class Receipts:
    def __init__(self, receipts: ReceiptRepository, clock: Clock) -> None:
        self.receipts = receipts
        self.clock = clock
        self._purged_at: datetime | None = None

    @asynccontextmanager
    async def once(self, key: str | None) -> AsyncIterator[bool]:
        """Yields True the first time ``key`` is seen (do the work), False for a redelivery
        (do nothing). No key (a delivery that carries none): always True. Raises
        ``StoreUnavailable`` when the receipt cannot be taken: nothing is done then."""
        if key is None:
            yield True
            return
        now = self.clock.now()
        if self._purged_at is None or now - self._purged_at >= PURGE_EVERY:
            self._purged_at = now
            await self.receipts.purge(now)
        if not await self.receipts.take(key, now, now + LEASE):
            log.info("already received: %s", key)
            yield False
            return
        yield True  # an exception in the work leaves the receipt in progress (see above)
        await self.receipts.done(key, self.clock.now())
