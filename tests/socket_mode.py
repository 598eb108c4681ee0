"""Slack's side of Socket Mode, locally: the WebSocket server a bot connects to after
``apps.connections.open``, and a request sender that sends the same payloads as
``SlackRequests`` but as Socket Mode envelopes, returning the bot's acknowledgement.

    server = await SocketModeServer().start()
    slack.enable_socket_mode(server.url)          # the emulator answers apps.connections.open
    ... start the bot with SLACK_APP_TOKEN=slack.app_token ...
    await server.wait_connected()
    send = SocketModeRequests(server)
    status, body = await send.command("help")     # (200, the ack's payload or "")
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

from aiohttp import WSMsgType, web

from sandbox.slack_requests import JsonDict, Reply, SignMode, SlackRequests

APP_ID = "A0001"


class SocketModeServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._sockets: list[web.WebSocketResponse] = []
        self._acks: dict[str, asyncio.Future[JsonDict]] = {}
        self.connections = 0
        self._connected = asyncio.Event()

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self._port}/link"

    async def start(self) -> SocketModeServer:
        app = web.Application()
        app.router.add_get("/link", self._link)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self._port = int(self._runner.addresses[0][1])
        return self

    async def close(self) -> None:
        for socket in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> SocketModeServer:
        return await self.start()

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    @property
    def open_sockets(self) -> int:
        return sum(1 for s in self._sockets if not s.closed)

    async def wait_connected(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        await asyncio.wait_for(self._connected.wait(), timeout)

    async def _link(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(autoping=True)
        await socket.prepare(request)
        self._sockets.append(socket)
        self.connections += 1
        await socket.send_json(
            {
                "type": "hello",
                "num_connections": self.open_sockets,
                "debug_info": {"host": "local-emulator", "approximate_connection_time": 18060},
                "connection_info": {"app_id": APP_ID},
            }
        )
        self._connected.set()
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            waiting = self._acks.get(str(data.get("envelope_id")))
            if waiting is not None and not waiting.done():
                waiting.set_result(data)
        self._sockets.remove(socket)
        return socket

    async def send(
        self,
        kind: str,
        payload: JsonDict,
        *,
        accepts_response_payload: bool = True,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> JsonDict:
        """Send one envelope (``slash_commands``, ``interactive``, ``events_api``) and wait for
        the bot's acknowledgement, which is returned (``envelope_id`` and maybe ``payload``)."""
        live = [s for s in self._sockets if not s.closed]
        if not live:
            raise AssertionError("no bot is connected over Socket Mode")
        envelope_id = str(uuid.uuid4())
        self._acks[envelope_id] = asyncio.get_running_loop().create_future()
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload,
        }
        if kind == "events_api":
            envelope["retry_attempt"] = 0
            envelope["retry_reason"] = ""
        await live[-1].send_json(envelope)
        try:
            return await asyncio.wait_for(self._acks[envelope_id], timeout)
        except TimeoutError:
            raise AssertionError(f"the bot did not acknowledge {kind} within {timeout}s") from None
        finally:
            del self._acks[envelope_id]


class SocketModeRequests(SlackRequests):
    """``SlackRequests`` whose payloads travel as Socket Mode envelopes (no signature: the
    WebSocket is the proof). Returns ``(200, ack payload or "")``."""

    def __init__(self, server: SocketModeServer, **kwargs: Any) -> None:
        super().__init__("http://socket-mode.invalid", "unused", **kwargs)
        self.server = server

    async def _envelope(self, kind: str, payload: JsonDict) -> Reply:
        ack = await self.server.send(kind, payload)
        return 200, ack.get("payload") or ""

    async def post_form(
        self, fields: dict[str, str], *, sign: SignMode = "valid", timestamp: int | None = None
    ) -> Reply:
        return await self._envelope("slash_commands", dict(fields))

    async def post_payload(
        self, payload: JsonDict, *, sign: SignMode = "valid", timestamp: int | None = None
    ) -> Reply:
        return await self._envelope("interactive", payload)

    async def post_json(
        self,
        data: JsonDict,
        *,
        headers: dict[str, str] | None = None,
        sign: SignMode = "valid",
        timestamp: int | None = None,
    ) -> Reply:
        return await self._envelope("events_api", data)
