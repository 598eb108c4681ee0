"""The in-memory store gives the event loop a turn after each operation, as MongoDB does.

On MongoDB (motor), every operation waits for the server, and the event loop serves other
requests meanwhile. mongomock-motor's ``async`` methods run to their end without ever
suspending, so work after the ack that runs twenty operations in a row (announcing a filed
ticket: triage, card, the requester's DM through the outbox) held the loop for all of them,
and a request arriving meanwhile waited for the whole job before it was even read: that was
most of the p99 of ``/ticket`` while the work of a burst of filings drained (``bench/load.py``;
asyncio's slow-callback report named ``AfterAck._work`` steps of 15 to 230 ms). After each
operation, and each cursor read to a list, the caller now yields once (``asyncio.sleep(0)``):
a request waits for one operation at most, not for a job.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from typing import Any

_YIELDING = "_guichet_yields"
CURSOR_READS = ("to_list",)


def _yielding(method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(method)
    async def operation(*args: Any, **kwargs: Any) -> Any:
        result = await method(*args, **kwargs)
        await asyncio.sleep(0)  # the loop's turn, as a round trip to a server would give it
        return result

    setattr(operation, _YIELDING, True)
    return operation


def install_yields() -> None:
    """Make mongomock-motor's collection operations and cursor reads yield once (idempotent)."""
    import mongomock_motor as motor_twin

    collection = motor_twin.AsyncMongoMockCollection
    for name in dir(collection):
        member = getattr(collection, name)
        if asyncio.iscoroutinefunction(member) and not getattr(member, _YIELDING, False):
            setattr(collection, name, _yielding(member))
    for cursor in (motor_twin.AsyncCursor, motor_twin.AsyncCommandCursor):
        for name in CURSOR_READS:
            member = getattr(cursor, name)
            if not getattr(member, _YIELDING, False):
                setattr(cursor, name, _yielding(member))
