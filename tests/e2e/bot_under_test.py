"""What a test holds of the running bot: the emulator, the request sender, the bot and its
clock; and what it does with the bot process itself (a scheduler tick, a replica, a GET)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import aiohttp

from bot.app.build import Guichet, build
from bot.domain.clock import ManualClock
from bot.domain.config import ServicesConfig
from bot.paging.scheduler import TickReport
from sandbox.emulator import SlackEmulator
from sandbox.slack_requests import SlackRequests
from storage.client import Database
from tests.e2e.workspace import settings_for


@dataclass
class BotUnderTest:
    slack: SlackEmulator
    send: SlackRequests
    guichet: Guichet
    clock: ManualClock
    config: ServicesConfig
    base_url: str
    database: Database
    replicas: list[Guichet] = field(default_factory=list)

    async def tick(self, after: timedelta = timedelta(0)) -> TickReport:
        """Move the clock by ``after``, then run one scheduler tick of this bot."""
        self.clock.advance(after)
        return await self.guichet.scheduler.tick()

    def replica(self) -> Guichet:
        """Another bot process on the same database, Slack and clock (not serving HTTP; its
        scheduler is stopped at the end of the test if started)."""
        other = build(settings_for(self.slack), self.config, self.database, clock=self.clock)
        self.replicas.append(other)
        return other

    async def get(self, path: str) -> tuple[int, Any]:
        """``GET`` one of the bot's own endpoints (``/healthz``, ``/metrics``): status and the
        JSON body (or the text)."""
        async with aiohttp.ClientSession() as session, session.get(self.base_url + path) as reply:
            if reply.content_type == "application/json":
                return reply.status, await reply.json()
            return reply.status, await reply.text()
