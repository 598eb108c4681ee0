"""Send requests to the bot exactly as Slack does: signed, form-encoded or JSON.

Every sending method returns ``(status, body)``; ``body`` is a dict when the bot answers JSON,
else the text. Pass ``sign="bad" | "none" | "stale"`` (or an explicit ``timestamp=``) to test the
bot's request verification.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import random
import string
import time
from types import TracebackType
from typing import Any, Literal
from urllib.parse import urlencode

import aiohttp

JsonDict = dict[str, Any]
Answer = str | int | list[str] | JsonDict | None
SignMode = Literal["valid", "bad", "none", "stale"]
Reply = tuple[int, JsonDict | str]

TEAM_ID = "T0001"
TEAM_DOMAIN = "guichet-test"
APP_ID = "A0001"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
VERIFICATION_TOKEN = "legacy-verification-token"
STALE_SECONDS = 10 * 60
"""Age of the timestamp sent with ``sign="stale"`` (Slack/Bolt refuse more than 5 minutes)."""

_TEXT_INPUTS = {"plain_text_input", "number_input", "email_text_input", "url_text_input"}
_SINGLE_OPTION = {"static_select", "external_select", "radio_buttons"}
_MULTI_OPTIONS = {"multi_static_select", "multi_external_select", "checkboxes"}
_SCALARS = {
    # element type: (state key, initial key)
    "users_select": ("selected_user", "initial_user"),
    "conversations_select": ("selected_conversation", "initial_conversation"),
    "channels_select": ("selected_channel", "initial_channel"),
    "datepicker": ("selected_date", "initial_date"),
    "timepicker": ("selected_time", "initial_time"),
    "datetimepicker": ("selected_date_time", "initial_date_time"),
}
_LISTS = {
    "multi_users_select": ("selected_users", "initial_users"),
    "multi_conversations_select": ("selected_conversations", "initial_conversations"),
    "multi_channels_select": ("selected_channels", "initial_channels"),
}
_STATEFUL = (
    _TEXT_INPUTS
    | _SINGLE_OPTION
    | _MULTI_OPTIONS
    | set(_SCALARS)
    | set(_LISTS)
    | {"rich_text_input", "file_input"}
)


def _options(element: JsonDict) -> list[JsonDict]:
    found = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        found.extend(group.get("options") or [])
    return found


def _find_option(element: JsonDict, value: Any) -> JsonDict:
    """The option object of ``element`` whose value is ``value`` (built for external selects)."""
    if isinstance(value, dict):
        return copy.deepcopy(value)
    if element.get("type") in ("external_select", "multi_external_select"):
        return {"text": {"type": "plain_text", "text": str(value), "emoji": True}, "value": value}
    options = _options(element)
    for option in options:
        if option.get("value") == value:
            return copy.deepcopy(option)
    raise ValueError(
        f"{value!r} is not an option of {element.get('action_id')!r}; "
        f"choose among {[o.get('value') for o in options]}"
    )


def _as_list(answer: Answer) -> list[Any]:
    if answer is None:
        return []
    return list(answer) if isinstance(answer, list | tuple) else [answer]


def _rich_text(text: str) -> JsonDict:
    return {
        "type": "rich_text",
        "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}],
    }


def element_state(element: JsonDict, answer: Answer = None, *, answered: bool = True) -> JsonDict:
    """The ``state.values[block_id][action_id]`` entry Slack sends for one element.

    When ``answered`` is false, the element's initial value (or Slack's null) is used.
    """
    etype = element.get("type")
    state: JsonDict = {"type": etype}
    if etype in _TEXT_INPUTS:
        value = answer if answered else element.get("initial_value")
        state["value"] = None if value is None else str(value)
    elif etype == "rich_text_input":
        if answered:
            state["rich_text_value"] = None if answer is None else _rich_text(str(answer))
        else:
            state["rich_text_value"] = copy.deepcopy(element.get("initial_value"))
    elif etype in _SINGLE_OPTION:
        if answered:
            state["selected_option"] = None if answer is None else _find_option(element, answer)
        else:
            state["selected_option"] = copy.deepcopy(element.get("initial_option"))
    elif etype in _MULTI_OPTIONS:
        if answered:
            state["selected_options"] = [_find_option(element, a) for a in _as_list(answer)]
        else:
            state["selected_options"] = copy.deepcopy(element.get("initial_options") or [])
    elif etype in _SCALARS:
        key, initial = _SCALARS[etype]
        state[key] = answer if answered else element.get(initial)
    elif etype in _LISTS:
        key, initial = _LISTS[etype]
        state[key] = _as_list(answer) if answered else list(element.get(initial) or [])
    elif etype == "file_input":
        state["files"] = _as_list(answer) if answered else []
    else:
        raise ValueError(f"element type {etype!r} has no state")
    return state


def state_values(view: JsonDict, answers: dict[str, Answer]) -> JsonDict:
    """Build the ``view.state.values`` Slack sends for ``view`` filled with ``answers``.

    ``answers`` is keyed by block_id (or by action_id); values are the typed text, the chosen
    option value(s), user id(s), ... Unanswered input blocks get their initial value or null.
    For an actions block holding several inputs, the answer is a dict keyed by action_id.
    """
    remaining = dict(answers)
    values: JsonDict = {}
    for index, block in enumerate(view.get("blocks") or []):
        btype = block.get("type")
        if btype == "input":
            elements = [block.get("element") or {}]
        elif btype == "actions":
            elements = [e for e in block.get("elements") or [] if e.get("type") in _STATEFUL]
        elif btype == "section" and (block.get("accessory") or {}).get("type") in _STATEFUL:
            elements = [block["accessory"]]
        else:
            continue
        block_id = block.get("block_id")
        if not block_id:
            raise ValueError(
                f"block {index} has no block_id; pass the view as the emulator returned it "
                "(Slack generates missing block_ids)"
            )
        block_values: JsonDict = {}
        for element in elements:
            action_id = element.get("action_id")
            if not action_id:
                raise ValueError(f"element of block {block_id!r} has no action_id")
            answered, answer = False, None
            if block_id in remaining:
                answered, answer = True, remaining[block_id]
                if isinstance(answer, dict) and "value" not in answer:
                    answered = action_id in answer
                    answer = answer.get(action_id)
            elif action_id in remaining:
                answered, answer = True, remaining.pop(action_id)
            if btype != "input" and not answered and not _has_initial(element):
                continue
            block_values[action_id] = element_state(element, answer, answered=answered)
        remaining.pop(block_id, None)
        if block_values:
            values[block_id] = block_values
    if remaining:
        known = [b.get("block_id") for b in view.get("blocks") or []]
        raise ValueError(f"answers for unknown blocks {sorted(remaining)}; blocks: {known}")
    return values


def _has_initial(element: JsonDict) -> bool:
    return any(k.startswith("initial_") for k in element)


def _find_element(
    blocks: list[JsonDict], action_id: str, block_id: str | None = None
) -> tuple[JsonDict, JsonDict] | None:
    """The block and element with ``action_id`` (in the block ``block_id`` when given: several
    blocks may hold elements with the same action id, e.g. one "claim" button per ticket)."""
    if block_id is not None:
        same_block = [b for b in blocks if b.get("block_id") == block_id]
        found = _find_element(same_block, action_id)
        if found is not None:
            return found
    for block in blocks:
        candidates: list[JsonDict] = []
        for key in ("element", "accessory"):
            if isinstance(block.get(key), dict):
                candidates.append(block[key])
        candidates.extend(e for e in block.get("elements") or [] if isinstance(e, dict))
        for element in candidates:
            if element.get("action_id") == action_id:
                return block, element
    return None


class SlackRequests:
    """Posts signed Slack requests (commands, interactions, events) to the bot."""

    def __init__(
        self,
        bot_base_url: str,
        signing_secret: str,
        *,
        path: str = "/slack/events",
        response_url_base: str | None = None,
        team_id: str = TEAM_ID,
        team_domain: str = TEAM_DOMAIN,
        api_app_id: str = APP_ID,
        verification_token: str = VERIFICATION_TOKEN,
    ) -> None:
        self.url = bot_base_url.rstrip("/") + "/" + path.lstrip("/")
        self.signing_secret = signing_secret
        self.response_url_base = response_url_base
        self.team_id = team_id
        self.team_domain = team_domain
        self.api_app_id = api_app_id
        self.verification_token = verification_token
        self._session: aiohttp.ClientSession | None = None
        self._rng = random.Random()

    async def __aenter__(self) -> SlackRequests:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    # ------------------------------------------------------------------ low level

    def signature(self, body: str, timestamp: int | str) -> str:
        """``v0=`` + HMAC-SHA256 of ``v0:{timestamp}:{body}``, as Slack computes it."""
        base = f"v0:{timestamp}:{body}".encode()
        digest = hmac.new(self.signing_secret.encode(), base, hashlib.sha256).hexdigest()
        return f"v0={digest}"

    def new_trigger_id(self) -> str:
        """A fresh trigger_id shaped like Slack's."""
        hexa = "".join(self._rng.choices("0123456789abcdef", k=32))
        return f"{self._rng.randrange(10**12, 10**13)}.{self._rng.randrange(10**9, 10**10)}.{hexa}"

    def new_response_url(self, channel_id: str | None, message_ts: str | None = None) -> str:
        """A response_url; served by the emulator when ``response_url_base`` is set."""
        nonce = "".join(self._rng.choices(string.ascii_letters + string.digits, k=24))
        if self.response_url_base:
            base = self.response_url_base.rstrip("/")
            return f"{base}/{channel_id or '_'}/{message_ts or '_'}/{nonce}"
        return (
            f"https://hooks.slack.com/actions/{self.team_id}/{self._rng.randrange(10**12)}/{nonce}"
        )

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        sign: SignMode = "valid",
        timestamp: int | None = None,
    ) -> Reply:
        """Post a raw body, signed according to ``sign``."""
        if timestamp is None:
            timestamp = int(time.time()) - (STALE_SECONDS if sign == "stale" else 0)
        sent = {"Content-Type": content_type, **(headers or {})}
        if sign != "none":
            sent["X-Slack-Request-Timestamp"] = str(timestamp)
            signature = self.signature(body, timestamp)
            if sign == "bad":
                signature = self.signature(body + "tampered", timestamp)
            sent["X-Slack-Signature"] = signature
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        async with self._session.post(self.url, data=body.encode(), headers=sent) as resp:
            text = await resp.text()
            if resp.content_type == "application/json" and text:
                return resp.status, json.loads(text)
            return resp.status, text

    async def post_form(
        self, fields: dict[str, str], *, sign: SignMode = "valid", timestamp: int | None = None
    ) -> Reply:
        """Post form-urlencoded fields."""
        body = urlencode(fields)
        return await self.post(
            body, "application/x-www-form-urlencoded", sign=sign, timestamp=timestamp
        )

    async def post_payload(
        self, payload: JsonDict, *, sign: SignMode = "valid", timestamp: int | None = None
    ) -> Reply:
        """Post an interactivity payload as the ``payload=`` form field."""
        compact = json.dumps(payload, separators=(",", ":"))
        return await self.post_form({"payload": compact}, sign=sign, timestamp=timestamp)

    async def post_json(
        self,
        data: JsonDict,
        *,
        headers: dict[str, str] | None = None,
        sign: SignMode = "valid",
        timestamp: int | None = None,
    ) -> Reply:
        """Post a JSON body (Events API)."""
        body = json.dumps(data, separators=(",", ":"))
        return await self.post(
            body, "application/json", headers=headers, sign=sign, timestamp=timestamp
        )

    # ------------------------------------------------------------------ payload pieces

    def _team(self) -> JsonDict:
        return {"id": self.team_id, "domain": self.team_domain}

    def _user(self, user_id: str) -> JsonDict:
        name = user_id.lower()
        return {"id": user_id, "username": name, "name": name, "team_id": self.team_id}

    @staticmethod
    def _channel_name(channel_id: str) -> str:
        if channel_id == "C0GENERAL":
            return "general"
        if channel_id.startswith("D"):
            return "directmessage"
        return channel_id.lower()

    def _interaction(self, kind: str, user_id: str, trigger_id: str | None) -> JsonDict:
        return {
            "type": kind,
            "team": self._team(),
            "user": self._user(user_id),
            "api_app_id": self.api_app_id,
            "token": self.verification_token,
            "trigger_id": trigger_id or self.new_trigger_id(),
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

    # ------------------------------------------------------------------ Slack requests

    async def command(
        self,
        text: str,
        user_id: str = "U1",
        channel_id: str = "C0GENERAL",
        command: str = "/ticket",
        trigger_id: str | None = None,
        locale: str | None = None,
        *,
        channel_name: str | None = None,
        response_url: str | None = None,
        sign: SignMode = "valid",
        timestamp: int | None = None,
    ) -> Reply:
        """A slash command, form-urlencoded like Slack's (``response_url`` defaults to a new
        one; see ``new_response_url``)."""
        fields = {
            "token": self.verification_token,
            "team_id": self.team_id,
            "team_domain": self.team_domain,
            "channel_id": channel_id,
            "channel_name": channel_name or self._channel_name(channel_id),
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": command,
            "text": text,
            "api_app_id": self.api_app_id,
            "is_enterprise_install": "false",
            "response_url": response_url
            or self.new_response_url(channel_id).replace("/actions/", "/commands/"),
            "trigger_id": trigger_id or self.new_trigger_id(),
        }
        if locale is not None:
            fields["locale"] = locale
        return await self.post_form(fields, sign=sign, timestamp=timestamp)

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

        ``values`` defaults to ``state_values(view, {})`` (initial values / nulls).
        """
        if values is None:
            values = state_values(view, {})
        payload = self._interaction("view_submission", user_id, trigger_id)
        payload["view"] = self._full_view(view, values)
        payload["response_urls"] = []
        return await self.post_payload(payload, sign=sign, timestamp=timestamp)

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
        sign: SignMode = "valid",
        timestamp: int | None = None,
    ) -> Reply:
        """A ``block_actions`` payload for a click/selection on a message or in a view.

        The element is looked up by ``action_id`` (and ``block_id`` when given) in
        ``message``/``view`` blocks to fill ``block_id``, ``type`` and the button text; for
        selects, ``value`` is the chosen option value (resolved to the option object) and for
        user pickers the user id. ``response_url`` replaces the one made up for messages (and is
        sent as given otherwise, e.g. for an ephemeral message's ``container``).
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
            payload["view"] = self._full_view(view, None)
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
            payload["response_url"] = response_url or self.new_response_url(channel_id, message_ts)
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
                channel_id, message.get("ts")
            )
        return await self.post_payload(payload, sign=sign, timestamp=timestamp)

    async def event(
        self,
        event: JsonDict,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str | None = None,
        *,
        sign: SignMode = "valid",
        timestamp: int | None = None,
    ) -> Reply:
        """An Events API ``event_callback`` envelope around ``event``."""
        now = time.time()
        event = copy.deepcopy(event)
        event.setdefault("event_ts", f"{now:.6f}")
        envelope: JsonDict = {
            "token": self.verification_token,
            "team_id": self.team_id,
            "context_team_id": self.team_id,
            "context_enterprise_id": None,
            "api_app_id": self.api_app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or "Ev" + "".join(self._rng.choices(string.ascii_uppercase, k=9)),
            "event_time": int(now),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": "4-" + "".join(self._rng.choices(string.ascii_letters, k=24)),
        }
        headers: dict[str, str] = {}
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = retry_reason or "http_timeout"
        elif retry_reason is not None:
            headers["X-Slack-Retry-Reason"] = retry_reason
        return await self.post_json(envelope, headers=headers, sign=sign, timestamp=timestamp)

    async def url_verification(
        self, challenge: str, *, sign: SignMode = "valid", timestamp: int | None = None
    ) -> Reply:
        """The Events API ``url_verification`` handshake."""
        data = {
            "token": self.verification_token,
            "challenge": challenge,
            "type": "url_verification",
        }
        return await self.post_json(data, sign=sign, timestamp=timestamp)

    state_values = staticmethod(state_values)
