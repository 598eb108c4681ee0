"""Drive a running sandbox through the page's own HTTP endpoints, as the page's JavaScript does."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import aiohttp
from slack_bolt.async_app import AsyncApp

from bot.app.build import build
from bot.domain.catalogue import CatalogueItem
from sandbox.app import Sandbox, running_sandbox
from sandbox.clock import SandboxClock
from sandbox.workspace import load_workspace

MARIE = "U0MARIE"  # employee, French
JOHN = "U0JOHN"  # employee, English
SOPHIE = "U0SOPHIE"  # service desk agent, French
EMMA = "U0EMMA"  # infrastructure & network agent, on call level 1, English
PAUL = "U0PAUL"  # on call level 2
GENERAL = "C0GENERAL"
INFRA = "C0INFRA"
DESK = "C0DESK"

T = TypeVar("T")


class PageDriver:
    """The page's requests: ``post(gesture, ...)`` and ``state(...)``; ``until`` waits for a
    condition on what the page would show, woken by the emulator's changes (no sleeping)."""

    def __init__(self, sandbox: Sandbox, session: aiohttp.ClientSession) -> None:
        self.sandbox = sandbox
        self.session = session
        self.api = sandbox.url + "/api"

    async def post(self, gesture: str, **body: Any) -> tuple[int, dict[str, Any]]:
        async with self.session.post(f"{self.api}/{gesture}", json=body) as response:
            return response.status, await response.json(content_type=None)

    async def state(
        self, user: str, channel: str | None = None, thread: str | None = None
    ) -> dict[str, Any]:
        query = {"user": user, "channel": channel or ""}
        if thread:
            query["thread"] = thread
        async with self.session.get(f"{self.api}/state", params=query) as response:
            assert response.status == 200, await response.text()
            return await response.json()

    async def until(
        self,
        check: Callable[[], Any],
        what: str,
        timeout: float = 5.0,  # noqa: ASYNC109 - a bound on waiting for the bot
    ) -> Any:
        """Call ``check`` (sync or async) until it returns something truthy."""
        emulator = self.sandbox.emulator
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            version = emulator.version
            result = check()
            if asyncio.iscoroutine(result):
                result = await result
            if result:
                return result
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {what}")
            await emulator.wait_change(version, min(left, 0.5))

    async def open_form(self, user: str, channel: str = GENERAL, text: str = "/ticket") -> dict:
        """``/ticket``, then "Something else" in the sandbox's catalogue: the free form."""
        picker = await self.open_catalogue(user, channel, text)
        if picker["view"]["callback_id"] != "catalogue_picker":
            return picker
        status, answer = await self.post(
            "action",
            user=user,
            view_id=picker["view"]["id"],
            action_id="catalogue_pick",
            block_id="catalogue_pick",
            value="something_else",
        )
        assert (status, answer) == (200, {"ok": True}), answer

        async def free_form() -> dict | None:
            modal = (await self.state(user))["modal"]
            return modal if modal and modal["view"]["callback_id"] == "file_ticket" else None

        return await self.until(free_form, f"the free form of {user}")

    async def open_catalogue(
        self, user: str, channel: str = GENERAL, text: str = "/ticket"
    ) -> dict:
        """``/ticket``: what it opens first (with the sandbox's catalogue, "What do you need?")."""
        status, answer = await self.post("command", user=user, channel=channel, text=text)
        assert (status, answer) == (200, {"ok": True}), answer

        async def modal() -> dict | None:
            return (await self.state(user))["modal"]

        return await self.until(modal, f"the modal of {user}")


def record_requests(bolt: Any) -> list[dict[str, Any]]:
    """Every request body the bot receives from now on (a Bolt middleware: listeners still run)."""
    seen: list[dict[str, Any]] = []

    async def middleware(body: dict[str, Any], next: Callable[[], Any]) -> None:
        seen.append(body)
        await next()

    bolt.use(middleware)
    return seen


def events(seen: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [b["event"] for b in seen if (b.get("event") or {}).get("type") == kind]


def blocks_text(message: dict[str, Any]) -> str:
    return str(message.get("blocks") or "") + str(message.get("text") or "")


def has_action(message: dict[str, Any], action_id: str) -> bool:
    return f"'action_id': '{action_id}'" in str(message.get("blocks") or "")


@asynccontextmanager
async def driven_sandbox(port: int = 0) -> AsyncIterator[PageDriver]:
    """A whole sandbox (bot, emulator, page) on local ports, with a fixed clock."""
    async with (
        running_sandbox(build, port=port, clock=SandboxClock()) as sandbox,
        aiohttp.ClientSession() as session,
    ):
        yield PageDriver(sandbox, session)


def _gadget(n: int) -> CatalogueItem:
    return CatalogueItem.model_validate(
        {
            "name": {"fr": f"Gadget numéro {n}", "en": f"Gadget number {n}"},
            "service": "internal_it",
            "fields": {"note": {"type": "short_text", "label": {"fr": "Note", "en": "Note"}}},
        }
    )


@asynccontextmanager
async def large_catalogue_sandbox(port: int = 0) -> AsyncIterator[PageDriver]:
    """The sandbox with 60 more catalogue items: "What do you need?" is filled by the bot as
    people type (``external_select``)."""
    workspace = load_workspace()
    catalogue = {**workspace.config.catalogue, **{f"gadget_{n}": _gadget(n) for n in range(60)}}
    config = workspace.config.model_copy(update={"catalogue": catalogue})
    large = dataclasses.replace(workspace, config=config)
    async with (
        running_sandbox(build, port=port, clock=SandboxClock(), workspace=large) as sandbox,
        aiohttp.ClientSession() as session,
    ):
        yield PageDriver(sandbox, session)


def listen_first(bolt: AsyncApp, count: int = 1) -> None:
    """Move the ``count`` listeners a test just added ahead of the bot's own: listeners match in
    order, and the bot's fallback (registered last when it was built) acknowledges anything."""
    listeners = bolt._async_listeners
    added = listeners[-count:]
    del listeners[-count:]
    listeners[:0] = added
