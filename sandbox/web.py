"""The page's server: ``/sandbox`` (HTML, JS, CSS), its JSON endpoints and its event stream.

Mounted on the Slack emulator's web app (``SlackEmulator.extend_app``), so one address serves
both Slack's Web API (for the bot) and the page (for people). Each POST is one gesture, handed
to ``SandboxClient``; ``GET /sandbox/api/stream`` tells the page (server-sent events) when to
fetch ``/sandbox/api/state`` again.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import urllib.parse
from collections.abc import Awaitable, Callable
from datetime import timedelta
from importlib import resources
from typing import Any, Literal, TypeVar

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sandbox.client import Refused, SandboxClient
from sandbox.page_guard import guard

log = logging.getLogger(__name__)

PREFIX = "/sandbox"
STATIC = {
    "index.html": "text/html",
    "app.js": "text/javascript",
    "blocks.js": "text/javascript",
    "style.css": "text/css",
}
HEARTBEAT_SECONDS = 15.0
UPLOAD_MAX_BASE64 = 700_000  # about 500 kB of file (aiohttp takes 1 MB bodies): a screenshot
Body = TypeVar("Body", bound=BaseModel)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user: str = Field(min_length=1, max_length=40)


class CommandBody(_Body):
    channel: str
    text: str = Field(min_length=1, max_length=4000, pattern=r"^\s*/")


class MessageBody(_Body):
    channel: str
    text: str = Field(min_length=1, max_length=4000)
    thread_ts: str | None = None


class ActionBody(_Body):
    action_id: str
    block_id: str | None = None
    value: Any = None
    channel: str | None = None
    ts: str | None = None
    view_id: str | None = None
    values: dict[str, dict[str, Any]] | None = None


class SubmitBody(_Body):
    view_id: str
    values: dict[str, dict[str, Any]] = Field(default_factory=dict)


class UploadBody(_Body):
    name: str = Field(min_length=1, max_length=255)
    content: str = Field(min_length=1, max_length=UPLOAD_MAX_BASE64)  # the bytes, in base64


class SuggestBody(_Body):
    view_id: str
    action_id: str
    value: str = Field(default="", max_length=200)


class CloseBody(_Body):
    view_id: str


class ReactBody(_Body):
    channel: str
    ts: str
    name: str = Field(pattern=r"^:?[a-z0-9_+\-']+:?$")


class ShortcutBody(_Body):
    callback_id: str
    channel: str | None = None
    ts: str | None = None


class AppBody(_Body):
    tab: Literal["home", "messages"] = "home"


class JoinBody(_Body):
    channel: str


class DismissBody(_Body):
    channel: str
    ts: str


class RealTimeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user: str | None = None  # the page says who pressed; anyone may
    on: bool


class ClockBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user: str | None = None  # the page says who pressed; anyone may
    minutes: int = Field(gt=0, le=7 * 24 * 60)


def mount(client: SandboxClient) -> Callable[[web.Application], None]:
    """The ``setup`` to give ``SlackEmulator.extend_app``."""
    closing = asyncio.Event()

    async def page(_: web.Request) -> web.Response:
        return _static("index.html")

    async def static(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC:
            raise web.HTTPNotFound()
        return _static(name)

    async def workspace(_: web.Request) -> web.Response:
        return web.json_response(client.workspace.describe())

    async def state(request: web.Request) -> web.Response:
        query = request.query
        try:
            shown = client.state(query.get("user", ""), query.get("channel"), query.get("thread"))
        except Refused as refused:
            return web.json_response({"error": str(refused)}, status=400)
        return web.json_response(shown)

    async def stream(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        await response.prepare(request)
        emulator, seen = client.emulator, -1
        with contextlib.suppress(ConnectionResetError):
            while not closing.is_set():
                version = await emulator.wait_change(seen, HEARTBEAT_SECONDS)
                if version == seen:
                    await response.write(b": still here\n\n")
                    continue
                seen = version
                await response.write(f"data: {version}\n\n".encode())
        return response

    async def wake_streams(_: web.Application) -> None:
        closing.set()
        client.emulator.touch()

    async def clock(request: web.Request) -> web.Response:
        body = await _read(request, ClockBody)
        problems = await client.advance_clock(timedelta(minutes=body.minutes))
        answer: dict[str, Any] = {"ok": not problems, "clock": client.clock.now().isoformat()}
        answer["real_time"] = client.clock.real_time
        if problems:
            answer["error"] = "; ".join(problems)
        return web.json_response(answer)

    async def real_time(request: web.Request) -> web.Response:
        body = await _read(request, RealTimeBody)
        client.set_real_time(body.on)
        now = client.clock.now().isoformat()
        return web.json_response({"ok": True, "clock": now, "real_time": client.clock.real_time})

    async def download(request: web.Request) -> web.Response:
        """A shared file, for the person the page is (``?user=``) if they can see it."""
        try:
            upload = client.download(request.query.get("user", ""), request.match_info["file_id"])
        except Refused as refused:
            raise web.HTTPNotFound(
                text=json.dumps({"ok": False, "error": str(refused)}),
                content_type="application/json",
            ) from None
        quoted = urllib.parse.quote(upload.filename)
        return web.Response(
            body=upload.data or b"",
            content_type=upload.mimetype,
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quoted}",
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "no-store",
            },
        )

    def gesture(
        model: type[_Body], act: Callable[[Any], Awaitable[dict[str, Any]]]
    ) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def handle(request: web.Request) -> web.Response:
            body = await _read(request, model)
            try:
                return web.json_response(await act(body))
            except Refused as refused:
                return web.json_response({"ok": False, "error": str(refused)}, status=400)

        return handle

    def setup(app: web.Application) -> None:
        app.middlewares.append(guard(PREFIX, client.emulator.host))
        app.router.add_get("/", _to_page)
        app.router.add_get(PREFIX, page)
        app.router.add_get(PREFIX + "/", page)
        app.router.add_get(PREFIX + "/static/{name}", static)
        app.router.add_get(PREFIX + "/api/workspace", workspace)
        app.router.add_get(PREFIX + "/api/state", state)
        app.router.add_get(PREFIX + "/api/stream", stream)
        app.router.add_post(PREFIX + "/api/clock", clock)
        app.router.add_post(PREFIX + "/api/real_time", real_time)
        app.router.add_get(PREFIX + "/api/file/{file_id}", download)
        routes: dict[str, tuple[type[_Body], Callable[[Any], Awaitable[dict[str, Any]]]]] = {
            "command": (CommandBody, lambda b: client.command(b.user, b.channel, b.text)),
            "message": (
                MessageBody,
                lambda b: client.post_message(b.user, b.channel, b.text, b.thread_ts),
            ),
            "action": (
                ActionBody,
                lambda b: client.action(
                    b.user,
                    b.action_id,
                    b.block_id,
                    b.value,
                    channel=b.channel,
                    ts=b.ts,
                    view_id=b.view_id,
                    values=b.values,
                ),
            ),
            "submit": (SubmitBody, lambda b: client.submit(b.user, b.view_id, b.values)),
            "close": (CloseBody, lambda b: client.close(b.user, b.view_id)),
            "suggest": (
                SuggestBody,
                lambda b: client.suggest(b.user, b.view_id, b.action_id, b.value),
            ),
            "upload": (UploadBody, lambda b: client.upload(b.user, b.name, b.content)),
            "react": (ReactBody, lambda b: client.react(b.user, b.channel, b.ts, b.name)),
            "shortcut": (
                ShortcutBody,
                lambda b: client.shortcut(b.user, b.callback_id, b.channel, b.ts),
            ),
            "app": (AppBody, lambda b: client.open_app(b.user, b.tab)),
            "join": (JoinBody, lambda b: client.join(b.user, b.channel)),
            "dismiss": (DismissBody, lambda b: client.dismiss(b.user, b.channel, b.ts)),
        }
        for name, (model, act) in routes.items():
            app.router.add_post(f"{PREFIX}/api/{name}", gesture(model, act))
        app.on_shutdown.append(wake_streams)

    return setup


async def _to_page(_: web.Request) -> web.Response:
    raise web.HTTPFound(PREFIX)


def _static(name: str) -> web.Response:
    text = resources.files("sandbox").joinpath("static", name).read_text(encoding="utf-8")
    return web.Response(text=text, content_type=STATIC[name], headers={"Cache-Control": "no-cache"})


async def _read(request: web.Request, model: type[Body]) -> Body:
    try:
        return model.model_validate(await request.json())
    except ValueError as error:  # not JSON, or not the expected shape
        message = (
            "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
            if isinstance(error, ValidationError)
            else "expected a JSON body"
        )
        raise web.HTTPBadRequest(
            text=json.dumps({"ok": False, "error": message}), content_type="application/json"
        ) from None
