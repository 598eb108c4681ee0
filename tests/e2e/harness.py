"""The bot running for real on a local port, talking to the Slack emulator, driven over HTTP."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bot.__main__ import Guichet, build
from bot.clock import ManualClock
from bot.config import ServicesConfig, load_services_config
from bot.models import Ticket
from bot.settings import Settings
from storage.client import Database
from tests.slack_emulator import SlackEmulator
from tests.slack_requests import SlackRequests
from tests.socket_mode import SocketModeRequests, SocketModeServer

SIGNING_SECRET = "test-signing-secret"
TOKEN = "xoxb-test"
SERVICES_FILE = Path(__file__).parent.parent / "data" / "services.yml"

# People of the test workspace
EMPLOYEE_FR = "U0MARIE"
EMPLOYEE_EN = "U0JOHN"
DESK_AGENT = "U0DESKAGENT"
DESK_MEMBER = "U0DESKMEMBER"
OUTSIDER = "U0OUTSIDER"
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

    async def get(self, path: str) -> tuple[int, Any]:
        """``GET`` one of the bot's own endpoints (``/healthz``, ``/metrics``): status and the
        JSON body (or the text)."""
        async with aiohttp.ClientSession() as session, session.get(self.base_url + path) as reply:
            if reply.content_type == "application/json":
                return reply.status, await reply.json()
            return reply.status, await reply.text()

    def _dms(self, user: str) -> list[Any]:
        return [c for c in self.slack.calls_to("chat.postMessage") if c.args.get("channel") == user]

    async def wait_dms(self, user: str, count: int) -> list[Any]:
        for _ in range(200):
            dms = self._dms(user)
            if len(dms) >= count:
                return dms
            await asyncio.sleep(0.01)
        raise AssertionError(f"{user} got {len(self._dms(user))} DMs, expected {count}")


def settings_for(slack: SlackEmulator, socket_mode: bool = False) -> Settings:
    return Settings(
        slack_bot_token=TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_app_token=slack.app_token if socket_mode else None,
        slack_api_url=slack.base_url,
        _env_file=None,
    )  # type: ignore[call-arg]


def populate(slack: SlackEmulator) -> None:
    slack.add_user(EMPLOYEE_FR, "marie", locale="fr-FR")
    slack.add_user(EMPLOYEE_EN, "john", locale="en-US")
    slack.add_user(DESK_AGENT, "deskagent", locale="fr-FR")
    slack.add_user(DESK_MEMBER, "deskmember", locale="en-GB")
    slack.add_user(OUTSIDER, "outsider", locale="en-US")
    for service, channel in CHANNELS.items():
        members = [DESK_MEMBER] if service == "service_desk" else []
        slack.add_channel(channel, name=f"it-{service}", members=members)


@asynccontextmanager
async def running_bot(
    database: Database,
    *,
    socket_mode: bool = False,
    slack: SlackEmulator | None = None,
    clock: ManualClock | None = None,
    index_retry_seconds: float = 15.0,
) -> AsyncIterator[Harness]:
    """The bot on a local port. ``socket_mode``: Slack's traffic goes through a local Socket
    Mode server instead (``send`` then sends envelopes over it). Pass ``slack`` (and
    ``clock``) to run a second bot against the same emulator, as another replica would."""
    async with AsyncExitStack() as stack:
        if slack is None:
            slack = await stack.enter_async_context(SlackEmulator(token=TOKEN))
            populate(slack)
        server: SocketModeServer | None = None
        if socket_mode:
            server = await stack.enter_async_context(SocketModeServer())
            slack.enable_socket_mode(server.url)
        config = load_services_config(SERVICES_FILE)
        clock = clock or ManualClock()
        guichet = build(
            settings_for(slack, socket_mode),
            config,
            database,
            clock=clock,
            index_retry_seconds=index_retry_seconds,
        )
        runner = web.AppRunner(guichet.web)
        await runner.setup()
        stack.push_async_callback(runner.cleanup)
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        base_url = f"http://127.0.0.1:{port}"
        send: SlackRequests
        if server is not None:
            await server.wait_connected()
            send = SocketModeRequests(server, response_url_base=slack.response_url_base)
        else:
            send = SlackRequests(
                base_url, SIGNING_SECRET, response_url_base=slack.response_url_base
            )
        stack.push_async_callback(send.close)
        yield Harness(
            slack=slack,
            send=send,
            guichet=guichet,
            clock=clock,
            config=config,
            base_url=base_url,
        )
