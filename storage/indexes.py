"""Creating Guichet's indexes at start-up (each repository's ``create_indexes``), when the
database already holds one of the same name built otherwise: left by an older version of
Guichet whose index had other keys or options (MongoDB refuses the creation: IndexOptionsConflict,
85, or IndexKeySpecsConflict, 86; the in-memory store refuses it too, without a code).

Guichet owns the indexes of its names, so ``ensure_index`` replaces such an index with the one
this version's queries are written for (dropped, then created; one warning line with the old
and the new spec): an upgrade needs no manual step, and the queries do not run for ever on an
index they were not written for. Dropping costs speed only (the queries scan meanwhile), except
for a unique index, old or new: between the drop and the new build a duplicate could be written,
and the new build then fail, leaving no constraint at all. Such an index is left as it stands:
one error line names the collection, the index, both specs and the command to run (then restart
Guichet, which creates it). The same for a unique index the stored documents break (two share a
value) and for an index with another name on the same keys (the server refuses a second one; it
is not Guichet's to drop). In each of those cases the other indexes are still created, and
nothing is retried: the same creation would be refused again every few seconds for ever."""

from __future__ import annotations

import logging
from typing import Any

from pymongo.errors import DuplicateKeyError, OperationFailure

log = logging.getLogger(__name__)

INDEX_OPTIONS_CONFLICT = 85
"""The server's code for an index of the same keys under another name, or of the same name
with other options."""
NOT_OPTIONS = frozenset({"v", "ns", "key", "background"})
"""What ``index_information`` gives of an index that is not one of its options."""


async def ensure_index(
    collection: Any, keys: list[tuple[str, Any]], *, name: str, **options: Any
) -> None:
    """Create the index ``name`` on ``collection`` with ``keys`` and ``options`` (those of
    ``create_index``), unless it stands already so; an index of that name built otherwise is
    replaced, or named on an error line when it is unique (see above)."""
    try:
        await collection.create_index(keys, name=name, **options)
        return
    except DuplicateKeyError as error:
        _cannot_build_unique(collection.name, name, keys, options, error)
        return
    except OperationFailure as error:
        standing = (await collection.index_information()).get(name)
        wanted = _spec(keys, options)
        if standing is None:
            if error.code != INDEX_OPTIONS_CONFLICT:
                raise
            _keys_taken(collection.name, name, wanted, await _same_keys(collection, keys), error)
            return
        old = _spec(standing["key"], standing)
        if old == wanted:
            raise  # not a conflict over this index: what the server said stands
        if old.get("unique") or wanted.get("unique"):
            _unique_conflict(collection.name, name, old, wanted)
            return
        await _replace(collection, keys, name, options, old, wanted)


async def _replace(
    collection: Any,
    keys: list[tuple[str, Any]],
    name: str,
    options: dict[str, Any],
    old: dict[str, Any],
    wanted: dict[str, Any],
) -> None:
    log.warning(
        "storage: index %s of %s was %s, this version wants %s: replacing it (queries on %s "
        "scan until it is built)",
        name,
        collection.name,
        _said(old),
        _said(wanted),
        collection.name,
    )
    await collection.drop_index(name)
    await collection.create_index(keys, name=name, **options)


def _spec(keys: Any, options: dict[str, Any]) -> dict[str, Any]:
    """An index's keys and options, comparable whichever way they were read or asked for."""
    spec = {k: v for k, v in options.items() if k not in NOT_OPTIONS and k != "name"}
    spec["key"] = [(field, int(order) if _numeric(order) else order) for field, order in keys]
    return spec


def _numeric(order: Any) -> bool:
    return isinstance(order, int | float) and not isinstance(order, bool)


def _said(spec: dict[str, Any]) -> str:
    """A spec on one line: its keys, then its options by name."""
    keys = ", ".join(f"{field}: {order}" for field, order in spec["key"])
    options = "".join(f", {k}: {v}" for k, v in sorted(spec.items()) if k != "key")
    return f"{{{keys}}}{options}"


async def _same_keys(collection: Any, keys: list[tuple[str, Any]]) -> str | None:
    """The name of the index of ``collection`` on exactly ``keys``, if any."""
    wanted = _spec(keys, {})["key"]
    for other, information in (await collection.index_information()).items():
        if _spec(information["key"], {})["key"] == wanted:
            return str(other)
    return None


def _drop_command(collection: str, name: str) -> str:
    return f'db.getCollection("{collection}").dropIndex("{name}")'


def _unique_conflict(
    collection: str, name: str, old: dict[str, Any], wanted: dict[str, Any]
) -> None:
    log.error(
        "storage: index %s of %s is %s, this version wants %s; a unique index is not replaced "
        "while Guichet runs (a duplicate written between the drop and the build would leave no "
        "constraint). Run %s, then restart Guichet to create it",
        name,
        collection,
        _said(old),
        _said(wanted),
        _drop_command(collection, name),
    )


def _cannot_build_unique(
    collection: str,
    name: str,
    keys: list[tuple[str, Any]],
    options: dict[str, Any],
    error: DuplicateKeyError,
) -> None:
    why = " ".join(str(error).split())[:300]
    log.error(
        "storage: unique index %s of %s (%s) cannot be built: stored documents share a value "
        "(%s). Mend or remove them, then restart Guichet to create it",
        name,
        collection,
        _said(_spec(keys, options)),
        why,
    )


def _keys_taken(
    collection: str, name: str, wanted: dict[str, Any], other: str | None, error: Exception
) -> None:
    why = " ".join(str(error).split())[:300]
    log.error(
        "storage: index %s of %s (%s) not created: the index %s has those keys (%s). If it is "
        "an older Guichet's, run %s, then restart Guichet to create %s",
        name,
        collection,
        _said(wanted),
        other or "of another name",
        why,
        _drop_command(collection, other or "<its name>"),
        name,
    )
