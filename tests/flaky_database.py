"""A database that goes down and comes back on command, for testing what the bot does when
MongoDB does not answer. It wraps the in-memory store: while ``down`` (or for the operations
named in ``failing``) every driver call raises the error motor raises when no server answers.
``refuse`` makes the server refuse chosen calls instead (a document failing validation, too
large...): it is given each call and returns the error to raise, or ``None``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pymongo.errors import ServerSelectionTimeoutError

from storage.client import Database, connect


@dataclass(frozen=True)
class Call:
    """One driver call: its collection, its operation and its arguments (``args[0]``: the
    filter of a find or an update, the document of an insert)."""

    collection: str
    operation: str
    args: tuple[Any, ...]

    def about(self, document_id: str) -> bool:
        """Whether the call's filter or document is the document ``document_id``'s."""
        first = self.args[0] if self.args else None
        return isinstance(first, dict) and first.get("_id") == document_id


@dataclass
class Switch:
    down: bool = False
    failing: set[str] = field(default_factory=set)
    """Operation names (``insert_one``, ``find_one_and_update``...) that fail even when up."""
    refused: int = 0
    calls: list[tuple[str, str]] = field(default_factory=list)
    """Every driver call made, as ``(collection, operation)`` (``command``: the database's)."""
    refuse: Callable[[Call], Exception | None] | None = None
    """The error the server answers a call with, when it refuses it (``None``: it does not)."""

    def check(self, operation: str, collection: str = "", args: tuple[Any, ...] = ()) -> None:
        self.calls.append((collection, operation))
        refused = self.refuse(Call(collection, operation, args)) if self.refuse else None
        if refused is not None:
            raise refused
        if self.down or operation in self.failing:
            self.refused += 1
            raise ServerSelectionTimeoutError(
                f"127.0.0.1:27017: [Errno 111] Connection refused ({operation})"
            )


class _FlakyCollection:
    def __init__(self, inner: Any, switch: Switch, name: str) -> None:
        self._inner = inner
        self._switch = switch
        self._name = name

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if not callable(attribute):
            return attribute

        def call(*args: Any, **kwargs: Any) -> Any:
            self._switch.check(name, self._name, args)
            return attribute(*args, **kwargs)

        return call


class _FlakyHandle:
    def __init__(self, inner: Any, switch: Switch) -> None:
        self._inner = inner
        self._switch = switch
        self.name = inner.name

    def __getitem__(self, collection: str) -> _FlakyCollection:
        return _FlakyCollection(self._inner[collection], self._switch, collection)

    async def command(self, *args: Any, **kwargs: Any) -> Any:
        self._switch.check("command")
        return await self._inner.command(*args, **kwargs)


def flaky_database(name: str = "guichet_flaky") -> tuple[Database, Switch]:
    inner = connect(None, name)
    switch = Switch()
    return Database(
        handle=_FlakyHandle(inner.handle, switch), client=inner.client, persistent=False
    ), switch
