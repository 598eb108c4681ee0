"""Start-up work that needs the database, retried in the background until it succeeds, so a
bot started while MongoDB is down serves (and says 503 on ``/healthz``) and catches up when the
database returns."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.domain.errors import StoreUnavailable

log = logging.getLogger(__name__)


class RetryInBackground:
    def __init__(
        self, action: Callable[[], Awaitable[None]], what: str, every_seconds: float
    ) -> None:
        self._action = action
        self._what = what
        self._every = every_seconds
        self._task: asyncio.Task[None] | None = None
        self.done = asyncio.Event()

    async def start(self, _: Any = None) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self, _: Any = None) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        attempt = 1
        while True:
            try:
                await self._action()
            except StoreUnavailable as error:
                log.warning(
                    "could not %s (database unavailable, attempt %d): %s; retrying in %ss",
                    self._what,
                    attempt,
                    error,
                    self._every,
                )
                attempt += 1
                await asyncio.sleep(self._every)
                continue
            if attempt > 1:
                log.info("%s: done after %d attempts", self._what, attempt)
            self.done.set()
            return
