"""The bot's clock in the sandbox: it stands still until the page moves it ("+15 min"), or, with
"real time" on, follows the wall clock from where it stands (the time already skipped kept).

Standing still makes a scenario repeatable (an SLA reminder due in 15 minutes comes when you
press "+15 min", not while you read); real time lets you watch the bot as it runs in production,
its scheduler ticking on its own. Both are one ``Clock`` the bot was built with.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.domain.clock import ManualClock


class SandboxClock(ManualClock):
    """A ``ManualClock`` that can also run at the wall clock's pace."""

    def __init__(
        self, start: datetime | None = None, wall: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(start)
        self._wall = wall
        self._running_since: float | None = None  # the wall time real time was turned on

    @property
    def real_time(self) -> bool:
        return self._running_since is not None

    def now(self) -> datetime:
        standing = super().now()
        if self._running_since is None:
            return standing
        return standing + timedelta(seconds=self._wall() - self._running_since)

    def set_real_time(self, on: bool) -> datetime:
        """Follow the wall clock from now (``on``), or stop where it has come; returns now."""
        if on and self._running_since is None:
            self._running_since = self._wall()
        elif not on and self._running_since is not None:
            elapsed = self.now() - super().now()
            self._running_since = None
            super().advance(elapsed)
        return self.now()
