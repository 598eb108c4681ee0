"""What a person does in the sandbox's page, done the way Slack does it.

Each method stands for one gesture in a Slack client (type a slash command, post a message,
press a button, submit a modal, react, open the App Home) and does what Slack does then: it
changes what the emulator shows and sends the bot the signed request Slack would send. Nothing
here knows Guichet's ids: whatever blocks the bot posts, whatever it listens to, goes through.
"""

from __future__ import annotations

import inspect
import logging
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from bot.domain.clock import ManualClock
from sandbox.slack_emulator import BOT_ID, BOT_USER_ID, TEAM_ID, SlackEmulator
from sandbox.slack_requests import JsonDict, Reply, SlackRequests, element_state
from sandbox.workspace import Workspace

log = logging.getLogger(__name__)


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


class SandboxClient:
    """Made before the emulator starts (it serves the page); ``connect`` gives it the bot."""

    def __init__(self, emulator: SlackEmulator, workspace: Workspace, clock: ManualClock) -> None:
        self.emulator = emulator
        self.workspace = workspace
        self.clock = clock
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

    # ------------------------------------------------------------------ what the page shows

    def state(self, user: str, channel: str | None, thread: str | None) -> JsonDict:
        """Everything the page draws for ``user`` looking at ``channel`` (and a thread)."""
        self._person(user)
        visible = self._visible_channels(user)
        shown: JsonDict = {
            "version": self.emulator.version,
            "clock": self.clock.now().isoformat(),
            "activity": {c: self._activity(c, user) for c in visible},
            "joined": [c for c in visible if user in self.emulator.channel_info(c)["members"]],
            "channel": None,
            "messages": [],
            "thread": None,
            "modal": self._modal(user),
            "home": self.emulator.home_view(user),
        }
        if channel:
            info = self._channel(user, channel)
            shown["channel"] = {
                "id": info["id"],
                "name": info["name"],
                "is_im": info["is_im"],
                "is_member": user in info["members"],
            }
            messages = [_shown(m, user) for m in self.emulator.messages(info["id"])]
            messages += [_shown(e, user, True) for e in self._ephemerals(info["id"], user)]
            messages.sort(key=_ts)
            shown["messages"] = [m for m in messages if m["thread_ts"] in (None, m["ts"])]
            parent = next((m for m in messages if thread and m["ts"] == thread), None)
            if parent is not None:
                replies = [m for m in messages if m["thread_ts"] == thread and m is not parent]
                shown["thread"] = {"ts": thread, "messages": [parent, *replies]}
        return shown

    # ------------------------------------------------------------------ gestures

    async def command(self, user: str, channel: str, text: str) -> JsonDict:
        """``/name rest`` typed in a channel: a signed slash command."""
        info = self._channel(user, channel)
        name, _, rest = text.strip().partition(" ")
        url = self.emulator.response_url(info["id"], None, user_id=user)
        reply = await self.send.command(
            rest.strip(),
            user_id=user,
            channel_id=info["id"],
            command=name,
            trigger_id=self._trigger(user),
            channel_name="directmessage" if info["is_im"] else info["name"],
            response_url=url,
        )
        status, body = reply
        if status == 404:
            return {"ok": False, "error": f"{name} is not a command Guichet knows."}
        if status == 200 and body:  # what ack() said shows like a response_url answer
            self.emulator.show_answer(url, body if isinstance(body, dict) else {"text": body})
        return outcome(reply)

    async def post_message(
        self, user: str, channel: str, text: str, thread_ts: str | None = None
    ) -> JsonDict:
        """A message typed into a channel, a DM or a thread: stored, then a ``message`` event."""
        info = self._channel(user, channel)
        if user not in info["members"]:
            raise Refused(f"join #{info['name']} first")
        message = self.emulator.add_message(info["id"], text, user=user, thread_ts=thread_ts)
        event: JsonDict = {
            "type": "message",
            "channel": info["id"],
            "user": user,
            "text": text,
            "ts": message["ts"],
            "team": TEAM_ID,
            "client_msg_id": str(uuid.uuid4()),
            "channel_type": "im" if info["is_im"] else "channel",
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
            parent = self._message(info["id"], thread_ts)
            if parent.get("user"):
                event["parent_user_id"] = parent["user"]
        return outcome(await self.send.event(event), quiet_if_unhandled=True)

    async def action(
        self,
        user: str,
        action_id: str,
        block_id: str | None,
        value: Any = None,
        *,
        channel: str | None = None,
        ts: str | None = None,
        view_id: str | None = None,
        values: dict[str, dict[str, Any]] | None = None,
    ) -> JsonDict:
        """A click or a selection on a message (or an ephemeral one), a modal or the Home tab."""
        trigger = self._trigger(user)
        if view_id is not None:
            view = self._view(user, view_id)
            if values is not None:
                view["state"] = {"values": self._state_values(view, values)}
            reply = await self.send.block_action(
                action_id, value, user, block_id=block_id, view=view, trigger_id=trigger
            )
            return outcome(reply)
        if channel is None or ts is None:
            raise Refused("an action needs a message (channel and ts) or a view")
        info = self._channel(user, channel)
        url = self.emulator.response_url(info["id"], ts, user_id=user)
        ephemeral = next((e for e in self._ephemerals(info["id"], user) if e["ts"] == ts), None)
        if ephemeral is not None:
            container = {
                "type": "message",
                "message_ts": ts,
                "channel_id": info["id"],
                "is_ephemeral": True,
            }
            message: JsonDict = {"type": "message", "ts": ts, "text": ephemeral["text"]}
            message["blocks"] = ephemeral.get("blocks") or []
        else:
            container, message = None, self._message(info["id"], ts)
        reply = await self.send.block_action(
            action_id,
            value,
            user,
            channel_id=info["id"],
            message=message,
            block_id=block_id,
            container=container,
            trigger_id=trigger,
            response_url=url,
        )
        return outcome(reply)

    async def submit(self, user: str, view_id: str, values: dict[str, dict[str, Any]]) -> JsonDict:
        """The modal's submit button: a ``view_submission``; the answer decides what shows."""
        view = self._view(user, view_id)
        state = self._state_values(view, values)
        status, body = await self.send.view_submission(
            view, state, user, trigger_id=self._trigger(user)
        )
        self._errors.pop(view_id, None)
        self._problems.pop(view_id, None)
        if status != 200:
            self._problems[view_id] = "We had some trouble connecting. Try again?"
            self.emulator.touch()
            return outcome((status, body))
        if isinstance(body, dict) and body.get("response_action") == "errors":
            self._errors[view_id] = {str(k): str(v) for k, v in (body.get("errors") or {}).items()}
        problem = self.emulator.answer_submission(user, view_id, body)
        if problem:
            log.warning("the answer to a view_submission was refused: %s", problem)
            self._problems[view_id] = problem
            return {"ok": False, "error": problem}
        return {"ok": True}

    async def close(self, user: str, view_id: str) -> JsonDict:
        """The modal's close button (``view_closed`` when the view asks to be told)."""
        view = self._view(user, view_id)
        self.emulator.close_modal(user)
        if view.get("notify_on_close"):
            return outcome(await self.send.view_closed(view, user), quiet_if_unhandled=True)
        return {"ok": True}

    async def react(self, user: str, channel: str, ts: str, name: str) -> JsonDict:
        """An emoji reaction on a message: a ``reaction_added`` event."""
        info = self._channel(user, channel)
        message = self._message(info["id"], ts)
        if not self.emulator.add_reaction(info["id"], ts, name, user):
            return {"ok": True}
        event = {
            "type": "reaction_added",
            "user": user,
            "reaction": name.strip(":"),
            "item_user": message.get("user"),
            "item": {"type": "message", "channel": info["id"], "ts": ts},
        }
        return outcome(await self.send.event(event), quiet_if_unhandled=True)

    async def shortcut(
        self, user: str, callback_id: str, channel: str | None = None, ts: str | None = None
    ) -> JsonDict:
        """A message shortcut (with ``channel`` and ``ts``) or a global one."""
        if channel is None or ts is None:
            reply = await self.send.shortcut(
                callback_id, user_id=user, trigger_id=self._trigger(user)
            )
            return outcome(reply)
        info = self._channel(user, channel)
        reply = await self.send.shortcut(
            callback_id,
            self._message(info["id"], ts),
            info["id"],
            user,
            trigger_id=self._trigger(user),
            response_url=self.emulator.response_url(info["id"], ts, user_id=user),
        )
        return outcome(reply)

    async def open_app(self, user: str, tab: str) -> JsonDict:
        """The app's Home or Messages tab opened: an ``app_home_opened`` event."""
        self._person(user)
        event: JsonDict = {
            "type": "app_home_opened",
            "user": user,
            "channel": self.emulator.open_dm(user),
            "tab": "home" if tab == "home" else "messages",
        }
        home = self.emulator.home_view(user)
        if home is not None:
            event["view"] = home
        return outcome(await self.send.event(event), quiet_if_unhandled=True)

    async def join(self, user: str, channel: str) -> JsonDict:
        """Join a channel: a ``member_joined_channel`` event."""
        info = self._channel(user, channel)
        self.emulator.join(info["id"], user)
        event = {
            "type": "member_joined_channel",
            "user": user,
            "channel": info["id"],
            "channel_type": "C",
            "team": TEAM_ID,
        }
        return outcome(await self.send.event(event), quiet_if_unhandled=True)

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
        return [e for e in self.emulator.ephemerals(channel) if e["user"] == user]

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
        trigger = self.send.new_trigger_id()
        self.emulator.remember_trigger(trigger, user)
        return trigger

    @staticmethod
    def _state_values(view: JsonDict, values: dict[str, dict[str, Any]]) -> JsonDict:
        """``view.state.values`` from the page's answers ``{block_id: {action_id: answer}}``;
        inputs left out keep their initial value."""
        state: JsonDict = {}
        for block in view.get("blocks") or []:
            kind, block_id = block.get("type"), block.get("block_id")
            elements = [block.get("element"), block.get("accessory"), *block.get("elements", [])]
            answers = values.get(str(block_id)) or {}
            for element in elements:
                if not isinstance(element, dict) or not element.get("action_id"):
                    continue
                action_id = element["action_id"]
                answered = action_id in answers
                if not answered and kind != "input" and not _has_initial(element):
                    continue
                try:
                    entry = element_state(element, answers.get(action_id), answered=answered)
                except ValueError:  # not an input (a button, an overflow) or not an option
                    continue
                state.setdefault(str(block_id), {})[action_id] = entry
        return state


def _has_initial(element: JsonDict) -> bool:
    return any(key.startswith("initial_") for key in element)


def _ts(message: JsonDict) -> float:
    return float(message.get("ts") or 0)


def _shown(message: JsonDict, user: str, ephemeral: bool = False) -> JsonDict:
    """A message as the page draws it (an ephemeral one comes from the bot)."""
    shown = {
        key: message.get(key)
        for key in ("ts", "user", "bot_id", "text", "blocks", "thread_ts", "reply_count")
    }
    if ephemeral:
        shown.update({"user": BOT_USER_ID, "bot_id": BOT_ID})
    shown["ephemeral"] = ephemeral
    shown["edited"] = "edited" in message
    shown["reactions"] = [
        {"name": r["name"], "count": r["count"], "mine": user in r["users"]}
        for r in message.get("reactions") or []
    ]
    return shown
