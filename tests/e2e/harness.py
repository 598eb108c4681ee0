"""The bot running for real on a local port, talking to the Slack emulator, driven over HTTP."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.__main__ import Guichet, build
from bot.clock import ManualClock
from bot.config import ServicesConfig, load_services_config
from bot.models import Ticket
from bot.scheduler import TickReport
from bot.settings import Settings
from storage.client import Database
from tests.slack_emulator import RecordedCall, SlackEmulator
from tests.slack_requests import SlackRequests

SIGNING_SECRET = "test-signing-secret"
TOKEN = "xoxb-test"
SERVICES_FILE = Path(__file__).parent.parent / "data" / "services.yml"

# People of the test workspace
EMPLOYEE_FR = "U0MARIE"
EMPLOYEE_EN = "U0JOHN"
DESK_AGENT = "U0DESKAGENT"
DESK_MEMBER = "U0DESKMEMBER"
OUTSIDER = "U0OUTSIDER"
INFRA_ONCALL_1 = "U0INFRA1"  # infra_network's on-call level 1 (tests/data/services.yml)
INFRA_ONCALL_2 = "U0INFRA2"  # ... and level 2, paged after 10 min
SECURITY_ONCALL = "U0SECONCALL"
CHANNELS = {
    "service_desk": "C0DESK",
    "internal_it": "C0INTERNAL",
    "app_dev": "C0APPDEV",
    "security": "C0SECURITY",
    "infra_network": "C0INFRA",
}


@dataclass
class Harness:
    slack: SlackEmulator
    send: SlackRequests
    guichet: Guichet
    clock: ManualClock
    config: ServicesConfig
    base_url: str
    database: Database | None = None
    replicas: list[Guichet] = field(default_factory=list)

    async def open_form(self, text: str = "", user: str = EMPLOYEE_EN) -> dict[str, Any]:
        """``/ticket [text]``; returns the modal the bot opened (as Slack stored it)."""
        before = len(self.slack.calls_to("views.open"))
        status, _ = await self.send.command(text, user_id=user)
        assert status == 200
        calls = await self.slack.wait_for("views.open", count=before + 1)
        call = calls[-1]
        assert call.ok, call.response
        return call.response["view"]

    async def submit(
        self, view: dict[str, Any], answers: dict[str, Any], user: str = EMPLOYEE_EN
    ) -> tuple[int, Any]:
        values = self.send.state_values(view, answers)
        return await self.send.view_submission(view, values, user_id=user)

    async def file(
        self,
        ticket_type: str = "incident",
        title: str = "My VPN drops every hour",
        description: str = "Since Monday the VPN disconnects every hour.",
        impact: str = "medium",
        urgency: str = "high",
        user: str = EMPLOYEE_EN,
    ) -> Ticket:
        """File a ticket through the modal and wait until it is announced; returns it stored."""
        view = await self.open_form(user=user)
        dms_before = len(self._dms(user))
        status, body = await self.submit(
            view,
            {
                "type": ticket_type,
                "title": title,
                "description": description,
                "impact": impact,
                "urgency": urgency,
            },
            user=user,
        )
        assert status == 200, body
        assert isinstance(body, dict) and body.get("response_action") == "update", body
        await self.wait_dms(user, dms_before + 1)
        confirmation = str(body["view"]["blocks"])
        match = re.search(r"\b[A-Z]{3}-\d+\b", confirmation)
        assert match, confirmation
        ticket = await self.guichet.helpdesk.tickets.get(match.group())
        assert ticket is not None
        return ticket

    # --- the scheduler ---------------------------------------------------------------------------
    async def tick(self, after: timedelta = timedelta(0)) -> TickReport:
        """Move the clock by ``after``, then run one scheduler tick of this bot."""
        self.clock.advance(after)
        return await self.guichet.scheduler.tick()

    def replica(self) -> Guichet:
        """Another bot process on the same database, Slack and clock (not serving HTTP; its
        scheduler is stopped at the end of the test if started)."""
        assert self.database is not None
        other = build(settings_for(self.slack), self.config, self.database, clock=self.clock)
        self.replicas.append(other)
        return other

    def dms_to(self, user: str) -> list[RecordedCall]:
        """Successful messages posted to ``user``'s DM, oldest first."""
        return [c for c in self._dms(user) if c.ok]

    def thread(self, ticket: Ticket) -> list[RecordedCall]:
        """Successful replies posted in the thread of the ticket's channel message."""
        assert ticket.message is not None
        return [
            c
            for c in self.slack.calls_to("chat.postMessage")
            if c.ok
            and c.args.get("channel") == ticket.message.channel
            and c.args.get("thread_ts") == ticket.message.ts
        ]

    def _dms(self, user: str) -> list[Any]:
        return [c for c in self.slack.calls_to("chat.postMessage") if c.args.get("channel") == user]

    async def wait_dms(self, user: str, count: int) -> list[Any]:
        for _ in range(200):
            dms = self._dms(user)
            if len(dms) >= count:
                return dms
            await asyncio.sleep(0.01)
        raise AssertionError(f"{user} got {len(self._dms(user))} DMs, expected {count}")


def settings_for(slack: SlackEmulator) -> Settings:
    return Settings(
        slack_bot_token=TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.base_url,
        _env_file=None,
    )  # type: ignore[call-arg]


def populate(slack: SlackEmulator) -> None:
    slack.add_user(EMPLOYEE_FR, "marie", locale="fr-FR")
    slack.add_user(EMPLOYEE_EN, "john", locale="en-US")
    slack.add_user(DESK_AGENT, "deskagent", locale="fr-FR")
    slack.add_user(DESK_MEMBER, "deskmember", locale="en-GB")
    slack.add_user(OUTSIDER, "outsider", locale="en-US")
    slack.add_user(INFRA_ONCALL_1, "infra1", locale="fr-FR")
    slack.add_user(INFRA_ONCALL_2, "infra2", locale="en-US")
    slack.add_user(SECURITY_ONCALL, "seconcall", locale="en-US")
    for service, channel in CHANNELS.items():
        members = [DESK_MEMBER] if service == "service_desk" else []
        slack.add_channel(channel, name=f"it-{service}", members=members)


@asynccontextmanager
async def running_bot(database: Database) -> AsyncIterator[Harness]:
    async with SlackEmulator(token=TOKEN) as slack:
        populate(slack)
        config = load_services_config(SERVICES_FILE)
        clock = ManualClock()
        guichet = build(settings_for(slack), config, database, clock=clock)
        runner = web.AppRunner(guichet.web)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        base_url = f"http://127.0.0.1:{port}"
        send = SlackRequests(base_url, SIGNING_SECRET, response_url_base=slack.response_url_base)
        replicas: list[Guichet] = []
        try:
            yield Harness(
                slack=slack,
                send=send,
                guichet=guichet,
                clock=clock,
                config=config,
                base_url=base_url,
                database=database,
                replicas=replicas,
            )
        finally:
            for replica in replicas:
                await replica.scheduler.stop()
            await send.close()
            await runner.cleanup()
