"""The sandbox client's link to the bot and the clock, and the lookups every gesture shares.

A gesture the page must not send raises ``Refused``; ``outcome`` words the bot's HTTP answer.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sandbox.clock import SandboxClock
from sandbox.emulator import SlackEmulator
from sandbox.slack_requests import JsonDict, Reply, SlackRequests
from sandbox.workspace import Workspace

log = logging.getLogger("sandbox.client")


class Refused(Exception):
    """A gesture the page must not send (unknown person, a channel they cannot see, ...)."""


def outcome(reply: Reply, quiet_if_unhandled: bool = False) -> JsonDict:
    """The bot's HTTP answer, as the page shows it: fine, or the problem in a sentence."""
    status, _ = reply
    if status == 200 or (status == 404 and quiet_if_unhandled):
        return {"ok": True}
    if status == 404:
        return {"ok": False, "error": "Guichet has no listener for this (HTTP 404)."}
    return {"ok": False, "error": f"Guichet answered HTTP {status}."}


DueWork = Callable[[], list[Callable[[], Any]]]
"""What to run once the clock has moved (see ``Sandbox.due_work``)."""


class ClientSession:
    """The emulator, the people and the clock; the bot once ``connect`` has been called."""

    def __init__(self, emulator: SlackEmulator, workspace: Workspace, clock: SandboxClock) -> None:
        self.emulator = emulator
        self.workspace = workspace
        self.clock = clock
        self._dismissed: set[tuple[str, str, str]] = set()  # (user, channel, ts) ephemerals
        self._send: SlackRequests | None = None
        self._due_work: DueWork = list
        self._errors: dict[str, dict[str, str]] = {}
        self._problems: dict[str, str] = {}

    def connect(self, send: SlackRequests, due_work: DueWork) -> None:
        """The bot is up: send it requests with ``send``; run ``due_work`` when time moves."""
        self._send, self._due_work = send, due_work

    @property
    def send(self) -> SlackRequests:
        if self._send is None:
            raise Refused("the bot is still starting")
        return self._send

    async def advance_clock(self, delta: timedelta) -> list[str]:
        """Move the bot's clock, then run the due work; returns the problems met (logged)."""
        self.clock.advance(delta)
        problems: list[str] = []
        for work in self._due_work():
            try:
                result = work()
                if inspect.isawaitable(result):
                    await result
            except Exception as error:  # shown in the page; the sandbox keeps running
                log.exception("due work failed after the clock moved")
                problems.append(f"{getattr(work, '__qualname__', work)}: {error!r}")
        self.emulator.touch()
        return problems

    def set_real_time(self, on: bool) -> None:
        """The page's "real time" toggle: the clock follows the wall clock from where it stands
        (the bot's own scheduler then ticks as in production), or stands still again."""
        self.clock.set_real_time(on)
        self.emulator.touch()

    # ------------------------------------------------------------------ helpers

    def _person(self, user: str) -> None:
        if self.workspace.person(user) is None:
            raise Refused(f"{user} is not one of the sandbox's people")

    def _visible_channels(self, user: str) -> list[str]:
        return [c.id for c in self.workspace.channels] + [self.emulator.dm_channel_id(user)]

    def _channel(self, user: str, channel: str) -> JsonDict:
        self._person(user)
        if channel not in self._visible_channels(user):
            raise Refused(f"{user} cannot see {channel}")
        return self.emulator.channel_info(channel)

    def _message(self, channel: str, ts: str) -> JsonDict:
        try:
            return self.emulator.message(channel, ts)
        except AssertionError:
            raise Refused(f"no message {ts} in {channel}") from None

    def _view(self, user: str, view_id: str) -> JsonDict:
        mine = [v for v in self.emulator.modals(user) if v["id"] == view_id]
        home = self.emulator.home_view(user)
        if home is not None and home["id"] == view_id:
            mine.append(home)
        if not mine:
            raise Refused(f"{user} has no view {view_id} open")
        return mine[-1]

    def _ephemerals(self, channel: str, user: str) -> list[JsonDict]:
        return [
            e
            for e in self.emulator.ephemerals(channel)
            if e["user"] == user and (user, channel, e["ts"]) not in self._dismissed
        ]

    def _activity(self, channel: str, user: str) -> int:
        return len(self.emulator.messages(channel)) + len(self._ephemerals(channel, user))

    def _modal(self, user: str) -> JsonDict | None:
        stack = self.emulator.modals(user)
        if not stack:
            return None
        view = stack[-1]
        return {
            "view": view,
            "depth": len(stack),
            "errors": self._errors.get(view["id"], {}),
            "problem": self._problems.get(view["id"]),
        }

    def _trigger(self, user: str) -> str:
        return self.emulator.issue_trigger(user)
