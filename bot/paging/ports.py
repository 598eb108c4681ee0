"""What the scheduler's deliveries need from Slack: reminders and pages sent and updated."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Protocol

from bot.domain.models import (
    MessageRef,
    Outgoing,
    Ticket,
)


class Messenger(Protocol):
    """Delivers what the scheduler sends: reminders, pages, the last-level notice."""

    async def send(self, message: Outgoing, ticket: Ticket, now: datetime) -> MessageRef:
        """Deliver one message; raise ``DeliveryDeferred`` when it may work later (rate limit,
        Slack or network down) and ``DeliveryFailed`` when it never will."""
        ...

    async def show_acknowledged(
        self, ticket: Ticket, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        """Update every page already sent for ``ticket`` to say who acknowledged it, and when."""
        ...

    async def report_failure(self, message: Outgoing, ticket: Ticket, reason: str) -> None:
        """Tell the ticket's service channel that ``message`` could not be delivered."""
        ...


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
