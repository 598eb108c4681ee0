"""Fault injection: the emulator failing the way Slack and networks fail, per method and channel.

What a test (or the soak bench) can ask for, each for the next ``times`` matching calls, or for a
share of them (``probability``, reproducible from a seed):

- ``server_error``: HTTP 5xx (``503`` by default), nothing done;
- ``rate_limited``: HTTP 429 with ``Retry-After``, nothing done;
- ``slow``: the answer comes after ``seconds`` (past the client's timeout), the work *done*
  (Slack often finishes what a timed-out client gave up on);
- ``answer_lost``: the work is done, then the connection is dropped before any answer: the client
  sees a reset connection and cannot know whether the message was posted;
- ``server_error(done=True)``: the work is done, then HTTP 5xx is answered (an edge that gave
  up waiting while the work went on): the client is told it failed, though it did not.

A fault may be limited to one ``channel`` (the ``channel`` argument of the call), and to the
replies in one thread (``thread_ts``: ``None`` any message, ``""`` only top-level ones) and to
the calls whose ``text`` holds a fragment (``containing``). The methods
that keep the emulator's ``fail_next`` and ``rate_limit_randomly`` answer as before; these are
checked first.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from enum import StrEnum

from aiohttp import web

from sandbox.emulator.state import JsonDict


class FaultKind(StrEnum):
    SERVER_ERROR = "server_error"
    RATE_LIMITED = "rate_limited"
    SLOW = "slow"
    ANSWER_LOST = "answer_lost"
    ERROR_AFTER_WORK = "error_after_work"


@dataclass
class Fault:
    """One kind of failure waiting for calls to ``method`` (in ``channel`` when given)."""

    kind: FaultKind
    method: str
    channel: str | None = None
    times: int | None = 1  # None: for every matching call (with ``probability``)
    probability: float = 1.0
    status: int = 503
    retry_after: int = 1
    seconds: float = 0.0
    thread_ts: str | None = None  # "": only calls outside any thread
    containing: str | None = None  # only calls whose ``text`` holds this

    def matches(self, method: str, args: JsonDict) -> bool:
        if method != self.method or self.times == 0:
            return False
        if self.thread_ts is not None and str(args.get("thread_ts") or "") != self.thread_ts:
            return False
        if self.containing is not None and self.containing not in str(args.get("text") or ""):
            return False
        return self.channel is None or args.get("channel") == self.channel


@dataclass
class FaultOutcome:
    """What a fault does to one call: the answer to give instead (``None``: answer as usual,
    after ``delay``), and whether the connection is dropped once the work is done."""

    kind: FaultKind
    status: int = 200
    body: JsonDict | None = None
    headers: dict[str, str] | None = None
    delay: float = 0.0
    drop: bool = False
    after_work: bool = False  # ``status`` and ``body`` replace the answer once the work is done


class FaultsMixin:
    """Injected failures of ``SlackEmulator``, per method and channel."""

    _faults: list[Fault]
    _fault_rng: random.Random

    def _init_faults(self) -> None:
        self._faults = []
        self._fault_rng = random.Random(0)

    def inject(self, fault: Fault, *, seed: int | None = None) -> Fault:
        """Add ``fault`` (checked in the order added); ``seed`` makes its ``probability``
        reproducible. Returns it (``clear_faults`` removes them all)."""
        if seed is not None:
            self._fault_rng = random.Random(seed)
        self._faults.append(fault)
        return fault

    def server_error(
        self,
        method: str,
        *,
        channel: str | None = None,
        status: int = 503,
        times: int = 1,
        done: bool = False,
    ) -> Fault:
        """The next ``times`` calls answer HTTP ``status`` (5xx); nothing is done, unless
        ``done``: the work is done, and the 5xx answered all the same."""
        if not 500 <= status <= 599:
            raise ValueError("a server error is a 5xx status")
        kind = FaultKind.ERROR_AFTER_WORK if done else FaultKind.SERVER_ERROR
        return self.inject(Fault(kind, method, channel, times, status=status))

    def rate_limited(
        self, method: str, *, channel: str | None = None, retry_after: int = 1, times: int = 1
    ) -> Fault:
        """The next ``times`` calls answer HTTP 429 with ``Retry-After: retry_after``."""
        return self.inject(
            Fault(FaultKind.RATE_LIMITED, method, channel, times, retry_after=retry_after)
        )

    def slow(
        self, method: str, seconds: float, *, channel: str | None = None, times: int = 1
    ) -> Fault:
        """The next ``times`` calls are done, but answered only after ``seconds``."""
        return self.inject(Fault(FaultKind.SLOW, method, channel, times, seconds=seconds))

    def answer_lost(
        self,
        method: str,
        *,
        channel: str | None = None,
        times: int = 1,
        thread_ts: str | None = None,
        containing: str | None = None,
    ) -> Fault:
        """The next ``times`` calls are done, then their connection drops with no answer
        (``thread_ts``: only the replies in that thread, ``""`` only top-level posts;
        ``containing``: only the calls whose text holds it)."""
        fault = Fault(FaultKind.ANSWER_LOST, method, channel, times, thread_ts=thread_ts)
        fault.containing = containing
        return self.inject(fault)

    def clear_faults(self) -> None:
        self._faults.clear()

    def _fault_for(self, method: str, args: JsonDict) -> FaultOutcome | None:
        """The fault this call meets, if any (spending one of its ``times``)."""
        for fault in self._faults:
            if not fault.matches(method, args):
                continue
            if fault.probability < 1.0 and self._fault_rng.random() >= fault.probability:
                continue
            if fault.times is not None:
                fault.times -= 1
            return _outcome(fault)
        return None

    async def _after_fault(self, request: web.Request, outcome: FaultOutcome) -> None:
        """After the work of a call that met a fault: answer late, or drop the connection."""
        if outcome.delay:
            await asyncio.sleep(outcome.delay)
        if outcome.drop and request.transport is not None:
            request.transport.abort()  # the client sees a reset connection, no answer


def _outcome(fault: Fault) -> FaultOutcome:
    if fault.kind in (FaultKind.SERVER_ERROR, FaultKind.ERROR_AFTER_WORK):
        body = {"ok": False, "error": "service_unavailable" if fault.status == 503 else "fatal"}
        after_work = fault.kind is FaultKind.ERROR_AFTER_WORK
        return FaultOutcome(fault.kind, fault.status, body, after_work=after_work)
    if fault.kind is FaultKind.RATE_LIMITED:
        body = {"ok": False, "error": "ratelimited"}
        return FaultOutcome(fault.kind, 429, body, {"Retry-After": str(fault.retry_after)})
    if fault.kind is FaultKind.SLOW:
        return FaultOutcome(fault.kind, delay=fault.seconds)
    return FaultOutcome(fault.kind, drop=True)
