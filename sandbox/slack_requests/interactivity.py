"""Interactivity payloads: modal submissions and closes, block actions and shortcuts."""

from __future__ import annotations

import copy
import string
import time

from sandbox.slack_requests.state import (
    _LISTS,
    _MULTI_OPTIONS,
    _SCALARS,
    _SINGLE_OPTION,
    Answer,
    JsonDict,
    _as_list,
    _find_element,
    _find_option,
    state_values,
)
from sandbox.slack_requests.transport import BOT_ID, BOT_USER_ID, Reply, SignedSender, SignMode


class InteractionRequests(SignedSender):
    """Sends ``payload=`` interactivity requests, built as Slack builds them."""

    def _interaction(self, kind: str, user_id: str, trigger_id: str | None) -> JsonDict:
        return {
            "type": kind,
            "team": self._team(),
            "user": self._user(user_id),
            "api_app_id": self.api_app_id,
            "token": self.verification_token,
            "trigger_id": trigger_id or self.new_trigger_id(user_id),
            "is_enterprise_install": False,
            "enterprise": None,
        }

    def _full_view(self, view: JsonDict, values: JsonDict | None) -> JsonDict:
        view_id = view.get("id") or "V" + "".join(self._rng.choices(string.ascii_uppercase, k=10))
        full: JsonDict = {
            "id": view_id,
            "team_id": self.team_id,
            "type": "modal",
            "blocks": [],
            "private_metadata": "",
            "callback_id": "",
            "hash": f"{int(time.time())}.{self._rng.randrange(10**8):08d}",
            "title": None,
            "clear_on_close": False,
            "notify_on_close": False,
            "close": None,
            "submit": None,
            "previous_view_id": None,
            "root_view_id": view_id,
            "app_id": self.api_app_id,
            "external_id": "",
            "app_installed_team_id": self.team_id,
            "bot_id": BOT_ID,
        }
        full.update(copy.deepcopy(view))
        if values is not None:
            full["state"] = {"values": copy.deepcopy(values)}
        else:
            full.setdefault("state", {"values": {}})
        return full

    async def view_submission(
        self,
        view: JsonDict,
        values: JsonDict | None = None,
        user_id: str = "U1",
        *,
        trigger_id: str | None = None,
        sign: SignMode = "valid",
        timestamp: int | None = None,
    ) -> Reply:
        """A ``view_submission`` of ``view`` with ``state.values = values``.

        ``values`` defaults to ``state_values(view, {})`` (initial values / nulls). An answer
        whose view Slack would refuse raises ``ValueError`` (with ``slack``: see ``SignedSender``).
        """
        if values is None:
            values = state_values(view, {})
        payload = self._interaction("view_submission", user_id, trigger_id)
        payload["view"] = self._full_view(view, values)
        payload["response_urls"] = []
        status, body = await self.post_payload(payload, sign=sign, timestamp=timestamp)
        shown = isinstance(body, dict) and body.get("response_action") in ("update", "push")
        if status == 200 and shown and isinstance(body, dict) and self.slack is not None:
            # Slack shows an error in the modal instead of a view it refuses
            problem = self.slack.view_problem(body.get("view"))
            if problem is not None:
                raise ValueError(f"Slack refuses the view answered: {problem}")
        return status, body

    async def view_closed(
        self,
        view: JsonDict,
        user_id: str = "U1",
        *,
        is_cleared: bool = False,
        sign: SignMode = "valid",
        timestamp: int | None = None,
    ) -> Reply:
        """A ``view_closed`` (sent when the modal has ``notify_on_close``)."""
        payload = self._interaction("view_closed", user_id, None)
        payload.pop("trigger_id")
        payload["view"] = self._full_view(view, None)
        payload["is_cleared"] = is_cleared
        return await self.post_payload(payload, sign=sign, timestamp=timestamp)

    async def block_action(
        self,
        action_id: str,
        value: Answer = None,
        user_id: str = "U1",
        channel_id: str | None = None,
        message_ts: str | None = None,
        message: JsonDict | None = None,
        block_id: str | None = None,
        view: JsonDict | None = None,
        container: JsonDict | None = None,
        *,
        action_type: str | None = None,
        selected_option: JsonDict | None = None,
        selected_user: str | None = None,
        trigger_id: str | None = None,
        response_url: str | None = None,
        values: JsonDict | None = None,
        sign: SignMode = "valid",
        timestamp: int | None = None,
    ) -> Reply:
        """A ``block_actions`` payload for a click/selection on a message or in a view.

        The element is looked up by ``action_id`` (and ``block_id`` when given) in
        ``message``/``view`` blocks to fill ``block_id``, ``type`` and the button text; for
        selects, ``value`` is the chosen option value (resolved to the option object) and for
        user pickers the user id. ``response_url`` replaces the one made up for messages (and is
        sent as given otherwise, e.g. for an ephemeral message's ``container``). ``values``:
        the view's ``state.values`` at the time (what the person had typed in it).
        """
        if message is not None and message_ts is None:
            message_ts = message.get("ts")
        source_blocks = (message or view or {}).get("blocks") or []
        found = _find_element(source_blocks, action_id, block_id)
        block, element = found if found is not None else ({}, {})
        block_id = block_id or block.get("block_id") or "".join(self._rng.choices("abcdef", k=5))
        action_type = action_type or element.get("type") or "button"
        action: JsonDict = {"action_id": action_id, "block_id": block_id, "type": action_type}
        if action_type == "button":
            action["text"] = copy.deepcopy(
                element.get("text") or {"type": "plain_text", "text": action_id, "emoji": True}
            )
            action["value"] = value if value is not None else element.get("value")
            if element.get("style"):
                action["style"] = element["style"]
        elif action_type in _SINGLE_OPTION or action_type == "overflow":
            if selected_option is None and value is not None:
                selected_option = _find_option(element, value) if element else None
                if selected_option is None:
                    text = {"type": "plain_text", "text": str(value), "emoji": True}
                    selected_option = {"text": text, "value": value}
            action["selected_option"] = selected_option
        elif action_type in _MULTI_OPTIONS:
            action["selected_options"] = [
                _find_option(element, v) if element else {"value": v} for v in _as_list(value)
            ]
        elif action_type == "users_select":
            action["selected_user"] = selected_user or value
        elif action_type in _SCALARS:
            action[_SCALARS[action_type][0]] = value
        elif action_type in _LISTS:
            action[_LISTS[action_type][0]] = _as_list(value)
        else:
            action["value"] = value
        if element.get("placeholder"):
            action["placeholder"] = copy.deepcopy(element["placeholder"])
        action["action_ts"] = f"{time.time():.6f}"

        payload = self._interaction("block_actions", user_id, trigger_id)
        if container is None:
            if view is not None:
                container = {"type": "view", "view_id": view.get("id")}
            else:
                container = {
                    "type": "message",
                    "message_ts": message_ts,
                    "channel_id": channel_id,
                    "is_ephemeral": False,
                }
        payload["container"] = container
        if view is not None:
            payload["view"] = self._full_view(view, values)
        if channel_id is not None:
            payload["channel"] = {"id": channel_id, "name": self._channel_name(channel_id)}
        if view is None and (message is not None or message_ts is not None):
            payload["message"] = copy.deepcopy(message) or {
                "type": "message",
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
                "text": "",
                "ts": message_ts,
            }
            payload["state"] = {"values": {}}
            payload["response_url"] = response_url or self.new_response_url(
                channel_id, message_ts, user_id
            )
        elif response_url is not None:
            payload["response_url"] = response_url
        payload["actions"] = [action]
        return await self.post_payload(payload, sign=sign, timestamp=timestamp)

    async def shortcut(
        self,
        callback_id: str,
        message: JsonDict | None = None,
        channel_id: str = "C0GENERAL",
        user_id: str = "U1",
        *,
        trigger_id: str | None = None,
        response_url: str | None = None,
        sign: SignMode = "valid",
        timestamp: int | None = None,
    ) -> Reply:
        """A message shortcut (``message_action``), or a global ``shortcut`` without message."""
        kind = "shortcut" if message is None else "message_action"
        payload = self._interaction(kind, user_id, trigger_id)
        payload["callback_id"] = callback_id
        payload["action_ts"] = f"{time.time():.6f}"
        if message is not None:
            payload["channel"] = {"id": channel_id, "name": self._channel_name(channel_id)}
            payload["message_ts"] = message.get("ts")
            payload["message"] = copy.deepcopy(message)
            payload["response_url"] = response_url or self.new_response_url(
                channel_id, message.get("ts"), user_id
            )
        return await self.post_payload(payload, sign=sign, timestamp=timestamp)
