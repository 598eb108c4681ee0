"""A local stand-in for Slack's Web API, for the tests and the sandbox.

The bot talks to it through ``AsyncWebClient(token=..., base_url=emulator.base_url)``. Every call
is recorded, answered the way Slack answers it (including Block Kit validation errors), and
failures, rate limits and latency can be injected on demand.

It also keeps what a Slack client shows each person: the modals open on their screen (views
opened with a trigger id known through ``remember_trigger``), the answers posted to their
``response_url``s, their reactions; ``version``/``wait_change`` tell when anything changed.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import mimetypes
import random
import string
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from aiohttp import web
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

JsonDict = dict[str, Any]

TEAM_ID = "T0001"
TEAM_NAME = "Guichet Test"
TEAM_DOMAIN = "guichet-test"
APP_ID = "A0001"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
BOT_NAME = "guichet"
DEFAULT_USER_ID = "U1"
DEFAULT_CHANNEL_ID = "C0GENERAL"
RESPONSE_URL_METHOD = "response_url"
"""Pseudo method name under which posts to a ``response_url`` are recorded."""
UPLOAD_METHOD = "upload_url"
"""Pseudo method name under which the bytes posted to an upload URL (the second step of
``files_upload_v2``) are recorded; ``fail_next(UPLOAD_METHOD, status=500)`` makes one fail."""

SHUTDOWN_TIMEOUT = 1.0
"""Seconds ``close()`` waits for requests still in flight."""

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_TEXT_LENGTH = 40_000

SUPPORTED_METHODS: frozenset[str] = frozenset(
    {
        "auth.test",
        "chat.postMessage",
        "chat.postEphemeral",
        "chat.update",
        "chat.delete",
        "chat.getPermalink",
        "views.open",
        "views.update",
        "views.push",
        "views.publish",
        "users.info",
        "conversations.open",
        "conversations.members",
        "conversations.info",
        "conversations.history",
        "conversations.replies",
        "reactions.add",
        "apps.connections.open",
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
    }
)

_JSON_FIELDS = ("blocks", "attachments", "view", "metadata", "user_auth_blocks", "files")
_TS_BASE_MICROS = 1_700_000_000_000_000


@dataclass
class RecordedCall:
    """One request received by the emulator, with the answer it got."""

    method: str
    args: JsonDict
    at: float
    rejected: bool = False
    response: JsonDict = field(default_factory=dict)
    status: int = 200
    http_verb: str = "POST"
    token: str | None = None
    url: str = ""

    @property
    def ok(self) -> bool:
        """True when Slack would have answered HTTP 200 with ``ok: true``."""
        return self.status == 200 and bool(self.response.get("ok"))


@dataclass
class UploadedFile:
    """A file uploaded with files.getUploadURLExternal / the upload URL /
    files.completeUploadExternal (what ``files_upload_v2`` does)."""

    id: str
    filename: str
    length: int  # as announced to files.getUploadURLExternal
    alt_txt: str | None = None
    data: bytes | None = None  # what was posted to the upload URL
    title: str | None = None
    completed: bool = False
    channels: list[str] = field(default_factory=list)  # where it was shared
    initial_comment: str | None = None
    thread_ts: str | None = None

    @property
    def mimetype(self) -> str:
        return mimetypes.guess_type(self.filename)[0] or "application/octet-stream"


@dataclass
class _Failure:
    error: str
    status: int
    retry_after: int | None


@dataclass(frozen=True)
class _ResponseTarget:
    """Where a ``response_url`` made for a person answers."""

    channel_id: str | None
    message_ts: str | None
    user_id: str


@dataclass
class _Channel:
    id: str
    name: str
    members: list[str]
    bot_member: bool = True
    is_private: bool = False
    is_im: bool = False
    is_mpim: bool = False
    user: str | None = None


class _Refusal(Exception):
    """Raised by handlers to answer ``{"ok": false, "error": ...}``."""

    def __init__(self, error: str, *, rejected: bool = False, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.rejected = rejected
        self.extra = extra


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes"}
    return bool(value)


def _split_ids(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return [v.strip() for v in str(value).split(",") if v.strip()]


class SlackEmulator:
    """An aiohttp server answering ``/api/{method}`` like Slack's Web API."""

    def __init__(
        self,
        token: str = "xoxb-test",
        *,
        host: str = "127.0.0.1",
        ts_clock: Callable[[], float] | None = None,
        app_token: str = "xapp-test",
    ) -> None:
        """``ts_clock`` (seconds since the epoch) dates new message timestamps; by default they
        are made up, increasing from November 2023. ``app_token`` is what Socket Mode's
        ``apps.connections.open`` accepts."""
        self.token = token
        self.app_token = app_token
        self.socket_mode_url: str | None = None
        self.host = host
        self._ts_clock = ts_clock
        self._last_ts_micros = 0
        self._app_setups: list[Callable[[web.Application], None]] = []
        self._version = 0
        self._change = asyncio.Event()
        self._triggers: dict[str, str] = {}
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
            "conversations.open": self._conversations_open,
            "conversations.members": self._conversations_members,
            "conversations.info": self._conversations_info,
            "conversations.history": self._conversations_history,
            "conversations.replies": self._conversations_replies,
            "reactions.add": self._reactions_add,
            "apps.connections.open": self._apps_connections_open,
            "files.getUploadURLExternal": self._files_get_upload_url_external,
            "files.completeUploadExternal": self._files_complete_upload_external,
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
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._handle_api)
        app.router.add_post("/response/{path:.*}", self._handle_response_url)
        app.router.add_post("/upload/{file_id}", self._handle_upload)
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

    @property
    def response_url_base(self) -> str:
        """Prefix of ``response_url``s served by the emulator (see ``response_url``)."""
        return f"http://{self.host}:{self.port}/response/"

    def response_url(
        self,
        channel_id: str | None = None,
        message_ts: str | None = None,
        *,
        user_id: str | None = None,
    ) -> str:
        """A ``response_url`` whose ``replace_original``/``delete_original`` hit that message.

        Made for ``user_id``, it answers like Slack's: a new message is ephemeral to that person
        in ``channel_id`` (public with ``response_type: in_channel``), and ``message_ts`` may
        also name one of their ephemeral messages.
        """
        nonce = self._new_id("")
        if user_id is not None:
            self._response_targets[nonce] = _ResponseTarget(channel_id, message_ts, user_id)
        return f"{self.response_url_base}{channel_id or '_'}/{message_ts or '_'}/{nonce}"

    # ------------------------------------------------------------------ configuration

    def add_user(
        self,
        user_id: str,
        name: str | None = None,
        *,
        locale: str = "en-US",
        is_bot: bool = False,
        real_name: str | None = None,
        email: str | None = None,
        tz: str = "Europe/Paris",
        is_admin: bool = False,
        deleted: bool = False,
    ) -> JsonDict:
        """Add (or replace) a user known to ``users.info``; returns its user object."""
        name = name or user_id.lower()
        real = real_name or name
        user: JsonDict = {
            "id": user_id,
            "team_id": TEAM_ID,
            "name": name,
            "real_name": real,
            "deleted": deleted,
            "is_bot": is_bot,
            "is_app_user": False,
            "is_admin": is_admin,
            "is_owner": False,
            "tz": tz,
            "tz_label": tz,
            "tz_offset": 3600 if tz == "Europe/Paris" else 0,
            "updated": 1_700_000_000,
            "profile": {
                "real_name": real,
                "display_name": name,
                "email": email or f"{name.replace(' ', '.').lower()}@example.com",
                "team": TEAM_ID,
            },
            "locale": locale,
        }
        if is_bot:
            user["profile"]["bot_id"] = BOT_ID if user_id == BOT_USER_ID else f"B{user_id}"
            user["profile"].pop("email")
        self._users[user_id] = user
        return copy.deepcopy(user)

    def add_channel(
        self,
        channel_id: str,
        name: str | None = None,
        members: Sequence[str] | None = None,
        *,
        bot_member: bool = True,
        is_private: bool = False,
    ) -> None:
        """Add (or replace) a channel; ``bot_member=False`` makes posts answer not_in_channel."""
        self._channels[channel_id] = _Channel(
            id=channel_id,
            name=name or channel_id.lower(),
            members=list(members or []),
            bot_member=bot_member,
            is_private=is_private,
        )
        self._messages.setdefault(channel_id, [])

    def set_members(self, channel_id: str, members: Sequence[str]) -> None:
        """Set the members returned by ``conversations.members`` (adds the channel if unknown)."""
        if channel_id not in self._channels:
            self.add_channel(channel_id, members=members)
        else:
            self._channels[channel_id].members = list(members)

    def add_message(
        self,
        channel_id: str,
        text: str,
        *,
        user: str = DEFAULT_USER_ID,
        ts: str | None = None,
        thread_ts: str | None = None,
        blocks: list[JsonDict] | None = None,
    ) -> JsonDict:
        """Put a message (e.g. written by a human) into a channel's history; returns it."""
        if channel_id not in self._channels:
            self.add_channel(channel_id)
        message: JsonDict = {"type": "message", "user": user, "team": TEAM_ID, "text": text}
        if blocks is not None:
            message["blocks"] = copy.deepcopy(blocks)
        message["ts"] = ts or self._next_ts()
        self._store_message(channel_id, message, thread_ts)
        self.touch()
        return copy.deepcopy(message)

    def set_latency(self, seconds: float) -> None:
        """Delay every answer by ``seconds``."""
        self._latency = max(0.0, float(seconds))

    def fail_next(
        self,
        method: str,
        error: str | None = None,
        *,
        status: int = 200,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls to ``method`` fail.

        ``status=200`` answers ``{"ok": false, "error": error}``; ``status=429`` adds a
        ``Retry-After`` header (default 1 s); ``status=500`` is a server error.
        """
        if error is None:
            error = {429: "ratelimited", 200: "fatal_error"}.get(status, "internal_error")
        if status == 429 and retry_after is None:
            retry_after = 1
        queue = self._failures.setdefault(method, [])
        queue.extend(_Failure(error, status, retry_after) for _ in range(times))

    def enable_socket_mode(self, url: str) -> None:
        """Answer ``apps.connections.open`` (app token only) with this WebSocket URL (see
        ``tests/socket_mode.py``); without it the method answers ``not_allowed_token_type``
        like an app whose Socket Mode is off."""
        self.socket_mode_url = url

    def rate_limit_randomly(
        self,
        methods: Sequence[str],
        probability: float,
        *,
        retry_after: int = 1,
        seed: int = 0,
    ) -> None:
        """Answer each call to ``methods`` with HTTP 429 and ``Retry-After`` with
        ``probability`` (0 turns it off), like a busy Slack; reproducible from ``seed``."""
        self._limit_rng = random.Random(seed)
        for method in methods:
            if probability > 0:
                self._random_limits[method] = (probability, retry_after)
            else:
                self._random_limits.pop(method, None)

    # ------------------------------------------------------------------ inspection

    def calls_to(self, method: str) -> list[RecordedCall]:
        """All recorded calls to ``method``, oldest first."""
        return [c for c in self.calls if c.method == method]

    def last(self, method: str) -> RecordedCall:
        """The latest call to ``method``; AssertionError listing recorded methods if none."""
        found = self.calls_to(method)
        if not found:
            raise AssertionError(
                f"no call to {method!r}; recorded: {[c.method for c in self.calls]}"
            )
        return found[-1]

    def clear(self) -> None:
        """Forget recorded calls (state such as messages and views is kept)."""
        self.calls.clear()

    async def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109 - the documented API
    ) -> list[RecordedCall]:
        """Wait until at least ``count`` calls to ``method`` are recorded; returns them."""
        if self._condition is None:
            raise RuntimeError("SlackEmulator is not started")
        condition = self._condition

        def enough() -> bool:
            return len(self.calls_to(method)) >= count

        try:
            async with condition:
                await asyncio.wait_for(condition.wait_for(enough), timeout)
        except TimeoutError:
            raise AssertionError(
                f"expected {count} call(s) to {method!r} within {timeout}s, got "
                f"{len(self.calls_to(method))}; recorded: {[c.method for c in self.calls]}"
            ) from None
        return self.calls_to(method)

    def messages(self, channel_id: str) -> list[JsonDict]:
        """Copies of the messages stored in a channel, oldest first (threads included)."""
        return copy.deepcopy(self._messages.get(channel_id, []))

    def message(self, channel_id: str, ts: str) -> JsonDict:
        """Copy of one stored message; AssertionError if absent."""
        found = self._find_message(channel_id, ts)
        if found is None:
            raise AssertionError(f"no message {ts} in {channel_id}: {self.messages(channel_id)}")
        return copy.deepcopy(found)

    def ephemerals(self, channel_id: str | None = None) -> list[JsonDict]:
        """Copies of ephemeral messages (``channel``, ``user``, ``text``, ``blocks``, ``ts``)."""
        return [
            copy.deepcopy(e)
            for e in self._ephemerals
            if channel_id is None or e["channel"] == channel_id
        ]

    def view(self, view_id: str) -> JsonDict:
        """Copy of a stored view (as Slack returned it); AssertionError if absent."""
        if view_id not in self._views:
            raise AssertionError(f"no view {view_id}; known: {list(self._views)}")
        return copy.deepcopy(self._views[view_id])

    def home_view(self, user_id: str) -> JsonDict | None:
        """Copy of the Home tab published for a user, if any."""
        found = self._home_views.get(user_id)
        return copy.deepcopy(found) if found is not None else None

    def uploads(self, channel_id: str | None = None) -> list[UploadedFile]:
        """Copies of the files uploaded and completed (shared in ``channel_id`` if given),
        oldest first."""
        return [
            copy.deepcopy(f)
            for f in self._files.values()
            if f.completed and (channel_id is None or channel_id in f.channels)
        ]

    def dm_channel_id(self, user_id: str) -> str:
        """The DM channel id ``conversations.open`` returns for that user."""
        return f"D{user_id}"

    def channel_info(self, channel_id: str) -> JsonDict:
        """A channel by id or name: ``id``, ``name``, ``members``, ``is_im``, ``user``."""
        try:
            channel = self._channel(channel_id)
        except _Refusal:
            known = list(self._channels)
            raise AssertionError(f"no channel {channel_id}; known: {known}") from None
        return {
            "id": channel.id,
            "name": channel.name,
            "members": list(channel.members),
            "is_im": channel.is_im,
            "is_private": channel.is_private,
            "user": channel.user,
        }

    # ------------------------------------------------------------------ what people see and do

    @property
    def version(self) -> int:
        """Grows each time something a person could see may have changed."""
        return self._version

    def touch(self) -> None:
        """Note a change (wakes ``wait_change``)."""
        self._version += 1
        self._change.set()
        self._change = asyncio.Event()

    async def wait_change(
        self,
        since: int,
        timeout: float,  # noqa: ASYNC109 - a poll that returns, not a failure
    ) -> int:
        """Wait until ``version`` exceeds ``since`` or ``timeout`` passes; returns ``version``."""
        if self._version <= since:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._change.wait(), timeout)
        return self._version

    def open_dm(self, user_id: str) -> str:
        """The person's direct-message channel with the bot (created if needed)."""
        self._user(user_id)
        return self._open_dm([user_id]).id

    def join(self, channel_id: str, user_id: str) -> None:
        """``user_id`` joins the channel (``conversations.members`` lists them)."""
        channel = self._channel(channel_id)
        if user_id not in channel.members:
            channel.members.append(user_id)
            self.touch()

    def add_reaction(self, channel_id: str, ts: str, name: str, user_id: str) -> bool:
        """A person reacts to a message; False when they already had."""
        message = self._find_message(self._channel(channel_id).id, ts)
        if message is None:
            raise AssertionError(f"no message {ts} in {channel_id}")
        added = _react(message, name.strip(":"), user_id)
        self.touch()
        return added

    def show_answer(self, response_url: str, answer: JsonDict) -> None:
        """What the bot put in its HTTP answer to a slash command shows as Slack shows it: like
        a post to the command's ``response_url`` (one made for a person)."""
        target = self._response_targets.get(response_url.rstrip("/").rsplit("/", 1)[-1])
        if target is not None:
            self._answer_person(target, answer)
            self.touch()

    def remember_trigger(self, trigger_id: str, user_id: str) -> None:
        """The trigger id sent with ``user_id``'s interaction: a modal opened with it shows on
        their screen (``modals``)."""
        self._triggers[trigger_id] = user_id
        if len(self._triggers) > 1000:
            self._triggers.pop(next(iter(self._triggers)))

    def modals(self, user_id: str) -> list[JsonDict]:
        """Copies of the modals open on the person's screen, the visible one last."""
        return [copy.deepcopy(self._views[v]) for v in self._modals.get(user_id, [])]

    def close_modal(self, user_id: str, *, clear: bool = False) -> None:
        """Close the visible modal (all of them with ``clear``)."""
        stack = self._modals.get(user_id, [])
        if clear:
            stack.clear()
        elif stack:
            stack.pop()
        self.touch()

    def answer_submission(self, user_id: str, view_id: str, answer: Any) -> str | None:
        """Apply the bot's answer to a ``view_submission`` of ``view_id`` as Slack does: no
        ``response_action`` closes the modal, ``update``/``push`` show the given view,
        ``clear`` closes all, ``errors`` keeps it open. Returns the problem when the answer is
        refused (an invalid view), like the error Slack shows in the modal."""
        action = answer.get("response_action") if isinstance(answer, dict) else None
        stack = self._modals.setdefault(user_id, [])
        try:
            if action in ("update", "push"):
                source = self._check_view({"view": answer.get("view")})
                if action == "update" and view_id in self._views:
                    current = self._views[view_id]
                    view = self._build_view(
                        source, view_id=view_id, root_view_id=current["root_view_id"]
                    )
                    view["previous_view_id"] = current.get("previous_view_id")
                else:
                    view = self._build_view(source, view_id=self._new_id("V"), root_view_id=None)
                    view["previous_view_id"] = view_id
                    stack.append(view["id"])
                self._views[view["id"]] = view
            elif action == "clear":
                stack.clear()
            elif action != "errors" and view_id in stack:
                del stack[stack.index(view_id) :]
        except _Refusal as refusal:
            return "; ".join(str(e) for e in refusal.extra.get("errors", [])) or refusal.error
        finally:
            self.touch()
        return None

    # ------------------------------------------------------------------ HTTP plumbing

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
        elif self._failures.get(method):
            failure = self._failures[method].pop(0)
            status = failure.status
            body = {"ok": False, "error": failure.error}
            if failure.retry_after is not None:
                headers["Retry-After"] = str(failure.retry_after)
        else:
            try:
                body = handler(args)
            except _Refusal as refusal:
                body = {"ok": False, "error": refusal.error, **refusal.extra}
                rejected = refusal.rejected
            except Exception as e:  # an emulator bug: answer like a Slack outage, but say why
                status = 500
                body = {"ok": False, "error": "internal_error", "emulator_exception": repr(e)}
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
        )
        await self._record(call)
        return web.json_response(body, status=status, headers=headers)

    async def _handle_response_url(self, request: web.Request) -> web.Response:
        at = time.time()
        try:
            payload = await request.json()
        except ValueError:
            payload = dict(await request.post())
        args: JsonDict = payload if isinstance(payload, dict) else {"body": payload}
        parts = request.match_info["path"].split("/")
        channel_id = parts[0] if parts and parts[0] != "_" else None
        message_ts = parts[1] if len(parts) > 1 and parts[1] != "_" else None
        target = self._response_targets.get(parts[2]) if len(parts) > 2 else None
        if target is not None:
            self._answer_person(target, args)
        elif channel_id and message_ts:
            self._apply_response_url(channel_id, message_ts, args)
        if self._latency:
            await asyncio.sleep(self._latency)
        call = RecordedCall(
            method=RESPONSE_URL_METHOD,
            args=args,
            at=at,
            response={"ok": True},
            http_verb=request.method,
            url=str(request.url),
        )
        await self._record(call)
        return web.Response(text="ok", content_type="text/html")

    async def _handle_upload(self, request: web.Request) -> web.Response:
        """The upload URL files.getUploadURLExternal handed out: takes the file's bytes, raw
        or as a multipart form's file (both are accepted by Slack)."""
        at = time.time()
        file_id = request.match_info["file_id"]
        data = await _upload_body(request)
        if self._latency:
            await asyncio.sleep(self._latency)
        upload = self._files.get(file_id)
        status, text = 200, f"OK - {len(data)}"
        failures = self._failures.get(UPLOAD_METHOD)
        if failures:
            failure = failures.pop(0)
            status, text = failure.status, failure.error
        elif upload is None or upload.completed:
            status, text = 404, "file_not_found"
        else:
            upload.data = data
        call = RecordedCall(
            method=UPLOAD_METHOD,
            args={"file_id": file_id, "size": len(data)},
            at=at,
            response={"ok": status == 200},
            status=status,
            url=str(request.url),
        )
        await self._record(call)
        return web.Response(text=text, status=status, content_type="text/plain")

    def _apply_response_url(self, channel_id: str, message_ts: str, args: JsonDict) -> None:
        message = self._find_message(channel_id, message_ts)
        if message is None:
            return
        if _truthy(args.get("delete_original")):
            self._messages[channel_id].remove(message)
        elif _truthy(args.get("replace_original")):
            message["text"] = args.get("text", "")
            if args.get("blocks") is not None:
                message["blocks"] = copy.deepcopy(args["blocks"])
            else:
                message.pop("blocks", None)

    def _answer_person(self, target: _ResponseTarget, args: JsonDict) -> None:
        """A post to a ``response_url`` made for a person (see ``response_url``)."""
        replace = _truthy(args.get("replace_original"))
        delete = _truthy(args.get("delete_original"))
        channel_id, ts = target.channel_id, target.message_ts
        if channel_id and ts and (replace or delete):
            if self._find_message(channel_id, ts) is not None:
                self._apply_response_url(channel_id, ts, args)
                return
            mine = [
                e
                for e in self._ephemerals
                if (e["channel"], e["ts"], e["user"]) == (channel_id, ts, target.user_id)
            ]
            for ephemeral in mine:
                if delete:
                    self._ephemerals.remove(ephemeral)
                else:
                    ephemeral["text"] = args.get("text", "")
                    ephemeral["blocks"] = copy.deepcopy(args.get("blocks"))
            if mine or delete:
                return
        if channel_id is None:
            return
        text, blocks = args.get("text") or "", copy.deepcopy(args.get("blocks"))
        if args.get("response_type") == "in_channel":
            message: JsonDict = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID}
            message.update({"team": TEAM_ID, "text": text, "ts": self._next_ts()})
            if blocks is not None:
                message["blocks"] = blocks
            self._store_message(channel_id, message, None)
            return
        self._ephemerals.append(
            {
                "channel": channel_id,
                "user": target.user_id,
                "text": text,
                "blocks": blocks,
                "ts": self._next_ts(),
                "thread_ts": None,
            }
        )

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

    def _next_ts(self) -> str:
        self._ts_counter += 1
        if self._ts_clock is not None:
            micros = max(int(self._ts_clock() * 1_000_000), self._last_ts_micros + 1)
            self._last_ts_micros = micros
            return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"
        micros = _TS_BASE_MICROS + self._ts_counter * 100
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _new_id(self, prefix: str) -> str:
        self._id_counter += 1
        suffix = "".join(self._rng.choices(string.ascii_uppercase + string.digits, k=6))
        return f"{prefix}{self._id_counter:03d}{suffix}"

    def _short_id(self) -> str:
        return "".join(self._rng.choices(string.ascii_letters + string.digits, k=5))

    def _find_message(self, channel_id: str, ts: str) -> JsonDict | None:
        for message in self._messages.get(channel_id, []):
            if message.get("ts") == ts:
                return message
        return None

    def _store_message(self, channel_id: str, message: JsonDict, thread_ts: str | None) -> None:
        if thread_ts and thread_ts != message["ts"]:
            message["thread_ts"] = thread_ts
            parent = self._find_message(channel_id, thread_ts)
            if parent is not None:
                parent["thread_ts"] = thread_ts
                parent["reply_count"] = parent.get("reply_count", 0) + 1
                users = parent.setdefault("reply_users", [])
                if message.get("user") not in users:
                    users.append(message.get("user"))
                parent["reply_users_count"] = len(users)
                parent["latest_reply"] = message["ts"]
        self._messages.setdefault(channel_id, []).append(message)

    def _channel(self, channel_id: Any) -> _Channel:
        """A known channel by id or name; channel_not_found otherwise."""
        if not isinstance(channel_id, str) or not channel_id:
            raise _Refusal("channel_not_found")
        if channel_id in self._channels:
            return self._channels[channel_id]
        name = channel_id.lstrip("#")
        for channel in self._channels.values():
            if channel.name == name and not channel.is_im:
                return channel
        raise _Refusal("channel_not_found")

    def _postable_channel(self, channel_id: Any) -> _Channel:
        """The channel a message goes to (user ids post to their DM)."""
        if (
            isinstance(channel_id, str)
            and channel_id[:1] in ("U", "W")
            and channel_id in self._users
        ):
            return self._open_dm([channel_id])
        channel = self._channel(channel_id)
        if not channel.bot_member:
            raise _Refusal("not_in_channel")
        return channel

    def _open_dm(self, users: list[str]) -> _Channel:
        others = sorted({u for u in users if u != BOT_USER_ID})
        if len(others) == 1:
            channel_id = self.dm_channel_id(others[0])
        else:
            channel_id = "G" + "".join(u.lstrip("UW") for u in others)[:20]
        channel = self._channels.get(channel_id)
        if channel is None:
            channel = _Channel(
                id=channel_id,
                name=f"mpdm-{'--'.join(others)}" if len(others) > 1 else channel_id,
                members=[*others, BOT_USER_ID],
                is_private=True,
                is_im=len(others) == 1,
                is_mpim=len(others) > 1,
                user=others[0] if len(others) == 1 else None,
            )
            self._channels[channel_id] = channel
            self._messages.setdefault(channel_id, [])
        return channel

    def _user(self, user_id: Any) -> JsonDict:
        if not isinstance(user_id, str) or user_id not in self._users:
            raise _Refusal("user_not_found")
        return self._users[user_id]

    @staticmethod
    def _paginate(items: list[Any], args: JsonDict, default_limit: int) -> tuple[list[Any], str]:
        try:
            limit = int(args.get("limit") or default_limit)
            start = int(args.get("cursor") or 0)
        except (TypeError, ValueError):
            raise _Refusal("invalid_cursor") from None
        limit = max(1, limit)
        page = items[start : start + limit]
        next_cursor = str(start + limit) if start + limit < len(items) else ""
        return page, next_cursor

    def _check_message_blocks(self, args: JsonDict) -> list[JsonDict] | None:
        """Validate ``blocks`` like Slack does; invalid_blocks (rejected) when refused."""
        blocks = args.get("blocks")
        if blocks is None:
            return None
        if not isinstance(blocks, list):
            raise _Refusal("invalid_blocks_format", rejected=True)
        if len(blocks) > MAX_MESSAGE_BLOCKS:
            raise _block_error(
                "invalid_blocks",
                f"no more than {MAX_MESSAGE_BLOCKS} items allowed [json-pointer:/blocks]",
            )
        try:
            parsed = Block.parse_all(copy.deepcopy(blocks))
            for index, block in enumerate(parsed):
                if block is None:
                    raise ValueError(f"unknown block type [json-pointer:/blocks/{index}]")
                block.validate_json()
                block.to_dict()
        except Exception as e:  # slack_sdk raises several exception types
            raise _block_error("invalid_blocks", str(e)) from None
        return blocks

    def _check_view(self, args: JsonDict) -> JsonDict:
        """Validate ``view`` like Slack does; invalid_arguments (rejected) when refused."""
        view = args.get("view")
        if not isinstance(view, dict):
            raise _Refusal("invalid_arguments", rejected=True, errors=["view is required"])
        try:
            parsed = View(**copy.deepcopy(view))
            parsed.validate_json()
            parsed.to_dict()
            if None in parsed.blocks:
                raise ValueError("unknown block type [json-pointer:/view/blocks]")
            if not view.get("blocks"):
                raise ValueError("views must contain between 1 and 100 blocks")
            if len(view["blocks"]) > MAX_VIEW_BLOCKS:
                raise ValueError(
                    f"no more than {MAX_VIEW_BLOCKS} items allowed [json-pointer:/view/blocks]"
                )
            if view.get("type") == "modal":
                if not view.get("title"):
                    raise ValueError("title is required for a modal [json-pointer:/view/title]")
                has_input = any(b.get("type") == "input" for b in view["blocks"])
                if has_input and not view.get("submit"):
                    raise ValueError(
                        "submit is required when an input block is present "
                        "[json-pointer:/view/submit]"
                    )
        except Exception as e:  # slack_sdk raises several exception types
            raise _block_error("invalid_arguments", str(e)) from None
        return view

    def _fill_ids(self, blocks: list[JsonDict]) -> list[JsonDict]:
        """Give blocks and interactive elements the block_id/action_id Slack would generate."""
        blocks = copy.deepcopy(blocks)
        for block in blocks:
            block.setdefault("block_id", self._short_id())
            elements: list[JsonDict] = []
            if isinstance(block.get("element"), dict):
                elements.append(block["element"])
            if isinstance(block.get("accessory"), dict):
                elements.append(block["accessory"])
            if block.get("type") == "actions":
                elements.extend(e for e in block.get("elements", []) if isinstance(e, dict))
            for element in elements:
                element.setdefault("action_id", self._short_id())
        return blocks

    def _build_view(self, source: JsonDict, *, view_id: str, root_view_id: str | None) -> JsonDict:
        view: JsonDict = {
            "id": view_id,
            "team_id": TEAM_ID,
            "type": source.get("type"),
            "blocks": self._fill_ids(source.get("blocks") or []),
            "private_metadata": source.get("private_metadata", ""),
            "callback_id": source.get("callback_id", ""),
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{self._short_id()}",
            "title": copy.deepcopy(source.get("title")),
            "clear_on_close": bool(source.get("clear_on_close", False)),
            "notify_on_close": bool(source.get("notify_on_close", False)),
            "close": copy.deepcopy(source.get("close")),
            "submit": copy.deepcopy(source.get("submit")),
            "previous_view_id": None,
            "root_view_id": root_view_id or view_id,
            "app_id": APP_ID,
            "external_id": source.get("external_id", ""),
            "app_installed_team_id": TEAM_ID,
            "bot_id": BOT_ID,
        }
        return view

    def _message_args(self, args: JsonDict) -> tuple[str, list[JsonDict] | None]:
        blocks = self._check_message_blocks(args)
        text = args.get("text")
        text = text if isinstance(text, str) else ""
        if not text and not blocks and not args.get("attachments"):
            raise _Refusal("no_text")
        if len(text) > MAX_TEXT_LENGTH:
            raise _Refusal("msg_too_long")
        return text, blocks

    # ------------------------------------------------------------------ Web API methods

    def _apps_connections_open(self, args: JsonDict) -> JsonDict:
        if self.socket_mode_url is None:
            raise _Refusal("not_allowed_token_type")
        return {"ok": True, "url": self.socket_mode_url}

    def _auth_test(self, args: JsonDict) -> JsonDict:
        return {
            "ok": True,
            "url": f"https://{TEAM_DOMAIN}.slack.com/",
            "team": TEAM_NAME,
            "user": BOT_NAME,
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _chat_post_message(self, args: JsonDict) -> JsonDict:
        text, blocks = self._message_args(args)
        channel = self._postable_channel(args.get("channel"))
        message: JsonDict = {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "team": TEAM_ID,
            "text": text,
        }
        if blocks is not None:
            message["blocks"] = copy.deepcopy(blocks)
        for extra in ("attachments", "metadata"):
            if args.get(extra):
                message[extra] = copy.deepcopy(args[extra])
        message["ts"] = self._next_ts()
        thread_ts = args.get("thread_ts")
        self._store_message(channel.id, message, thread_ts if isinstance(thread_ts, str) else None)
        return {
            "ok": True,
            "channel": channel.id,
            "ts": message["ts"],
            "message": copy.deepcopy(message),
        }

    def _chat_post_ephemeral(self, args: JsonDict) -> JsonDict:
        text, blocks = self._message_args(args)
        channel = self._postable_channel(args.get("channel"))
        user_id = args.get("user")
        self._user(user_id)
        if channel.members and user_id not in channel.members:
            raise _Refusal("user_not_in_channel")
        ts = self._next_ts()
        entry: JsonDict = {
            "channel": channel.id,
            "user": user_id,
            "text": text,
            "blocks": copy.deepcopy(blocks),
            "ts": ts,
            "thread_ts": args.get("thread_ts"),
        }
        self._ephemerals.append(entry)
        return {"ok": True, "message_ts": ts}

    def _chat_update(self, args: JsonDict) -> JsonDict:
        blocks = self._check_message_blocks(args)
        channel = self._channel(args.get("channel"))
        ts = args.get("ts")
        message = self._find_message(channel.id, ts) if isinstance(ts, str) else None
        if message is None:
            raise _Refusal("message_not_found")
        if message.get("user") != BOT_USER_ID:
            raise _Refusal("cant_update_message")
        text = args.get("text")
        if text is None and blocks is None and args.get("attachments") is None:
            raise _Refusal("no_text")
        if isinstance(text, str):
            if len(text) > MAX_TEXT_LENGTH:
                raise _Refusal("msg_too_long")
            message["text"] = text
        if blocks is not None:
            message["blocks"] = copy.deepcopy(blocks)
        if args.get("attachments") is not None:
            message["attachments"] = copy.deepcopy(args["attachments"])
        message["edited"] = {"user": BOT_USER_ID, "ts": self._next_ts()}
        return {
            "ok": True,
            "channel": channel.id,
            "ts": ts,
            "text": message["text"],
            "message": copy.deepcopy(message),
        }

    def _chat_delete(self, args: JsonDict) -> JsonDict:
        channel = self._channel(args.get("channel"))
        ts = args.get("ts")
        message = self._find_message(channel.id, ts) if isinstance(ts, str) else None
        if message is None:
            raise _Refusal("message_not_found")
        if message.get("user") != BOT_USER_ID:
            raise _Refusal("cant_delete_message")
        self._messages[channel.id].remove(message)
        return {"ok": True, "channel": channel.id, "ts": ts}

    def _chat_get_permalink(self, args: JsonDict) -> JsonDict:
        channel = self._channel(args.get("channel"))
        ts = args.get("message_ts")
        message = self._find_message(channel.id, ts) if isinstance(ts, str) else None
        if message is None or not isinstance(ts, str):
            raise _Refusal("message_not_found")
        link = f"https://{TEAM_DOMAIN}.slack.com/archives/{channel.id}/p{ts.replace('.', '')}"
        thread_ts = message.get("thread_ts")
        if thread_ts and thread_ts != ts:
            link += f"?thread_ts={thread_ts}&cid={channel.id}"
        return {"ok": True, "channel": channel.id, "permalink": link}

    def _views_open(self, args: JsonDict) -> JsonDict:
        source = self._check_view(args)
        if not args.get("trigger_id") and not args.get("interactivity_pointer"):
            raise _Refusal("invalid_arguments", errors=["trigger_id is required"])
        if source.get("type") != "modal":
            raise _Refusal("invalid_arguments", rejected=True, errors=["type must be modal"])
        view_id = self._new_id("V")
        view = self._build_view(source, view_id=view_id, root_view_id=None)
        self._views[view_id] = view
        user_id = self._triggers.get(str(args.get("trigger_id")))
        if user_id is not None:
            self._modals[user_id] = [view_id]
        return {"ok": True, "view": copy.deepcopy(view)}

    def _views_push(self, args: JsonDict) -> JsonDict:
        source = self._check_view(args)
        if not args.get("trigger_id") and not args.get("interactivity_pointer"):
            raise _Refusal("invalid_arguments", errors=["trigger_id is required"])
        view_id = self._new_id("V")
        roots = [v["root_view_id"] for v in self._views.values()]
        view = self._build_view(source, view_id=view_id, root_view_id=roots[-1] if roots else None)
        view["previous_view_id"] = list(self._views)[-1] if self._views else None
        self._views[view_id] = view
        user_id = self._triggers.get(str(args.get("trigger_id")))
        if user_id is not None:
            self._modals.setdefault(user_id, []).append(view_id)
        return {"ok": True, "view": copy.deepcopy(view)}

    def _views_update(self, args: JsonDict) -> JsonDict:
        source = self._check_view(args)
        view_id, external_id = args.get("view_id"), args.get("external_id")
        current: JsonDict | None = None
        if view_id:
            current = self._views.get(view_id)
        elif external_id:
            current = next(
                (v for v in self._views.values() if v.get("external_id") == external_id), None
            )
        else:
            raise _Refusal("invalid_arguments", errors=["view_id or external_id is required"])
        if current is None:
            raise _Refusal("not_found")
        if args.get("hash") and args["hash"] != current["hash"]:
            raise _Refusal("hash_conflict")
        view = self._build_view(source, view_id=current["id"], root_view_id=current["root_view_id"])
        view["previous_view_id"] = current.get("previous_view_id")
        view["state"] = copy.deepcopy(current.get("state", {"values": {}}))
        if not source.get("external_id"):
            view["external_id"] = current.get("external_id", "")
        self._views[current["id"]] = view
        return {"ok": True, "view": copy.deepcopy(view)}

    def _views_publish(self, args: JsonDict) -> JsonDict:
        source = self._check_view(args)
        if source.get("type") != "home":
            raise _Refusal("invalid_arguments", rejected=True, errors=["type must be home"])
        user_id = args.get("user_id")
        self._user(user_id)
        current = self._home_views.get(user_id) if isinstance(user_id, str) else None
        if current is not None and args.get("hash") and args["hash"] != current["hash"]:
            raise _Refusal("hash_conflict")
        view_id = current["id"] if current is not None else self._new_id("V")
        view = self._build_view(source, view_id=view_id, root_view_id=None)
        self._home_views[str(user_id)] = view
        self._views[view_id] = view
        return {"ok": True, "view": copy.deepcopy(view)}

    def _users_info(self, args: JsonDict) -> JsonDict:
        user = copy.deepcopy(self._user(args.get("user")))
        if not _truthy(args.get("include_locale")):
            user.pop("locale", None)
        return {"ok": True, "user": user}

    def _conversations_open(self, args: JsonDict) -> JsonDict:
        if args.get("channel"):
            channel = self._channel(args["channel"])
            return {"ok": True, "channel": {"id": channel.id}}
        users = _split_ids(args.get("users"))
        if not users:
            raise _Refusal("users_list_not_supplied")
        for user_id in users:
            self._user(user_id)
        existed = self._channels.get(self.dm_channel_id(users[0])) if len(users) == 1 else None
        channel = self._open_dm(users)
        body: JsonDict = {"ok": True, "channel": {"id": channel.id}}
        if existed is not None:
            body.update({"no_op": True, "already_open": True})
        if _truthy(args.get("return_im")):
            body["channel"].update(
                {"created": 1_700_000_000, "is_im": channel.is_im, "user": channel.user}
            )
        return body

    def _conversations_members(self, args: JsonDict) -> JsonDict:
        channel = self._channel(args.get("channel"))
        page, cursor = self._paginate(channel.members, args, 100)
        return {"ok": True, "members": page, "response_metadata": {"next_cursor": cursor}}

    def _conversations_info(self, args: JsonDict) -> JsonDict:
        channel = self._channel(args.get("channel"))
        info: JsonDict = {
            "id": channel.id,
            "created": 1_700_000_000,
            "is_archived": False,
            "is_im": channel.is_im,
            "is_mpim": channel.is_mpim,
            "is_private": channel.is_private,
            "context_team_id": TEAM_ID,
        }
        if channel.is_im:
            info.update({"user": channel.user, "is_open": True})
        else:
            info.update(
                {
                    "name": channel.name,
                    "name_normalized": channel.name,
                    "is_channel": not channel.is_private,
                    "is_group": channel.is_private,
                    "is_general": channel.name == "general",
                    "is_member": channel.bot_member,
                    "is_shared": False,
                    "is_ext_shared": False,
                    "topic": {"value": "", "creator": "", "last_set": 0},
                    "purpose": {"value": "", "creator": "", "last_set": 0},
                }
            )
        if _truthy(args.get("include_num_members")):
            info["num_members"] = len(channel.members)
        if _truthy(args.get("include_locale")):
            info["locale"] = "en-US"
        return {"ok": True, "channel": info}

    def _conversations_history(self, args: JsonDict) -> JsonDict:
        """A channel's messages, newest first, without thread replies (as Slack does);
        ``latest``/``oldest`` bound them (exclusive unless ``inclusive``)."""
        channel = self._channel(args.get("channel"))
        if not channel.bot_member:
            raise _Refusal("not_in_channel")
        inclusive = _truthy(args.get("inclusive"))
        try:
            latest = float(args["latest"]) if args.get("latest") else float("inf")
            oldest = float(args["oldest"]) if args.get("oldest") else 0.0
        except (TypeError, ValueError):
            raise _Refusal("invalid_ts_latest") from None

        def within(ts: float) -> bool:
            if inclusive:
                return oldest <= ts <= latest
            return oldest < ts < latest

        top_level = [
            m
            for m in self._messages[channel.id]
            if (not m.get("thread_ts") or m.get("thread_ts") == m["ts"]) and within(float(m["ts"]))
        ]
        top_level.sort(key=lambda m: float(m["ts"]), reverse=True)
        return self._messages_page(top_level, args, 100)

    def _conversations_replies(self, args: JsonDict) -> JsonDict:
        channel = self._channel(args.get("channel"))
        if not channel.bot_member:
            raise _Refusal("not_in_channel")
        ts = args.get("ts")
        message = self._find_message(channel.id, ts) if isinstance(ts, str) else None
        if message is None:
            raise _Refusal("thread_not_found")
        root = message.get("thread_ts") or message["ts"]
        thread = [
            m for m in self._messages[channel.id] if m["ts"] == root or m.get("thread_ts") == root
        ]
        thread.sort(key=lambda m: float(m["ts"]))
        return self._messages_page(thread, args, 1000)

    def _messages_page(self, messages: list[JsonDict], args: JsonDict, limit: int) -> JsonDict:
        """One page of ``messages`` as conversations.history and .replies answer it."""
        page, cursor = self._paginate(messages, args, limit)
        return {
            "ok": True,
            "messages": copy.deepcopy(page),
            "has_more": bool(cursor),
            "response_metadata": {"next_cursor": cursor},
        }

    def _reactions_add(self, args: JsonDict) -> JsonDict:
        channel = self._channel(args.get("channel"))
        if not channel.bot_member:
            raise _Refusal("not_in_channel")
        name = str(args.get("name") or "").strip(":")
        if not name:
            raise _Refusal("invalid_name")
        ts = args.get("timestamp")
        message = self._find_message(channel.id, ts) if isinstance(ts, str) else None
        if message is None:
            raise _Refusal("message_not_found")
        if not _react(message, name, BOT_USER_ID):
            raise _Refusal("already_reacted")
        return {"ok": True}

    def _files_get_upload_url_external(self, args: JsonDict) -> JsonDict:
        filename = args.get("filename")
        try:
            length = int(args.get("length") or 0)
        except (TypeError, ValueError):
            length = 0
        if not isinstance(filename, str) or not filename or length <= 0:
            raise _Refusal("invalid_arguments")
        file_id = self._new_id("F")
        alt = args.get("alt_txt")
        if isinstance(alt, str) and len(alt) > 1000:
            raise _Refusal("invalid_arguments", errors=["alt_txt must be 1000 characters or less"])
        self._files[file_id] = UploadedFile(
            id=file_id, filename=filename, length=length, alt_txt=alt if alt else None
        )
        return {
            "ok": True,
            "upload_url": f"http://{self.host}:{self.port}/upload/{file_id}",
            "file_id": file_id,
        }

    def _files_complete_upload_external(self, args: JsonDict) -> JsonDict:
        """Finish the uploads in ``files`` (a JSON list of ``{id, title}``) and share them in
        ``channel_id`` (or ``channels``) with ``initial_comment`` as one message, like Slack."""
        entries = args.get("files")
        if not isinstance(entries, list) or not entries:
            raise _Refusal("invalid_arguments", errors=["files is required"])
        uploads: list[UploadedFile] = []
        for entry in entries:
            upload = self._files.get(str(entry.get("id"))) if isinstance(entry, dict) else None
            if upload is None or upload.data is None or upload.completed:
                raise _Refusal("file_not_found")
            uploads.append(upload)
        targets = _split_ids(args.get("channels")) or _split_ids(args.get("channel_id"))
        channels = [self._postable_channel(channel) for channel in targets]
        thread_ts = args.get("thread_ts") if isinstance(args.get("thread_ts"), str) else None
        comment = (
            args.get("initial_comment") if isinstance(args.get("initial_comment"), str) else None
        )
        for upload, entry in zip(uploads, entries, strict=True):
            upload.title = entry.get("title") or upload.filename
            upload.completed = True
            upload.channels = [channel.id for channel in channels]
            upload.initial_comment = comment
            upload.thread_ts = thread_ts
        described = [self._file_object(upload) for upload in uploads]
        for channel in channels:
            message: JsonDict = {
                "type": "message",
                "subtype": "file_share",
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
                "team": TEAM_ID,
                "text": comment or "",
                "files": copy.deepcopy(described),
                "upload": True,
                "ts": self._next_ts(),
            }
            self._store_message(channel.id, message, thread_ts)
        return {"ok": True, "files": described}

    @staticmethod
    def _file_object(upload: UploadedFile) -> JsonDict:
        return {
            "id": upload.id,
            "name": upload.filename,
            "title": upload.title,
            "mimetype": upload.mimetype,
            "filetype": upload.filename.rsplit(".", 1)[-1].lower(),
            "size": len(upload.data or b""),
            "user": BOT_USER_ID,
            "is_public": False,
            "alt_txt": upload.alt_txt,
            "created": 1_700_000_000,
        }


async def _upload_body(request: web.Request) -> bytes:
    if request.content_type == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if getattr(part, "filename", None) is not None:
                return bytes(await part.read())  # type: ignore[union-attr]
        return b""
    return await request.read()


def _react(message: JsonDict, name: str, user_id: str) -> bool:
    """Add ``user_id``'s reaction ``name`` to a stored message; False if already there."""
    reactions: list[JsonDict] = message.setdefault("reactions", [])
    for reaction in reactions:
        if reaction["name"] == name:
            if user_id in reaction["users"]:
                return False
            reaction["users"].append(user_id)
            reaction["count"] += 1
            return True
    reactions.append({"name": name, "users": [user_id], "count": 1})
    return True


def _block_error(error: str, message: str) -> _Refusal:
    return _Refusal(
        error,
        rejected=True,
        errors=[message],
        response_metadata={"messages": [f"[ERROR] {message}"]},
    )
