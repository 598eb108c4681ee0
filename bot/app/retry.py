"""Start-up work that needs the database, retried in the background until it succeeds, so a
bot started while MongoDB is down serves (and says 503 on ``/healthz``) and catches up when the
database returns. A refusal (``StoreRejected``: the database answered, and refused what was
asked) is not retried: the same request would be refused again every few seconds for ever. It is
said once, at error, with what the server said; the work stays undone until an operator mends
what it refused and restarts Guichet. (Index conflicts left by an older version are settled
before that, index by index: ``storage/indexes.py``.)"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.domain.errors import StoreRejected, StoreUnavailable

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
        """Set once the work succeeded."""
        self.refused: StoreRejected | None = None
        """What the database refused, when it did: the work was given up."""

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
            except StoreRejected as refused:
                self.refused = refused
                log.error(
                    "could not %s: the database refused it (%s); not retried (it would be "
                    "refused again): mend what it refused, then restart Guichet",
                    self._what,
                    " ".join(str(refused).split()),
                )
                return
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
