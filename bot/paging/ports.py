"""What paging needs from outside: a timer that ticks the scheduler (APScheduler, in
``bot/app/timer.py``) and the Home tabs of the people a paging concerns (``PagedHomes``)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from typing import Protocol

Job = Callable[[], Awaitable[None]]


class TickTimer(Protocol):
    """When the scheduler ticks (APScheduler in ``bot/app/timer.py``): every ``scheduler.tick``,
    and sooner when asked."""

    def start(self, tick: Job) -> None:
        """Run ``tick`` now, then at every interval (and the timed jobs on their triggers)."""
        ...

    async def stop(self, lock: asyncio.Lock) -> None:
        """Stop, once the tick holding ``lock`` (if any) has finished."""
        ...

    def next_run(self, job_id: str) -> datetime | None:
        """When the timed job ``job_id`` runs next (``None``: not scheduled, or not running)."""
        ...


class PagedHomes(Protocol):
    """The Home tabs of paged people (``handlers/home/paged.py``): a live page shows at the top
    of its reader's Home, with Acknowledge, until the tab is published again."""

    async def refresh(self, users: Iterable[str]) -> None:
        """Publish again, as they stand now, the Home tab of each of ``users`` (once each):
        queued, not done before returning; a failure is logged, never raised (the Home is a
        view, read again whenever its reader opens it)."""
        ...
