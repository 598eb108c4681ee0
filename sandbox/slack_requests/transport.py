"""Signing and posting: the part of every Slack request that is the same whatever its kind.

Every sending method returns ``(status, body)``; ``body`` is a dict when the bot answers JSON,
else the text. Pass ``sign="bad" | "none" | "stale"`` (or an explicit ``timestamp=``) to test the
bot's request verification.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import string
import time
from types import TracebackType
from typing import Literal, Protocol, Self
from urllib.parse import urlencode

import aiohttp

from sandbox.slack_requests.state import JsonDict

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


class SlackSide(Protocol):
    """What Slack's side does around a request (``SlackEmulator`` does it)."""

    def issue_trigger(self, user_id: str) -> str:
        """A new trigger id for ``user_id``'s gesture."""
        ...

    def view_problem(self, view: object) -> str | None:
        """Why Slack would refuse to show ``view`` (whatever was answered); None when it shows
        it."""
        ...

    def response_url(
        self,
        channel_id: str | None = None,
        message_ts: str | None = None,
        *,
        user_id: str | None = None,
    ) -> str:
        """The ``response_url`` of ``user_id``'s interaction (what is posted to it shows to
        that person, as Slack shows it)."""
        ...


class SignedSender:
    """Holds the workspace identity and posts bodies signed as Slack signs them."""

    def __init__(
        self,
        bot_base_url: str,
        signing_secret: str,
        *,
        path: str = "/slack/events",
        team_id: str = TEAM_ID,
        team_domain: str = TEAM_DOMAIN,
        api_app_id: str = APP_ID,
        verification_token: str = VERIFICATION_TOKEN,
        slack: SlackSide | None = None,
    ) -> None:
        """``slack`` (the ``SlackEmulator``) issues the trigger id and the ``response_url`` sent
        with a person's command or interaction, so that it takes them back like Slack (a trigger
        once, within 3 s; a response_url 5 times in 30 minutes, shown to that person), and checks
        the views the bot answers a submission with; without it, both are made up."""
        self.url = bot_base_url.rstrip("/") + "/" + path.lstrip("/")
        self.signing_secret = signing_secret
        self.team_id = team_id
        self.team_domain = team_domain
        self.api_app_id = api_app_id
        self.verification_token = verification_token
        self._session: aiohttp.ClientSession | None = None
        self._rng = random.Random()
        self.slack = slack

    async def __aenter__(self) -> Self:
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

    def signature(self, body: str | bytes, timestamp: int | str) -> str:
        """``v0=`` + HMAC-SHA256 of ``v0:{timestamp}:{body}``, as Slack computes it."""
        raw = body if isinstance(body, bytes) else body.encode()
        base = f"v0:{timestamp}:".encode() + raw
        digest = hmac.new(self.signing_secret.encode(), base, hashlib.sha256).hexdigest()
        return f"v0={digest}"

    def new_trigger_id(self, user_id: str | None = None) -> str:
        """A fresh trigger_id shaped like Slack's, for ``user_id``'s gesture (issued by
        ``triggers`` when given)."""
        if self.slack is not None and user_id is not None:
            return self.slack.issue_trigger(user_id)
        hexa = "".join(self._rng.choices("0123456789abcdef", k=32))
        return f"{self._rng.randrange(10**12, 10**13)}.{self._rng.randrange(10**9, 10**10)}.{hexa}"

    def new_response_url(
        self, channel_id: str | None, message_ts: str | None = None, user_id: str | None = None
    ) -> str:
        """The ``response_url`` of ``user_id``'s interaction in ``channel_id`` (on the message
        ``message_ts``): issued by ``slack`` (the emulator, which then shows what is posted to
        it to that person, as Slack does), else one shaped like Slack's."""
        if self.slack is not None:
            return self.slack.response_url(channel_id, message_ts, user_id=user_id)
        nonce = "".join(self._rng.choices(string.ascii_letters + string.digits, k=24))
        return (
            f"https://hooks.slack.com/actions/{self.team_id}/{self._rng.randrange(10**12)}/{nonce}"
        )

    async def post(
        self,
        body: str | bytes,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        sign: SignMode = "valid",
        timestamp: int | None = None,
    ) -> Reply:
        """Post a raw body (text, or bytes that need not be UTF-8), signed per ``sign``."""
        if timestamp is None:
            timestamp = int(time.time()) - (STALE_SECONDS if sign == "stale" else 0)
        sent = {"Content-Type": content_type, **(headers or {})}
        if sign != "none":
            sent["X-Slack-Request-Timestamp"] = str(timestamp)
            signature = self.signature(body, timestamp)
            if sign == "bad":
                tampered = body + b"tampered" if isinstance(body, bytes) else body + "tampered"
                signature = self.signature(tampered, timestamp)
            sent["X-Slack-Signature"] = signature
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        data = body if isinstance(body, bytes) else body.encode()
        async with self._session.post(self.url, data=data, headers=sent) as resp:
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
