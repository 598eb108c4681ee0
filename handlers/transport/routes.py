"""How Slack's requests reach the Bolt app: HTTP on ``POST /slack/events`` (the default), or
Socket Mode when an app-level token is given. The same listeners serve both.

HTTP: the signature is checked on the raw bytes before anything is parsed, so a request that is
unsigned, wrongly signed or older than five minutes gets 401 and reaches no code of ours (Bolt
would parse the body first, and answer 500 to an unsigned body that is not JSON). A signed body
that cannot be read, or whose shape Bolt cannot route (``handlers/shapes.py``), gets 400.
Socket Mode: the connection opens in the background once the web app starts (so ``/healthz``
answers meanwhile) and closes on shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.adapter.socket_mode.async_internals import send_async_response
from slack_bolt.adapter.socket_mode.internals import build_headers
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.socket_mode.async_client import AsyncBaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.web.async_client import AsyncWebClient

from handlers.kit.response_urls import give_respond
from handlers.kit.slack_errors import SLACK_FAILURES, reason
from handlers.transport.identity import REFUSED, TokenRefused
from handlers.transport.shapes import shape_problem
from handlers.transport.telemetry import RequestObserver

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
MAX_AGE_SECONDS = 5 * 60


def _refusal(request: web.Request, raw: bytes, verifier: SignatureVerifier) -> str | None:
    """Why a request must be refused (``None`` when it is Slack's). slack_sdk's verifier checks
    the signature (on the raw bytes, which need not be valid UTF-8) and the five-minute window;
    the first two checks only name the reason for the log."""
    timestamp = request.headers.get("X-Slack-Request-Timestamp")
    signature = request.headers.get("X-Slack-Signature")
    if not timestamp or not signature:
        return "unsigned"
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > MAX_AGE_SECONDS:
        return "stale_timestamp"
    if not verifier.is_valid(body=raw, timestamp=timestamp, signature=signature):
        return "bad_signature"
    return None


def http_route(
    app: AsyncApp, observer: RequestObserver, signing_secret: str
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """The ``POST /slack/events`` handler."""
    verifier = SignatureVerifier(signing_secret)

    async def slack_events(request: web.Request) -> web.Response:
        started = time.perf_counter()
        raw = await request.read()
        try:
            reason = _refusal(request, raw, verifier)
        except UnicodeDecodeError:  # Slack only sends UTF-8: nothing to verify, nothing to read
            observer.refused(400, "not utf-8", time.perf_counter() - started)
            return web.Response(status=400, text="unreadable request")
        if reason is not None:
            observer.refused(401, reason, time.perf_counter() - started)
            return web.Response(status=401, text="invalid request")
        try:
            bolt_request = AsyncBoltRequest(
                body=raw.decode("utf-8"),
                query=request.query_string,
                headers=request.headers,  # type: ignore[arg-type]
            )
            body = bolt_request.body
            problem = shape_problem(body) if isinstance(body, dict) else "not an object"
        except Exception as error:  # Bolt indexes the payload while reading it
            problem = f"unreadable ({error.__class__.__name__})"
        if problem is not None:
            observer.refused(400, problem, time.perf_counter() - started)
            return web.Response(status=400, text="unreadable request")
        give_respond(bolt_request, app.client)
        response = await observer.dispatch(app, bolt_request, mode="http")
        return await to_aiohttp_response(response)

    return slack_events


class ObservedSocketModeHandler(AsyncSocketModeHandler):
    """Bolt's aiohttp Socket Mode adapter, dispatching through the request observer."""

    def __init__(self, app: AsyncApp, app_token: str, observer: RequestObserver) -> None:
        super().__init__(app, app_token)
        self._observer = observer

    async def handle(self, client: AsyncBaseSocketModeClient, req: SocketModeRequest) -> None:
        started = time.time()
        payload = req.payload if isinstance(req.payload, dict) else None
        problem = shape_problem(payload) if payload is not None else "not an object"
        if payload is None or problem is not None:
            self._observer.refused(400, problem or "", time.time() - started, mode="socket")
            # acknowledged all the same, or Slack would deliver it again
            await client.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))
            return
        bolt_request = AsyncBoltRequest(
            mode="socket_mode", body=payload, headers=build_headers(req)
        )
        give_respond(bolt_request, self.app.client)
        response = await self._observer.dispatch(self.app, bolt_request, mode="socket")
        await send_async_response(client, req, response, started)


class SocketModeConnection:
    """The Socket Mode link's life, tied to the web app's: opened in the background at start-up
    (the SDK retries until Slack answers), closed at clean-up."""

    mode = "socket"

    def __init__(self, app: AsyncApp, app_token: str, observer: RequestObserver) -> None:
        self._app = app
        self._token = app_token
        self._observer = observer
        self.handler: ObservedSocketModeHandler | None = None
        self._connecting: asyncio.Task[None] | None = None

    async def verify(self) -> None:
        """Ask Slack once for a connection with the app-level token (``apps.connections.open``,
        what the SDK asks first): a token Slack refuses stops start-up with one line
        (``TokenRefused``), where the SDK logged a traceback and retried for ever. Slack not
        answering is left to the SDK's retries."""
        client = AsyncWebClient(base_url=self._app.client.base_url, timeout=10)
        try:
            await client.apps_connections_open(app_token=self._token)
        except SlackApiError as error:
            if reason(error) in REFUSED:
                raise TokenRefused(
                    f"SLACK_APP_TOKEN was refused by Slack ({reason(error)}): generate an "
                    "app-level token with the scope connections:write under the app's Basic "
                    "Information, App-Level Tokens, and enable Socket Mode (or unset "
                    "SLACK_APP_TOKEN to receive Slack's requests over HTTP)"
                ) from None
        except SLACK_FAILURES:
            pass

    async def start(self, _: web.Application) -> None:
        # built here, not earlier: its aiohttp session must belong to the running loop
        self.handler = ObservedSocketModeHandler(self._app, self._token, self._observer)
        self._connecting = asyncio.create_task(self.handler.connect_async())

    async def stop(self, _: web.Application) -> None:
        if self._connecting is not None and not self._connecting.done():
            self._connecting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._connecting
        if self.handler is not None:
            await self.handler.close_async()

    async def connected(self) -> bool | None:
        return self.handler is not None and await self.handler.client.is_connected()


class HttpConnection:
    mode = "http"

    async def verify(self) -> None:
        """Nothing to verify: Slack calls us (the signing secret checks each request)."""

    async def connected(self) -> bool | None:
        return None  # Slack calls us: nothing to be connected to


def slack_web_app(
    app: AsyncApp,
    observer: RequestObserver,
    *,
    signing_secret: str,
    app_token: str | None,
) -> tuple[web.Application, SocketModeConnection | HttpConnection]:
    """The aiohttp app serving Slack's traffic in the chosen mode (add your own routes to it)."""
    web_app = web.Application()
    if app_token:
        connection = SocketModeConnection(app, app_token, observer)
        web_app.on_startup.append(connection.start)
        web_app.on_cleanup.append(connection.stop)
        return web_app, connection
    web_app.router.add_post(EVENTS_PATH, http_route(app, observer, signing_secret))
    return web_app, HttpConnection()
