"""The in-memory store's indexes: which documents a query can match, without testing them all.

mongomock answers a query by testing every document of the collection; a view kept beside its
documents narrows that to a few candidates, which mongomock then tests with the full filter as
before — so an answer is the same with or without the view, as long as the candidates always
include every document the filter matches. The view guarantees that: it is told of every write
(``storage/memory.py`` hooks the store), and whatever it cannot place (an array where it expects
a value, a query it cannot read) is a candidate, or the query scans as before. It keeps nothing
per document but the order documents were stored in: where a document sits in each index is
computed from the document, and again from the document as it was when it moves or goes.

An index is a hash of equality fields (``type``, ``status``...) with, optionally, one date field
kept sorted in each bucket, for ranges (``created_at >= since``). Which indexes a collection has
is declared in ``INDEXES``, mirroring the MongoDB indexes of its repository.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

SLACK = timedelta(seconds=1)
"""Date ranges are widened by this much (the store rounds dates to milliseconds)."""

_MISSING = object()
_UNPLACED = ("<unplaced>",)  # the bucket of documents whose key cannot be read


@dataclass(frozen=True)
class Index:
    """Equality ``fields`` (dotted paths allowed), and a date field sorted within each bucket;
    or, ``present``, the documents where its one field exists (through arrays too), which a
    query's ``{field: {"$exists": True}}`` is narrowed to, as by a MongoDB sparse index."""

    fields: tuple[str, ...]
    range_field: str | None = None
    present: bool = False


INDEXES: dict[str, tuple[Index, ...]] = {
    "tickets": (
        Index(("type", "status"), "created_at"),
        Index((), "sla.resolved_at"),  # fixed_since: a recurrence after a fix (resolved ones only)
        Index(("service", "status"), "created_at"),
        Index(("requester", "status")),
        Index(("assignee", "status")),
        Index(("problem_id",)),
        Index(("message.ts",)),
        Index(("requester_thread.ts",)),
        Index(("origin.ts",)),
        Index(("origin.key",)),
        Index(("submission",)),  # unique: mongomock checks it on every write to a ticket
        Index((), "next_ping_at"),
        Index((), "fanout_at"),
        Index((), "announce_at"),
        Index(("audit_pending.id",), present=True),  # the audit sweep's lines to copy
    ),
    "outbox": (
        Index(("state",), "next_attempt_at"),
        Index(("message.ticket_id",)),
        # no ``claim``: the three queries naming one name their ``_id``s (read directly), and
        # MongoDB has no such index either; every delivered item kept its token here
    ),
    "suggestions": (
        Index(("service", "state")),
        Index(("audit_pending.id",), present=True),
    ),
    "articles": (Index(("audit_pending.id",), present=True),),
}


def _date(value: Any) -> datetime | None:
    """``value`` as the store keeps dates (naive UTC, to the millisecond, as BSON keeps them:
    a document placed as written and the same one read back are placed alike), if it is one."""
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is not None:
        offset = value.utcoffset() or timedelta(0)
        value = (value - offset).replace(tzinfo=None)
    if value.microsecond % 1000:
        value = value.replace(microsecond=value.microsecond - value.microsecond % 1000)
    return value


def _value(document: dict[str, Any], parts: tuple[str, ...]) -> Any:
    """The value at the path ``parts``; ``None`` when missing (as ``{path: None}`` matches
    it); ``_MISSING`` when an array (a list, or a tuple: stored as one) stands in the way (the
    document is then unplaced)."""
    node: Any = document
    for part in parts:
        if isinstance(node, list | tuple):
            return _MISSING
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _scalar(value: Any) -> bool:
    """A value the hash can hold: equal values match alike (NaN, equal to nothing, is not)."""
    return value is None or (
        isinstance(value, str | int | float) and isinstance(value, Hashable) and value == value
    )


_OUT: Any = ("<left out>",)  # a document's entry in an index that leaves it out
_UNDATED: Any = ("<not a date>",)  # a range field holding neither a date nor null


class _Dated:
    """The documents of one key of an index with a range field: by date, and those whose
    date is not one (``undated``: an array, a string...) or null (``nulls``), made when
    needed."""

    __slots__ = ("dated", "nulls", "undated")

    def __init__(self) -> None:
        self.dated: list[tuple[datetime, int, Any]] = []
        self.undated: dict[Any, None] | None = None
        self.nulls: dict[Any, None] | None = None

    def ids(self) -> list[Any]:
        return [*(key for _, _, key in self.dated), *(self.undated or ()), *(self.nulls or ())]


