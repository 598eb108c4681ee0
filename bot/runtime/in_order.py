"""One at a time per key, in the order asked: the replies of one conversation thread are
relayed in the order they were written. Each reply's work runs in its own turn of the queue of
work after the ack, two at once (``bot/runtime/after_ack.py``): two lines typed in a row ("Firefox",
"version 128") were relayed in either order, whichever relay was quicker (the first one reads the
thread and its permalink, the second may not). Turns start in the order events arrived and
``asyncio.Lock`` wakes its waiters in order, so taking the key's lock as the turn starts keeps
the order Slack delivered them in (in this process: replicas each keep their own).

A lock lives while someone holds it or waits for it, then is dropped: as many as threads being
relayed at once, never one per thread ever seen."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager


class InOrder:
    def __init__(self) -> None:
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def one_at_a_time(self, key: Hashable) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        """Keys held or waited for now."""
        return len(self._locks)
