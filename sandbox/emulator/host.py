"""What ``SlackEmulator`` gives the Web API families mixed into it, written down for the type
checker.

Each family (``chat``, ``views``, ``conversations``...) is a mixin that uses the state
``SlackEmulator.__init__`` sets up and helpers other mixins define (``store``'s ``_channel``,
``people``'s ``touch``...). ``EmulatorHost`` names them with their types, and every mixin derives
from ``HostBase``: to mypy that is this abstract base, so a mixin's use of ``self`` is checked
against it, each definition (in ``server`` or a mixin) against its declaration here, and
``SlackEmulator`` must define them all; at run time it is ``object``, so the emulator's classes
are what they were. (A ``Protocol`` would say the same, but mypy cannot then infer an attribute
a mixin assigns: "Cannot determine type".)
"""

from __future__ import annotations

import asyncio
import random
from abc import abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiohttp import web

    from sandbox.emulator.faults import FaultOutcome
    from sandbox.emulator.response_urls import _ResponseTarget
    from sandbox.emulator.state import JsonDict, RecordedCall, UploadedFile, _Channel, _Failure


class EmulatorHost:
    """The state and helpers the Web API families share, as ``SlackEmulator`` provides them."""

    host: str
    token: str
    socket_mode_url: str | None
    calls: list[RecordedCall]
    _version: int
    _change: asyncio.Event
    _condition: asyncio.Condition | None
    _ts_clock: Callable[[], float] | None
    _last_ts_micros: int
    _ts_counter: int
    _id_counter: int
    _rng: random.Random
    _latency: float
    _failures: dict[str, list[_Failure]]
    _random_limits: dict[str, tuple[float, int]]
    _limit_rng: random.Random
    _modals: dict[str, list[str]]
    _response_targets: dict[str, _ResponseTarget]
    _users: dict[str, JsonDict]
    _channels: dict[str, _Channel]
    _messages: dict[str, list[JsonDict]]
    _ephemerals: list[JsonDict]
    _views: dict[str, JsonDict]
    _home_views: dict[str, JsonDict]
    _files: dict[str, UploadedFile]
    _usergroups: dict[str, JsonDict]

    @property
    @abstractmethod
    def port(self) -> int: ...

    @abstractmethod
    async def _record(self, call: RecordedCall) -> None: ...

    # people
    @abstractmethod
    def touch(self) -> None: ...

    # faults
    @abstractmethod
    def _fault_for(self, method: str, args: JsonDict) -> FaultOutcome | None: ...

    @abstractmethod
    async def _after_fault(self, request: web.Request, outcome: FaultOutcome) -> None: ...

    # scenario
    @abstractmethod
    def dm_channel_id(self, user_id: str) -> str: ...

    # triggers
    @abstractmethod
    def _exchange_trigger(self, args: JsonDict) -> str: ...

    # store
    @abstractmethod
    def _next_ts(self) -> str: ...

    @abstractmethod
    def _new_id(self, prefix: str) -> str: ...

    @abstractmethod
    def _short_id(self) -> str: ...

    @abstractmethod
    def _find_message(self, channel_id: str, ts: str) -> JsonDict | None: ...

    @abstractmethod
    def _store_message(self, channel_id: str, message: JsonDict, thread_ts: str | None) -> None: ...

    @abstractmethod
    def _channel(self, channel_id: Any) -> _Channel: ...

    @abstractmethod
    def _postable_channel(self, channel_id: Any) -> _Channel: ...

    @abstractmethod
    def _open_dm(self, users: list[str]) -> _Channel: ...

    @abstractmethod
    def _user(self, user_id: Any) -> JsonDict: ...

    @staticmethod
    @abstractmethod
    def _paginate(
        items: list[Any], args: JsonDict, default_limit: int
    ) -> tuple[list[Any], str]: ...

    @abstractmethod
    def _check_message_blocks(self, args: JsonDict) -> list[JsonDict] | None: ...

    @abstractmethod
    def _check_view(self, args: JsonDict) -> JsonDict: ...

    @abstractmethod
    def _build_view(
        self, source: JsonDict, *, view_id: str, root_view_id: str | None
    ) -> JsonDict: ...

    @abstractmethod
    def _message_args(self, args: JsonDict) -> tuple[str, list[JsonDict] | None]: ...


if TYPE_CHECKING:
    HostBase = EmulatorHost
else:
    HostBase = object
