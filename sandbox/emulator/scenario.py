"""Setting up the emulator's workspace and failures, and inspecting what the bot did:
users, channels, messages, latency, injected failures and rate limits, recorded calls."""

from __future__ import annotations

import asyncio
import copy
import random
from collections.abc import Sequence

from sandbox.emulator.host import HostBase
from sandbox.emulator.state import (
    BOT_ID,
    BOT_USER_ID,
    DEFAULT_USER_ID,
    TEAM_ID,
    JsonDict,
    RecordedCall,
    UploadedFile,
    _Channel,
    _Failure,
    _Refusal,
)


class ScenarioMixin(HostBase):
    """Configuration and inspection methods of ``SlackEmulator``."""

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

    def stop_failing(self, method: str) -> None:
        """Forget the failures ``fail_next`` left for ``method`` (Slack works again)."""
        self._failures.pop(method, None)

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
        timeout: float = 20.0,  # noqa: ASYNC109 - the documented API; as tests.e2e eventually()
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
