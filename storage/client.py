"""The database handle: a real MongoDB server from ``MONGODB_URI``, or an in-memory store."""

from __future__ import annotations

import functools
import inspect
import logging
import re
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from bson.codec_options import DatetimeConversion
from bson.errors import BSONError
from pymongo.errors import (
    BulkWriteError,
    ConfigurationError,
    ConnectionFailure,
    CursorNotFound,
    DuplicateKeyError,
    OperationFailure,
    PyMongoError,
    ServerSelectionTimeoutError,
    WriteConcernError,
)
from pymongo.helpers_shared import _RETRYABLE_ERROR_CODES

from bot.domain.errors import ConfigError, StoreRejected, StoreUnavailable

log = logging.getLogger(__name__)

SERVER_TIMEOUT_MS = 3000

P = ParamSpec("P")
R = TypeVar("R")


DATETIMES = DatetimeConversion.DATETIME_AUTO
"""How the server's client decodes dates: a stored date out of Python's range (year 0 or
10000, written by another program or by hand) comes back as bson's ``DatetimeMS`` instead of
failing the whole read with ``InvalidBSON`` inside the driver; ``storage/decoding.py`` then
leaves that one document out of the reads that go document by document."""

TRANSIENT_LABELS = frozenset(
    {"RetryableWriteError", "TransientTransactionError", "RetryableError", "SystemOverloadedError"}
)
"""The labels the server or pymongo put on an error that trying again may mend (the labels
pymongo itself tests before retrying, ``pymongo/asynchronous/mongo_client.py``)."""

UNAUTHORIZED = 13
AUTHENTICATION_FAILED = 18
DEPLOYMENT_CODES = frozenset({UNAUTHORIZED, AUTHENTICATION_FAILED})
"""Server codes that concern how Guichet reaches its database, not what it asked (its user
lacks a role, its credentials are refused): every operation fails alike until an operator
mends it, like an outage. Not in pymongo's public lists (pymongo re-authenticates by itself on
``ReauthenticationRequired``, 391: what reaches us then is 18)."""

TRANSIENT_CODES = _RETRYABLE_ERROR_CODES | DEPLOYMENT_CODES
"""pymongo's own list of the codes a retryable write is retried on
(``pymongo.helpers_shared._RETRYABLE_ERROR_CODES``: not primary, node recovering or shutting
down, host unreachable, network timeout, time limit exceeded...), with the deployment's."""


def classified(error: PyMongoError | BSONError) -> StoreUnavailable:
    """The domain's error for a driver failure: ``StoreUnavailable`` when trying again later
    may mend it (no server, a network fault, a primary stepping down, a time limit, a write
    concern the replica set could not meet, a lost cursor, a label or a code saying so, a
    failure the driver gives no detail of), ``StoreRejected`` when the
    server (or the driver, before sending) refused this operation for what it asks or holds: a
    document too large or that cannot be encoded (bson's ``InvalidDocument``, pymongo's
    ``DocumentTooLarge``) or decoded (``InvalidBSON``), a ``WriteError`` or
    ``OperationFailure`` with any other code (validation, ``BadValue``, a type mismatch...)."""
    if isinstance(error, BSONError):
        return StoreRejected(f"{type(error).__name__}: {error}")
    if _transient(error):
        return StoreUnavailable(brief(error))
    return StoreRejected(f"{type(error).__name__}: {error}")


_TIMEOUTS = re.compile(r" \(configured timeouts: [^)]*\)")


def brief(error: PyMongoError) -> str:
    """What the driver says, without the topology it appends when no server answered (a few
    hundred characters of driver state on every line that logs it): ``db:27017: [Errno 111]
    Connection refused``, each server's reason kept."""
    text = str(error)
    if isinstance(error, ServerSelectionTimeoutError):
        text = text.split(", Timeout: ", 1)[0]
    return _TIMEOUTS.sub("", text)


def _transient(error: PyMongoError) -> bool:
    if isinstance(error, ConnectionFailure | CursorNotFound | WriteConcernError) or error.timeout:
        return True  # a write concern error: the replica set's, not the document's
    if isinstance(error, BulkWriteError) and (error.details or {}).get("writeConcernErrors"):
        return True
    if any(error.has_error_label(label) for label in TRANSIENT_LABELS):
        return True
    if not isinstance(error, OperationFailure):
        return True  # a closed client, a protocol or configuration fault: not one operation's
    return bool(_codes(error) & TRANSIENT_CODES)


