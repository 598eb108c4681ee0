"""What the scheduler needs: a timer that ticks it (APScheduler, in ``bot/app/timer.py``)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
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
