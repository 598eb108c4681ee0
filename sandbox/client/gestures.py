"""The gestures a person makes in the page, each sent to the bot as Slack would send it."""

from __future__ import annotations

import base64
import binascii
import uuid
from typing import Any

from sandbox.client.session import ClientSession, Refused, log, outcome
from sandbox.emulator import TEAM_ID
from sandbox.slack_requests import JsonDict, element_state


class Gestures(ClientSession):
    """Type a slash command, post, press a button, submit or close a modal, react, open a tab."""

    async def command(self, user: str, channel: str, text: str) -> JsonDict:
        """``/name rest`` typed in a channel: a signed slash command."""
        info = self._channel(user, channel)
        name, _, rest = text.strip().partition(" ")
        if name not in self.workspace.commands:  # Slack answers this itself, the app never hears
            return {"ok": False, "error": f"{name} is not a command Guichet knows."}
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
        if status == 200 and body:  # what ack() said shows like a response_url answer
            self.emulator.show_answer(url, body if isinstance(body, dict) else {"text": body})
        return outcome(reply)

    async def upload(self, user: str, name: str, content: str) -> JsonDict:
        """A file picked in a modal's file field (``content``: its bytes in base64): stored by
        Slack, described as the submission will carry it."""
        self._person(user)
        try:
            data = base64.b64decode(content, validate=True)
            return {"ok": True, "file": self.emulator.user_upload(user, name, data)}
        except (binascii.Error, ValueError) as error:
            raise Refused(f"the file was not uploaded: {error}") from error

    async def suggest(self, user: str, view_id: str, action_id: str, typed: str) -> JsonDict:
        """Typing in a menu whose options the app gives (``external_select``): Slack's
        ``block_suggestion``; the app's options, once Slack's checks pass."""
        view = self._view(user, view_id)
        try:
            status, body = await self.send.block_suggestion(action_id, typed, view, user)
        except ValueError as error:
            raise Refused(f"the menu's options were refused: {error}") from error
        if status != 200 or not isinstance(body, dict):
            return outcome((status, body))
        return {"ok": True, **body}

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
