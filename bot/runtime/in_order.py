"""One at a time per key, in the order asked: the replies of one conversation thread are
relayed in the order they were written. Each reply's work runs in its own turn of the queue of
work after the ack, two at once (``bot/runtime/after_ack.py``): two lines typed in a row ("Firefox",
"version 128") were relayed in either order, whichever relay was quicker (the first one reads the
thread and its permalink, the second may not).

The key's lock is taken as the event arrives, before its turn, not as the turn starts: turns are
taken from the queue in order, but two workers start them in either order (each first lets the
acks pass, ``_let_requests_pass``, longer on a loaded machine), and "version 128" took the lock
first 1 run in 7 under load. Events arrive in the order Slack sent them, a listener reaches this
lock without waiting on anything, and ``asyncio.Lock`` wakes its waiters in order, so the order
Slack delivered them in is kept (in this process: replicas each keep their own). A listener
waiting here holds no worker: the one holding the lock was queued first, so it gets one.

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
