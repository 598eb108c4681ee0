"""What ``GET /healthz`` reports: the database, the scheduler's last tick and how the bot is
connected to Slack (``http``, or ``socket`` and whether the WebSocket is up).

The scheduler calls ``HealthState.scheduler_ticked(at)`` at the end of every tick; until it has
ticked once, ``last_tick`` is ``null``. Only the database decides the status code (503 when it
does not answer): a replica whose scheduler lags can still serve Slack, so the load balancer
must not take it out, but the body says ``"late": true`` for whoever watches. Likewise Slack
unreachable at start-up: the body says ``"status": "degraded"`` and ``"slack": {"auth":
"unreachable"}`` until ``auth.test`` answers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.domain.clock import Clock
from storage.client import Database

PING_TIMEOUT_SECONDS = 2.0
LATE_AFTER_TICKS = 3
"""The scheduler is late when it has not ticked for this many tick intervals."""


class SlackConnection(Protocol):
    mode: str  # "http" or "socket"

    async def connected(self) -> bool | None:
        """Whether the Socket Mode link is up (``None`` over HTTP: Slack calls us)."""
        ...


DeliveryReport = Callable[[datetime], Awaitable[dict[str, Any]]]
"""The outbox's undelivered messages as of a time (``OutboxRepository.failures``)."""


class SlackAuth(Protocol):
    @property
    def verified(self) -> bool:
        """Whether ``auth.test`` confirmed the token (read only: the identity learns it)."""
        ...

    def report(self) -> dict[str, Any]:
        """``{"auth": "ok", ...}`` once ``auth.test`` answered, ``"unreachable"`` until then."""
        ...


@dataclass
class HealthState:
    tick_interval: timedelta
    last_tick: datetime | None = None
    slack: SlackConnection | None = None
    deliveries: DeliveryReport | None = None
    identity: SlackAuth | None = None
    after_ack: Callable[[], dict[str, Any]] | None = None  # the queue's report

    def scheduler_ticked(self, at: datetime) -> None:
        self.last_tick = at

    def scheduler_report(self, now: datetime) -> dict[str, Any]:
        if self.last_tick is None:
            return {"last_tick": None, "late": False}
        late = now - self.last_tick > self.tick_interval * LATE_AFTER_TICKS
        return {"last_tick": self.last_tick.isoformat(), "late": late}


async def health_report(
    database: Database, state: HealthState, clock: Clock
) -> tuple[int, dict[str, Any]]:
    """``(status code, body)``: 200 when the database answers within a couple of seconds."""
    try:
        up = await asyncio.wait_for(database.ping(), timeout=PING_TIMEOUT_SECONDS)
    except TimeoutError:
        up = False
    body: dict[str, Any] = {
        "status": "ok" if up else "degraded",
        "database": "up" if up else "down",
        "store": "mongodb" if database.persistent else "in-memory",
        "scheduler": state.scheduler_report(clock.now()),
    }
    if up and state.deliveries is not None:
        body["deliveries"] = await state.deliveries(clock.now())
    if state.after_ack is not None:
        body["after_ack"] = state.after_ack()
    if state.slack is not None:
        body["slack"] = {"mode": state.slack.mode, "connected": await state.slack.connected()}
    if state.identity is not None:
        body.setdefault("slack", {}).update(state.identity.report())
        if up and not state.identity.verified:
            body["status"] = "degraded"  # still 200: Slack's absence is not this replica's fault
    return (200 if up else 503), body