class _Ids(dict[Any, None]):
    """The ``_id``s of one key of an equality-only index, when it has more than ``FEW``."""

    __slots__ = ()


class _Few(tuple[Any, ...]):
    """The ``_id``s of one key of an equality-only index, when it has two to ``FEW`` (an
    outbox item's ticket has two or three): a tuple takes a quarter of a dict's bytes."""

    __slots__ = ()


FEW = 8


class _HashIndex:
    """One index. Its buckets, by key: for an equality-only index, the one document's ``_id``
    (most keys, a message ts, a view id, hold one) or ``_Ids``; with a range field, a
    ``_Dated``. A document whose fields are all missing or null, and its date too, is left out
    (``sparse``, as a MongoDB sparse index leaves it out): a query that can match such a
    document is not narrowed by this index (``candidates`` says so).

    Nothing is kept per document: where a document is placed (its ``entry``) is computed from
    the document, again when it is taken out (from the document as it was stored)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.buckets: dict[Any, Any] = {}
        self.single = len(index.fields) == 1  # its keys are the values, not 1-tuples
        self.empty: Any = None if self.single else (None,) * len(index.fields)
        self.paths = tuple(tuple(path.split(".")) for path in index.fields)
        self.range_path = tuple((index.range_field or "").split("."))

    def key_of(self, document: dict[str, Any]) -> Any:
        if self.index.present:
            return True if _present(document, list(self.paths[0])) else None
        if self.single:
            value = _value(document, self.paths[0])
            return value if _scalar(value) else _UNPLACED
        values = tuple(_value(document, path) for path in self.paths)
        if all(_scalar(value) for value in values):
            return values
        return _UNPLACED

    def entry(self, document: dict[str, Any]) -> Any:
        """Where ``document`` goes: ``_OUT`` (left out); for an equality-only index its bucket
        key (the tuple of the index's values, or the value alone for a one-field index); with
        a range field, ``(bucket key, its date, None or _UNDATED)``."""
        bucket_key = self.key_of(document)
        if self.index.range_field is None:
            return _OUT if bucket_key == self.empty else bucket_key
        raw = _value(document, self.range_path)
        if raw is None:
            return _OUT if bucket_key == self.empty else (bucket_key, None)
        when = _date(raw)
        return (bucket_key, _UNDATED if when is None else when)

    def add(self, key: Any, seq: int, entry: Any, made: dict[datetime, Any]) -> None:
        """Place the document ``key`` (stored ``seq``th) where ``entry`` says (``made``: the
        dated entries made for this document by other indexes, shared)."""
        if entry is _OUT:
            return
        if self.index.range_field is None:
            found = self.buckets.get(entry, _MISSING)
            if found is _MISSING:
                self.buckets[entry] = key
            elif isinstance(found, _Ids):
                found[key] = None
            elif not isinstance(found, _Few):
                self.buckets[entry] = _Few((found, key))
            elif len(found) < FEW:
                self.buckets[entry] = _Few((*found, key))
            else:
                self.buckets[entry] = _Ids(dict.fromkeys((*found, key)))
            return
        bucket_key, when = entry
        bucket = self.buckets.get(bucket_key)
        if bucket is None:
            bucket = self.buckets[bucket_key] = _Dated()
        if when is None:
            if bucket.nulls is None:
                bucket.nulls = {}
            bucket.nulls[key] = None
        elif when is _UNDATED:  # an array, a string...: always a candidate of a range
            if bucket.undated is None:
                bucket.undated = {}
            bucket.undated[key] = None
        else:
            dated = made.get(when)
            if dated is None:
                dated = made[when] = (when, seq, key)
            bisect.insort(bucket.dated, dated)

    def remove(self, key: Any, seq: int, entry: Any) -> None:
        """Take the document ``key`` out of where ``entry`` placed it."""
        if entry is _OUT:
            return
        if self.index.range_field is None:
            found = self.buckets[entry]
            if isinstance(found, _Ids):
                del found[key]
                if len(found) <= FEW // 2:  # not back and forth at the limit
                    self.buckets[entry] = _Few(found)
            elif isinstance(found, _Few):
                left = [other for other in found if other != key]
                assert len(left) == len(found) - 1, (self.index, key)
                self.buckets[entry] = left[0] if len(left) == 1 else _Few(left)
            else:
                del self.buckets[entry]
            return
        bucket_key, when = entry
        bucket = self.buckets[bucket_key]
        if when is None:
            del bucket.nulls[key]
        elif when is _UNDATED:
            del bucket.undated[key]
        else:
            position = bisect.bisect_left(bucket.dated, (when, seq))
            assert bucket.dated[position][2] == key, (self.index, key)
            del bucket.dated[position]
        if not bucket.dated and not bucket.undated and not bucket.nulls:
            del self.buckets[bucket_key]

    def candidates(self, constraints: _Constraints) -> list[Any] | None:
        """The ids that may match, or ``None`` when this index cannot narrow the query."""
        if self.index.present:
            if self.index.fields[0] not in constraints.present:
                return None
            holding = self.buckets.get(True, _MISSING)
            return [] if holding is _MISSING else [*_ids(holding)]
        wanted = [constraints.equal.get(path) for path in self.index.fields]
        if any(values is None for values in wanted):
            return None
        bounds = constraints.ranges.get(self.index.range_field or "")
        keys: list[Any] = [*itertools.product(*wanted)]  # type: ignore[arg-type]
        if self.single:
            keys = [key for (key,) in keys]
        if bounds is None and self.empty in keys:
            return None  # it may match the documents left out (a range never does)
        found: list[Any] = []
        for bucket_key in [*keys, _UNPLACED]:
            bucket = self.buckets.get(bucket_key, _MISSING)
            if bucket is _MISSING:
                continue
            if self.index.range_field is None:
                found += bucket if isinstance(bucket, _Ids | _Few) else (bucket,)
            elif bounds is None or bucket_key is _UNPLACED:
                found += bucket.ids()
            else:
                found += _in_range(bucket, *bounds)
        return found


def _in_range(bucket: _Dated, low: datetime | None, high: datetime | None) -> list[Any]:
    """The ids of ``bucket`` dated between ``low`` and ``high``, and those not dated."""
    start = 0 if low is None else bisect.bisect_left(bucket.dated, (low - SLACK,))
    end = len(bucket.dated)
    if high is not None:
        end = bisect.bisect_right(bucket.dated, (high + SLACK, float("inf")))
    return [*(key for _, _, key in bucket.dated[start:end]), *(bucket.undated or ())]


@dataclass
class _Constraints:
    """What a filter requires, as far as the indexes can use it."""

    equal: dict[str, set[Any]] = field(default_factory=dict)
    ranges: dict[str, tuple[datetime | None, datetime | None]] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)  # paths the query says {"$exists": True}


def _constraints(query: dict[str, Any], into: _Constraints | None = None) -> _Constraints:
    """Equalities and date ranges of ``query``'s top level (and its ``$and``); the rest is
    ignored: the full filter is applied to the candidates afterwards."""
    found = into or _Constraints(dict(), dict(), set())
    for path, condition in query.items():
        if path == "$and" and isinstance(condition, list):
            for part in condition:
                if isinstance(part, dict):
                    _constraints(part, found)
            continue
        if path.startswith("$"):
            continue
        if isinstance(condition, dict) and condition.get("$exists") is True:
            found.present.add(path)
        values = _equal_values(condition)
        if values is not None:
            found.equal[path] = found.equal.get(path, values) & values
        elif isinstance(condition, dict):
            low = _date(condition.get("$gte", condition.get("$gt")))
            high = _date(condition.get("$lte", condition.get("$lt")))
            if low is not None or high is not None:
                found.ranges[path] = (low, high)
    return found


def _equal_values(condition: Any) -> set[Any] | None:
    if _scalar(condition):
        return {condition}
    if not isinstance(condition, dict):
        return None
    if "$eq" in condition and _scalar(condition["$eq"]):
        return {condition["$eq"]}
    listed = condition.get("$in")
    if isinstance(listed, list) and all(_scalar(value) for value in listed):
        return set(listed)
    return None


class CollectionView:
    """The indexes of one collection's documents, and the order they were stored in."""

    def __init__(self, indexes: Iterable[Index]) -> None:
        self.indexes = [_HashIndex(index) for index in indexes]
        # _id -> the order it was stored in; where it is in each index is computed from the
        # document itself (``_HashIndex.entry``), not kept: 22 slots a ticket were
        self.placed: dict[Any, int] = {}
        self.dirty: set[Any] = set()  # being changed in place: candidates of every query
        self._next = itertools.count()

    def entries(self, document: dict[str, Any]) -> list[Any]:
        """Where ``document`` goes in each index."""
        return [index.entry(document) for index in self.indexes]

    def stored(
        self,
        key: Any,
        document: dict[str, Any],
        previous: dict[str, Any] | None = None,
        *,
        before: list[Any] | None = None,
    ) -> None:
        """``document`` was stored (or stored again) under ``key``. Stored again, the view is
        told what was there: ``previous`` (the document as it was last stored), or ``before``
        (its ``entries``, computed before it changed)."""
        seq = self.placed.get(key)
        made: dict[datetime, Any] = {}
        if seq is None:
            seq = self.placed[key] = next(self._next)
            for index in self.indexes:
                index.add(key, seq, index.entry(document), made)
            return
        if not self.indexes:
            return
        if before is None:
            if previous is None:
                raise ValueError(f"{key!r} is stored again: what was there is needed")
            before = self.entries(previous)
        for index, old in zip(self.indexes, before, strict=True):
            new = index.entry(document)
            if new != old:
                index.remove(key, seq, old)
                index.add(key, seq, new, made)

    def deleted(self, key: Any, previous: dict[str, Any] | None) -> None:
        """The document stored under ``key`` (``previous``, as it was last stored) is gone."""
        seq = self.placed.pop(key, None)
        if seq is None or not self.indexes:
            return
        if previous is None:
            raise ValueError(f"{key!r} is deleted: what was there is needed")
        for index in self.indexes:
            index.remove(key, seq, index.entry(previous))

    def candidates(self, query: Any) -> list[Any] | None:
        """The keys of the documents ``query`` may match, in the order they were stored; or
        ``None`` when no index narrows it (then every document is tested)."""
        if not isinstance(query, dict) or not self.indexes:
            return None
        constraints = _constraints(query)
        branches = query.get("$or")
        if isinstance(branches, list) and branches and all(isinstance(b, dict) for b in branches):
            union: set[Any] = set()
            for branch in branches:
                found = self._best(_constraints(branch, _copy(constraints)))
                if found is None:
                    return self._ordered(self._best(constraints))
                union.update(found)
            return self._ordered(union)
        return self._ordered(self._best(constraints))

    def ordered(self, keys: Iterable[Any]) -> list[Any]:
        """``keys`` of stored documents in the order they were stored."""
        placed = self.placed
        return sorted((key for key in keys if key in placed), key=placed.__getitem__)

    def _best(self, constraints: _Constraints) -> list[Any] | None:
        best: list[Any] | None = None
        for index in self.indexes:
            found = index.candidates(constraints)
            if found is not None and (best is None or len(found) < len(best)):
                best = found
        return best

    def _ordered(self, keys: Iterable[Any] | None) -> list[Any] | None:
        if keys is None:
            return None
        return self.ordered({*keys, *self.dirty})

    def check(self, documents: Iterator[tuple[Any, dict[str, Any]]]) -> None:
        """Raise ``AssertionError`` unless the view is what rebuilding it would give (tests)."""
        fresh = CollectionView(index.index for index in self.indexes)
        for key, document in documents:
            fresh.stored(key, document)
        assert list(fresh.placed) == self.ordered(self.placed), "documents or their order"
        for mine, theirs in zip(self.indexes, fresh.indexes, strict=True):
            assert set(mine.buckets) == set(theirs.buckets), mine.index
            for bucket_key, bucket in theirs.buckets.items():
                kept = mine.buckets[bucket_key]
                if not isinstance(bucket, _Dated):
                    assert _ids(kept) == _ids(bucket), (mine.index, bucket_key)
                    continue
                assert [e[2] for e in kept.dated] == [e[2] for e in bucket.dated], mine.index
                assert [e[0] for e in kept.dated] == [e[0] for e in bucket.dated], mine.index
                assert (kept.undated or {}) == (bucket.undated or {}), mine.index
                assert (kept.nulls or {}) == (bucket.nulls or {}), mine.index
                assert kept.dated or kept.undated or kept.nulls, (mine.index, bucket_key)


def _ids(bucket: Any) -> set[Any]:
    return set(bucket) if isinstance(bucket, _Ids | _Few) else {bucket}


def _copy(constraints: _Constraints) -> _Constraints:
    return _Constraints(
        {path: set(values) for path, values in constraints.equal.items()},
        dict(constraints.ranges),
        set(constraints.present),
    )


def _present(node: Any, parts: list[str]) -> bool:
    """Whether the path ``parts`` exists in ``node``, through arrays (any element), as
    ``{"$exists": True}`` reads it (a null value exists)."""
    if not parts:
        return True
    if isinstance(node, (list, tuple)):
        return any(_present(element, parts) for element in node)
    if not isinstance(node, dict) or parts[0] not in node:
        return False
    return _present(node[parts[0]], parts[1:])
