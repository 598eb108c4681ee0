"""A local stand-in for Slack's Web API, for the tests and the sandbox.

The bot talks to it through ``AsyncWebClient(token=..., base_url=emulator.base_url)``. Every call
is recorded, answered the way Slack answers it (including Block Kit validation errors), and
failures, rate limits and latency can be injected on demand.

It also keeps what a Slack client shows each person: the modals open on their screen (views
opened with a trigger id known through ``remember_trigger``), the answers posted to their
``response_url``s, their reactions; ``version``/``wait_change`` tell when anything changed.

This module holds the aiohttp app: lifecycle, routing, auth, fault injection and
recording of calls; the Web API families live in their own modules, mixed in here.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import random
import time
from collections.abc import Callable, Iterable
from types import TracebackType

from aiohttp import web

from sandbox.emulator.chat import ChatMixin
from sandbox.emulator.conversations import ConversationsMixin
from sandbox.emulator.faults import FaultsMixin
from sandbox.emulator.files import UPLOAD_MAX, FilesMixin
from sandbox.emulator.people import PeopleMixin
from sandbox.emulator.response_urls import ResponseUrlsMixin, _ResponseTarget
from sandbox.emulator.scenario import ScenarioMixin
from sandbox.emulator.scopes import ScopesMixin, default_bot_scopes
from sandbox.emulator.state import (
    _JSON_FIELDS,
    BOT_NAME,
    BOT_USER_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_USER_ID,
    SHUTDOWN_TIMEOUT,
    JsonDict,
    RecordedCall,
    UploadedFile,
    _Channel,
    _Failure,
    _Refusal,
)
from sandbox.emulator.store import StoreMixin
from sandbox.emulator.triggers import TriggersMixin, _Trigger
from sandbox.emulator.usergroups import UserGroupsMixin
from sandbox.emulator.views import ViewsMixin


class SlackEmulator(
    FaultsMixin,
    ScenarioMixin,
    PeopleMixin,
    ResponseUrlsMixin,
    ChatMixin,
    ViewsMixin,
    ConversationsMixin,
    FilesMixin,
    StoreMixin,
    UserGroupsMixin,
    TriggersMixin,
    ScopesMixin,
):
    """An aiohttp server answering ``/api/{method}`` like Slack's Web API."""

    def __init__(
        self,
        token: str = "xoxb-test",
        *,
        host: str = "127.0.0.1",
        ts_clock: Callable[[], float] | None = None,
        app_token: str = "xapp-test",
        clock: Callable[[], float] | None = None,
        bot_scopes: Iterable[str] | None = None,
    ) -> None:
        """``ts_clock`` (seconds since the epoch) dates new message timestamps; by default they
        are made up, increasing from November 2023. ``app_token`` is what Socket Mode's
        ``apps.connections.open`` accepts. ``clock`` (seconds) is the emulator's now, which
        ages trigger ids: by default ``ts_clock``, else the real time. ``bot_scopes`` are the
        scopes the bot token was granted: by default those of this checkout's manifest.yml."""
        self.token = token
        self.app_token = app_token
        self.socket_mode_url: str | None = None
        self.host = host
        self._ts_clock = ts_clock
        self._last_ts_micros = 0
        self._app_setups: list[Callable[[web.Application], None]] = []
        self._version = 0
        self._change = asyncio.Event()
        self._clock = clock or ts_clock or time.time
        self.bot_scopes = tuple(bot_scopes) if bot_scopes is not None else default_bot_scopes()
        self._triggers: dict[str, _Trigger] = {}
        self._modals: dict[str, list[str]] = {}
        self._response_targets: dict[str, _ResponseTarget] = {}
        self.calls: list[RecordedCall] = []
        self._port: int | None = None
        self._runner: web.AppRunner | None = None
        self._condition: asyncio.Condition | None = None
        self._latency = 0.0
        self._failures: dict[str, list[_Failure]] = {}
        self._random_limits: dict[str, tuple[float, int]] = {}
        self._limit_rng = random.Random(0)
        self._init_faults()
        self._ts_counter = 0
        self._id_counter = 0
        self._rng = random.Random(1234)
        self._users: dict[str, JsonDict] = {}
        self._channels: dict[str, _Channel] = {}
        self._messages: dict[str, list[JsonDict]] = {}
        self._ephemerals: list[JsonDict] = []
        self._views: dict[str, JsonDict] = {}
        self._home_views: dict[str, JsonDict] = {}
        self._files: dict[str, UploadedFile] = {}
        self._usergroups: dict[str, JsonDict] = {}
        self._handlers: dict[str, Callable[[JsonDict], JsonDict]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
            "chat.getPermalink": self._chat_get_permalink,
            "views.open": self._views_open,
            "views.update": self._views_update,
            "views.push": self._views_push,
            "views.publish": self._views_publish,
            "users.info": self._users_info,
            "usergroups.users.list": self._usergroups_users_list,
            "conversations.open": self._conversations_open,
            "conversations.members": self._conversations_members,
            "conversations.info": self._conversations_info,
            "conversations.history": self._conversations_history,
            "conversations.replies": self._conversations_replies,
            "reactions.add": self._reactions_add,
            "apps.connections.open": self._apps_connections_open,
            "files.getUploadURLExternal": self._files_get_upload_url_external,
            "files.completeUploadExternal": self._files_complete_upload_external,
            "files.info": self._files_info,
            "files.delete": self._files_delete,
        }
        self.add_user(BOT_USER_ID, BOT_NAME, is_bot=True)
        self.add_user(DEFAULT_USER_ID, "user1")
        self.add_channel(DEFAULT_CHANNEL_ID, "general", members=[DEFAULT_USER_ID])

    # ------------------------------------------------------------------ lifecycle

    def extend_app(self, setup: Callable[[web.Application], None]) -> None:
        """Have ``setup`` add routes (or hooks) to the emulator's web app when it starts."""
        if self._runner is not None:
            raise RuntimeError("extend_app must be called before start()")
        self._app_setups.append(setup)

    async def start(self, port: int = 0) -> SlackEmulator:
        """Start listening on ``port`` (an ephemeral one by default)."""
        if self._runner is not None:
            return self
        app = web.Application(client_max_size=UPLOAD_MAX)  # aiohttp's default: 1 MB
        app.router.add_route("*", "/api/{method}", self._handle_api)
        app.router.add_post("/response/{path:.*}", self._handle_response_url)
        app.router.add_post("/upload/{file_id}", self._handle_upload)
        app.router.add_get("/files-pri/{file_id}/{name}", self._handle_download)
        for setup in self._app_setups:
            setup(app)
        # A bot still calling when a test ends must not hold the close up (aiohttp would wait
        # for it up to 60 s by default).
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=SHUTDOWN_TIMEOUT)
        await runner.setup()
        site = web.TCPSite(runner, self.host, port)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])
        self._condition = asyncio.Condition()
        return self

    async def close(self) -> None:
        """Stop the server."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> SlackEmulator:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def port(self) -> int:
        """The listening port (after ``start()``)."""
        if self._port is None:
            raise RuntimeError("SlackEmulator is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """Web API base URL for ``AsyncWebClient(base_url=...)``."""
        return f"http://{self.host}:{self.port}/api/"

    # ------------------------------------------------------------------ configuration

    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        at = time.time()
        args, token = await self._read_args(request)
        if self._latency:
            await asyncio.sleep(self._latency)
        status = 200
        headers: dict[str, str] = {}
        rejected = False
        handler = self._handlers.get(method)
        expected_token = self.app_token if method == "apps.connections.open" else self.token
        fault = self._fault_for(method, args) if token == expected_token else None
        if handler is None:
            body: JsonDict = {"ok": False, "error": "unknown_method"}
        elif token != expected_token:
            body = {"ok": False, "error": "invalid_auth"}
        elif method in self._random_limits and (
            self._limit_rng.random() < self._random_limits[method][0]
        ):
            status = 429
            body = {"ok": False, "error": "ratelimited"}
            headers["Retry-After"] = str(self._random_limits[method][1])
        elif fault is not None and fault.body is not None and not fault.after_work:
            status, body, headers = fault.status, fault.body, dict(fault.headers or {})
        elif self._failures.get(method):
            failure = self._failures[method].pop(0)
            status = failure.status
            body = {"ok": False, "error": failure.error}
            if failure.retry_after is not None:
                headers["Retry-After"] = str(failure.retry_after)
        else:
            try:
                self._check_scope(method, args)
                body = handler(args)
            except _Refusal as refusal:
                body = {"ok": False, "error": refusal.error, **refusal.extra}
                rejected = refusal.rejected
            except Exception as e:  # an emulator bug: answer like a Slack outage, but say why
                status = 500
                body = {"ok": False, "error": "internal_error", "emulator_exception": repr(e)}
            if fault is not None and fault.after_work and fault.body is not None:
                status, body = fault.status, fault.body  # done, and answered as failed
        call = RecordedCall(
            method=method,
            args=args,
            at=at,
            rejected=rejected,
            response=copy.deepcopy(body),
            status=status,
            http_verb=request.method,
            token=token,
            url=str(request.url),
            fault=fault.kind.value if fault is not None else None,
        )
        await self._record(call)
        self._call_answered()
        response = web.json_response(body, status=status, headers=headers)
        if fault is not None:
            await self._after_fault(request, fault)
        return response

    async def _record(self, call: RecordedCall) -> None:
        self.calls.append(call)
        self.touch()
        if self._condition is not None:
            async with self._condition:
                self._condition.notify_all()

    async def _read_args(self, request: web.Request) -> tuple[JsonDict, str | None]:
        args: JsonDict = dict(request.query)
        if request.can_read_body:
            ctype = request.content_type
            if ctype == "application/json":
                try:
                    data = await request.json()
                except ValueError:
                    data = None
                if isinstance(data, dict):
                    args.update(data)
            elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.post()
                args.update({k: v for k, v in form.items() if isinstance(v, str)})
        token: str | None = None
        auth = request.headers.get("Authorization", "")
        if auth.lower().startswith("bearer "):
            token = auth[7:].strip()
        body_token = args.pop("token", None)
        if token is None and isinstance(body_token, str):
            token = body_token
        for name in _JSON_FIELDS:
            value = args.get(name)
            if isinstance(value, str) and value.strip()[:1] in ("[", "{"):
                with contextlib.suppress(ValueError):
                    args[name] = json.loads(value)
        return args, token

    # ------------------------------------------------------------------ helpers
