"""What keeps other web pages out of the sandbox's API.

The sandbox page acts as any person of the sandbox through ``/sandbox/api/...``. A web page from
anywhere open in the same browser could post to it too: a ``text/plain`` body needs no CORS
preflight, and a name that resolves to 127.0.0.1 (DNS rebinding) even lets it read the answers.
So every request to the sandbox's own paths must:

- name, in ``Host``, the address the sandbox listens on (``127.0.0.1:<port>``, or ``localhost``
  / ``[::1]`` on that port when it listens on the loopback): a rebound name is refused;
- when a browser says where it comes from (``Origin``), come from that same address;
- for a ``POST``, carry ``Content-Type: application/json`` (which a cross-site form or a simple
  ``fetch`` cannot send without a preflight that nothing here answers).

The Web API the emulator answers (``/api/...``) is not the page's and is left alone.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def allowed_hosts(listening: str, port: int) -> set[str]:
    """The ``Host`` values that name this sandbox."""
    names = set(LOOPBACK_NAMES) if listening in (*LOOPBACK_NAMES, "::1") else {listening}
    return {f"{name}:{port}" for name in names}


def refusal(request: web.Request, hosts: set[str]) -> str | None:
    """Why ``request`` is refused, or ``None``."""
    if request.host not in hosts:
        return "unknown Host"
    origin = request.headers.get("Origin")
    if origin is not None and origin.removeprefix("http://") not in hosts:
        return "cross-site request"
    if request.method == "POST" and request.content_type != "application/json":
        return "expected Content-Type: application/json"
    return None


def guard(prefix: str, listening: str) -> Middleware:
    """An aiohttp middleware refusing foreign requests to the paths under ``prefix``."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path == "/" or request.path.startswith(prefix):
            sockname = request.transport.get_extra_info("sockname") if request.transport else None
            port = int(sockname[1]) if sockname else 0
            why = refusal(request, allowed_hosts(listening, port))
            if why is not None:
                raise web.HTTPForbidden(
                    text=json.dumps({"ok": False, "error": why}), content_type="application/json"
                )
        return await handler(request)

    return middleware
