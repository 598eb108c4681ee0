"""Pacing bulk messages under Slack's rate limits: a token bucket on the injected clock.

``per_minute`` messages a minute on average, at most ``burst`` at once (a scheduler tick's
worth), so a problem fixed for 500 requesters is told to them over a few minutes, never in one
burst that Slack would answer with HTTP 429. Pure arithmetic: the caller passes the time.
"""

from __future__ import annotations

from datetime import datetime, timedelta


class Pacer:
    def __init__(self, per_minute: int, burst: int) -> None:
        if per_minute < 1 or burst < 1:
            raise ValueError("a pace needs at least one message a minute and a burst of one")
        self.per_minute = per_minute
        self.burst = burst
        self._tokens = float(burst)
        self._at: datetime | None = None

    @classmethod
    def for_tick(cls, per_minute: int, tick: timedelta) -> Pacer:
        """Bursts of one tick's worth of messages."""
        return cls(per_minute, max(1, int(per_minute * tick.total_seconds() / 60)))

    def _refill(self, now: datetime) -> None:
        if self._at is not None and now > self._at:
            elapsed = (now - self._at).total_seconds()
            self._tokens = min(float(self.burst), self._tokens + elapsed * self.per_minute / 60)
        if self._at is None or now > self._at:
            self._at = now

    def available(self, now: datetime) -> int:
        """How many messages may go now."""
        self._refill(now)
        return int(self._tokens)

    def spend(self, now: datetime, count: int = 1) -> None:
        self._refill(now)
        self._tokens = max(0.0, self._tokens - count)
