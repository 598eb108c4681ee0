"""The bot running for real on a local port, talking to the Slack emulator, driven over HTTP."""

from __future__ import annotations

import asyncio
import inspect
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bot.app.build import Guichet, build
from bot.app.settings import Settings
from bot.domain.clock import ManualClock
from bot.domain.config import ServicesConfig, load_services_config
from bot.domain.models import Ticket
from bot.paging.scheduler import TickReport
from sandbox.slack_emulator import RecordedCall, SlackEmulator
from sandbox.slack_requests import SlackRequests
from storage.client import Database
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

    async def say(
        self,
        channel: str,
        text: str,
        user: str,
        thread_ts: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """A person writes in a channel (or a DM: ``D...``), in a thread when ``thread_ts`` is
        given: the message is stored in the emulator and its ``message`` event sent to the bot.
        ``extra`` goes into the event (``subtype``, ``bot_id``, ``files``, ...)."""
        message = self.slack.add_message(channel, text, user=user, thread_ts=thread_ts)
        event: dict[str, Any] = {
            "type": "message",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": message["ts"],
            "team": "T0001",
            "channel_type": "im" if channel.startswith("D") else "channel",
            **extra,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        status, _ = await self.send.event(event)
        assert status == 200
        return message

    async def react(
        self,
        channel: str,
        ts: str,
        user: str,
        reaction: str = "ticket",
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
    ) -> None:
        """``user`` adds ``reaction`` to message ``ts``: the ``reaction_added`` event."""
        stored = self.slack.message(channel, ts)
        event = {
            "type": "reaction_added",
            "user": user,
            "reaction": reaction,
            "item": {"type": "message", "channel": channel, "ts": ts},
            "item_user": stored.get("user"),
        }
        status, _ = await self.send.event(event, event_id=event_id, retry_num=retry_num)
        assert status == 200

    async def open_home(self, user: str) -> dict[str, Any]:
        """``user`` opens the bot's Home tab; returns the view the bot published."""
        before = len(self.slack.calls_to("views.publish"))
        event = {"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": "home"}
        status, _ = await self.send.event(event)
        assert status == 200
        call = (await self.slack.wait_for("views.publish", count=before + 1))[-1]
        assert call.ok, call.response
        return call.response["view"]

    async def wait_until(self, check: Callable[[], Awaitable[Any]], what: str) -> Any:
        """Poll ``check`` (the bot works after answering Slack) until it returns a truthy value."""
        for _ in range(300):
            result = await check()
            if result:
                return result
            await asyncio.sleep(0.01)
        raise AssertionError(f"gave up waiting for {what}")

    # --- working tickets ---------------------------------------------------------------------
    async def ticket(self, ticket_id: str) -> Ticket:
        """The ticket as stored now."""
        ticket = await self.guichet.helpdesk.tickets.get(ticket_id)
        assert ticket is not None, ticket_id
        return ticket

    async def channel_message(self, ticket_id: str) -> dict[str, Any]:
        """The ticket's channel message as Slack shows it now."""
        ticket = await self.ticket(ticket_id)
        assert ticket.message is not None, f"{ticket_id} has no channel message"
        return self.slack.message(ticket.message.channel, ticket.message.ts)

    async def choose(
        self,
        ticket_id: str,
        action_id: str,
        choice: str | None,
        user: str,
        message: dict[str, Any] | None = None,
    ) -> tuple[int, Any]:
        """Press a control of the ticket's channel message (``message``: as someone saw it
        earlier; else as it is now). For a menu, ``choice`` is the end of the option's value
        (``resolved``, ``P4``, ``security``); for a button, ``None`` sends its own value."""
        ticket = await self.ticket(ticket_id)
        assert ticket.message is not None
        message = message or self.slack.message(ticket.message.channel, ticket.message.ts)
        element = find_element(message, action_id)
        value: Any = None
        if choice is not None:
            values = [o["value"] for o in element.get("options", [])]
            matching = [v for v in values if v.endswith(f"|{choice}")]
            assert matching, f"{choice!r} is not offered by {action_id}: {values}"
            value = matching[0]
        return await self.send.block_action(
            action_id,
            value,
            user_id=user,
            channel_id=ticket.message.channel,
            message=message,
        )

    def latest_dm(self, user: str, action_id: str | None = None) -> dict[str, Any]:
        """The latest DM the bot sent ``user`` (holding a control ``action_id`` if given)."""
        for message in reversed(self.slack.messages(self.slack.dm_channel_id(user))):
            if action_id is None or _has_element(message, action_id):
                return message
        raise AssertionError(f"no DM to {user} with {action_id}")

    async def press_in_dm(
        self, user: str, action_id: str, value: str | None = None, as_user: str | None = None
    ) -> tuple[int, Any]:
        """Press a button of the latest DM to ``user`` holding it (as ``as_user``, to forge)."""
        message = self.latest_dm(user, action_id)
        return await self.send.block_action(
            action_id,
            value,
            user_id=as_user or user,
            channel_id=self.slack.dm_channel_id(user),
            message=message,
        )

    def told(self, user: str) -> list[str]:
        """What the bot said to ``user`` alone: ephemeral messages, then direct messages."""
        ephemerals = [e["text"] for e in self.slack.ephemerals() if e["user"] == user]
        dms = [m.get("text", "") for m in self.slack.messages(self.slack.dm_channel_id(user))]
        return ephemerals + dms

    async def eventually(self, check: Callable[[], Any], what: str = "condition") -> Any:
        """Wait (polling, up to 5 s) until ``check()`` is truthy, for work the bot does after
        it acked; returns its value."""
        for _ in range(500):
            result = check()
            if inspect.isawaitable(result):
                result = await result
            if result:
                return result
            await asyncio.sleep(0.01)
        raise AssertionError(f"timed out waiting for {what}")

    async def told_eventually(self, user: str, fragment: str, times: int = 1) -> str:
        """Wait until the bot told ``user`` something containing ``fragment`` (``times`` times);
        returns the latest such message."""

        def said() -> str | None:
            found = [text for text in self.told(user) if fragment in text]
            return found[-1] if len(found) >= times else None

        return await self.eventually(said, f"{user} to be told {fragment!r}: {self.told(user)}")

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

    async def get(self, path: str) -> tuple[int, Any]:
        """``GET`` one of the bot's own endpoints (``/healthz``, ``/metrics``): status and the
        JSON body (or the text)."""
        async with aiohttp.ClientSession() as session, session.get(self.base_url + path) as reply:
            if reply.content_type == "application/json":
                return reply.status, await reply.json()
            return reply.status, await reply.text()

    def top_level(self, channel: str) -> list[RecordedCall]:
        """Successful posts in ``channel`` that are not thread replies, oldest first."""
        return [
            c
            for c in self.slack.calls_to("chat.postMessage")
            if c.ok and c.args.get("channel") == channel and not c.args.get("thread_ts")
        ]

    async def show(self, ticket_id: str, user: str) -> str:
        """What ``/ticket show <id>`` answers ``user`` (all its blocks, as text)."""
        before = len(self.slack.calls_to("response_url"))
        status, _ = await self.send.command(f"show {ticket_id}", user_id=user)
        assert status == 200
        answer = (await self.slack.wait_for("response_url", count=before + 1))[-1].args
        return str(answer.get("blocks") or answer.get("text"))

    async def press(
        self,
        channel: str,
        message: dict[str, Any],
        action_id: str,
        user: str,
        block_id: str | None = None,
    ) -> None:
        """``user`` presses the button ``action_id`` (in block ``block_id``) of a message of
        ``channel`` as they see it."""
        status, _ = await self.send.block_action(
            action_id, None, user_id=user, channel_id=channel, message=message, block_id=block_id
        )
        assert status == 200

    def _dms(self, user: str) -> list[Any]:
        return [c for c in self.slack.calls_to("chat.postMessage") if c.args.get("channel") == user]

    async def wait_dms(self, user: str, count: int) -> list[Any]:
        for _ in range(200):
            dms = self._dms(user)
            if len(dms) >= count:
                return dms
            await asyncio.sleep(0.01)
        raise AssertionError(f"{user} got {len(self._dms(user))} DMs, expected {count}")


def _elements(message: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for block in message.get("blocks") or []:
        found.extend(block.get("elements") or [] if block.get("type") == "actions" else [])
        if isinstance(block.get("accessory"), dict):
            found.append(block["accessory"])
    return found


def _has_element(message: dict[str, Any], action_id: str) -> bool:
    return any(e.get("action_id") == action_id for e in _elements(message))


def find_element(message: dict[str, Any], action_id: str) -> dict[str, Any]:
    """The interactive element ``action_id`` of a message; AssertionError listing them if absent."""
    for element in _elements(message):
        if element.get("action_id") == action_id:
            return element
    shown = [e.get("action_id") for e in _elements(message)]
    raise AssertionError(f"no {action_id} in the message; it has {shown}")


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
    slack.add_user(INFRA_ONCALL_1, "infra1", locale="fr-FR")
    slack.add_user(INFRA_ONCALL_2, "infra2", locale="en-US")
    slack.add_user(SECURITY_ONCALL, "seconcall", locale="en-US")
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