def _codes(error: OperationFailure) -> set[int | None]:
    """The server codes ``error`` carries: its own, or each of a bulk write's errors'."""
    if not isinstance(error, BulkWriteError):
        return {error.code}
    details = error.details or {}
    failures = [*details.get("writeErrors", []), *details.get("writeConcernErrors", [])]
    return {failure.get("code") for failure in failures}


def store_errors(
    method: Callable[P, Coroutine[Any, Any, R]],
) -> Callable[P, Coroutine[Any, Any, R]]:
    """Turn driver failures into the domain's (``classified``) so callers can answer 'try
    again' or say that trying again will not help; a ``DuplicateKeyError`` goes through, for
    the repositories that expect it. (Typed with ``Coroutine``, what an ``async def`` gives,
    so a repository still fits the ports that declare ``async def`` methods.)"""

    @functools.wraps(method)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await method(*args, **kwargs)
        except DuplicateKeyError:
            raise
        except (PyMongoError, BSONError) as error:
            raise classified(error) from error

    return wrapper


@dataclass
class Database:
    """A motor database and whether what is written to it survives a restart."""

    handle: Any  # motor AsyncIOMotorDatabase or its mongomock-motor twin
    client: Any
    persistent: bool

    async def ping(self) -> bool:
        """True when the server answers."""
        return await self.unreachable() is None

    async def unreachable(self) -> str | None:
        """Why the server does not answer (``brief``); ``None`` when it does."""
        try:
            await self.handle.command("ping")
        except PyMongoError as error:
            return brief(error)
        return None

    def close(self) -> None:
        self.client.close()


def connect(
    uri: str | None,
    name: str,
    timeout_ms: int = SERVER_TIMEOUT_MS,
    listeners: Sequence[Any] = (),
) -> Database:
    """Open the database named ``name`` on ``uri``; in memory when ``uri`` is ``None``.

    ``timeout_ms`` bounds how long a request waits for an unreachable server before the user
    is told to try again (motor reconnects by itself once the server is back). ``listeners``:
    the driver's command listeners (a server only; ``storage/query_plans.py``). A ``uri``
    pymongo cannot read raises ``ConfigError`` naming ``MONGODB_URI``. The server's client
    decodes dates as ``DATETIMES`` says; the in-memory store reads the BSON it keeps the same
    way (``storage/memory_compact.py`` ``READ``), and mongomock's client is not given the
    option (it ignores it there, and refuses it in its own codec options)."""
    if uri:
        from motor.motor_asyncio import AsyncIOMotorClient

        try:
            client: Any = AsyncIOMotorClient(
                uri,
                tz_aware=True,
                datetime_conversion=DATETIMES,
                serverSelectionTimeoutMS=timeout_ms,
                connectTimeoutMS=timeout_ms,
                appname="guichet",
                event_listeners=list(listeners),
            )
        except (ConfigurationError, ValueError) as error:  # pymongo parses the URI here
            raise ConfigError(f"MONGODB_URI is not a MongoDB address: {error}") from None
        return Database(handle=client[name], client=client, persistent=True)
    try:
        from mongomock_motor import AsyncMongoMockClient

        from storage.memory import install_indexes
        from storage.memory_yields import install_yields
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise RuntimeError(
            "MONGODB_URI is not set and the in-memory store (mongomock-motor) is not installed"
        ) from error
    install_indexes()
    install_yields()
    client = AsyncMongoMockClient(tz_aware=True)
    return Database(handle=client[name], client=client, persistent=False)


async def aggregate(collection: Any, pipeline: list[dict[str, Any]], limit: int) -> list[Any]:
    """Run an aggregation pipeline; at most ``limit`` result documents.

    The one place ``aggregate`` is called: motor returns its cursor at once, PyMongo's
    ``AsyncMongoClient`` (motor's successor) returns an awaitable of it.
    """
    cursor = collection.aggregate(pipeline)
    if inspect.isawaitable(cursor):
        cursor = await cursor
    return list(await cursor.to_list(limit))
