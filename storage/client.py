"""The database handle: a real MongoDB server from ``MONGODB_URI``, or an in-memory store."""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from pymongo.errors import ConfigurationError, DuplicateKeyError, PyMongoError

from bot.domain.errors import ConfigError, StoreUnavailable

log = logging.getLogger(__name__)

SERVER_TIMEOUT_MS = 3000

P = ParamSpec("P")
R = TypeVar("R")


def store_errors(
    method: Callable[P, Coroutine[Any, Any, R]],
) -> Callable[P, Coroutine[Any, Any, R]]:
    """Turn driver failures into ``StoreUnavailable`` so callers can answer 'try again'. (Typed
    with ``Coroutine``, what an ``async def`` gives, so a repository still fits the ports that
    declare ``async def`` methods.)"""

    @functools.wraps(method)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await method(*args, **kwargs)
        except DuplicateKeyError:
            raise
        except PyMongoError as error:
            raise StoreUnavailable(str(error)) from error

    return wrapper


@dataclass
class Database:
    """A motor database and whether what is written to it survives a restart."""

    handle: Any  # motor AsyncIOMotorDatabase or its mongomock-motor twin
    client: Any
    persistent: bool

    async def ping(self) -> bool:
        """True when the server answers."""
        try:
            await self.handle.command("ping")
        except PyMongoError:
            return False
        return True

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
    pymongo cannot read raises ``ConfigError`` naming ``MONGODB_URI``."""
    if uri:
        from motor.motor_asyncio import AsyncIOMotorClient

        try:
            client: Any = AsyncIOMotorClient(
                uri,
                tz_aware=True,
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
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise RuntimeError(
            "MONGODB_URI is not set and the in-memory store (mongomock-motor) is not installed"
        ) from error
    install_indexes()
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
