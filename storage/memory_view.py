"""The in-memory store's indexes: which documents a query can match, without testing them all.

mongomock answers a query by testing every document of the collection; a view kept beside its
documents narrows that to a few candidates, which mongomock then tests with the full filter as
before — so an answer is the same with or without the view, as long as the candidates always
include every document the filter matches. The view guarantees that: it is told of every write
(``storage/memory.py`` hooks the store), and whatever it cannot place (an array where it expects
a value, a query it cannot read) is a candidate, or the query scans as before.

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
    """Equality ``fields`` (dotted paths allowed), and a date field sorted within each bucket."""

    fields: tuple[str, ...]
    range_field: str | None = None


INDEXES: dict[str, tuple[Index, ...]] = {
    "tickets": (
        Index(("type", "status"), "created_at"),
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
    ),
    "outbox": (
        Index(("state",), "next_attempt_at"),
        Index(("message.ticket_id",)),
        Index(("claim",)),
    ),
    "suggestions": (Index(("service", "state")),),
}


def _date(value: Any) -> datetime | None:
    """``value`` as the store keeps dates (naive UTC), if it is one."""
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is not None:
        offset = value.utcoffset() or timedelta(0)
        return (value - offset).replace(tzinfo=None)
    return value


def _value(document: dict[str, Any], path: str) -> Any:
    """The value at ``path``; ``None`` when missing (as ``{path: None}`` matches it);
    ``_MISSING`` when an array stands in the way (the document is then unplaced)."""
    node: Any = document
    for part in path.split("."):
        if isinstance(node, list):
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


@dataclass
class _Bucket:
    """The documents of one key: all of them, and (with a range field) by date."""

    ids: dict[Any, None] = field(default_factory=dict)
    dated: list[tuple[datetime, int, Any]] = field(default_factory=list)
    undated: dict[Any, None] = field(default_factory=dict)  # not a date, not null


class _HashIndex:
    def __init__(self, index: Index) -> None:
        self.index = index
        self.buckets: dict[tuple[Any, ...], _Bucket] = {}
        self.placed: dict[Any, tuple[tuple[Any, ...], Any]] = {}  # id -> (key, range value)

    def key_of(self, document: dict[str, Any]) -> tuple[Any, ...]:
        values = tuple(_value(document, path) for path in self.index.fields)
        if all(_scalar(value) for value in values):
            return values
        return _UNPLACED

    def add(self, key: Any, document: dict[str, Any], seq: int) -> None:
        bucket_key = self.key_of(document)
        bucket = self.buckets.setdefault(bucket_key, _Bucket())
        bucket.ids[key] = None
        when: Any = None
        if self.index.range_field is not None:
            raw = _value(document, self.index.range_field)
            when = _date(raw)
            if when is not None:
                bisect.insort(bucket.dated, (when, seq, key))
            elif raw is not None:  # an array, a string...: always a candidate of a range
                bucket.undated[key] = None
        self.placed[key] = (bucket_key, when)

    def remove(self, key: Any, seq: int) -> None:
        placed = self.placed.pop(key, None)
        if placed is None:
            return
        bucket_key, when = placed
        bucket = self.buckets[bucket_key]
        del bucket.ids[key]
        bucket.undated.pop(key, None)
        if when is not None:
            position = bisect.bisect_left(bucket.dated, (when, seq, key))
            del bucket.dated[position]
        if not bucket.ids:
            del self.buckets[bucket_key]

    def candidates(self, constraints: _Constraints) -> list[Any] | None:
        """The ids that may match, or ``None`` when this index cannot narrow the query."""
        wanted = [constraints.equal.get(path) for path in self.index.fields]
        if any(values is None for values in wanted):
            return None
        bounds = constraints.ranges.get(self.index.range_field or "")
        if not self.index.fields and bounds is None:
            return None
        keys = [*itertools.product(*wanted), _UNPLACED]  # type: ignore[arg-type]
        found: list[Any] = []
        for bucket_key in keys:
            bucket = self.buckets.get(bucket_key)
            if bucket is None:
                continue
            if bounds is None or bucket_key is _UNPLACED:
                found += bucket.ids
                continue
            low, high = bounds
            start = 0 if low is None else bisect.bisect_left(bucket.dated, (low - SLACK,))
            end = len(bucket.dated)
            if high is not None:
                end = bisect.bisect_right(bucket.dated, (high + SLACK, float("inf")))
            found += (key for _, _, key in bucket.dated[start:end])
            found += bucket.undated
        return found


@dataclass
class _Constraints:
    """What a filter requires, as far as the indexes can use it."""

    equal: dict[str, set[Any]] = field(default_factory=dict)
    ranges: dict[str, tuple[datetime | None, datetime | None]] = field(default_factory=dict)


def _constraints(query: dict[str, Any], into: _Constraints | None = None) -> _Constraints:
    """Equalities and date ranges of ``query``'s top level (and its ``$and``); the rest is
    ignored: the full filter is applied to the candidates afterwards."""
    found = into or _Constraints(dict(), dict())
    for path, condition in query.items():
        if path == "$and" and isinstance(condition, list):
            for part in condition:
                if isinstance(part, dict):
                    _constraints(part, found)
            continue
        if path.startswith("$"):
            continue
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
        self.seq: dict[Any, int] = {}
        self.dirty: set[Any] = set()  # being changed in place: candidates of every query
        self._next = itertools.count()

    def stored(self, key: Any, document: dict[str, Any]) -> None:
        """``document`` was stored (or stored again) under ``key``."""
        seq = self.seq.get(key)
        if seq is None:
            seq = self.seq[key] = next(self._next)
        else:
            for index in self.indexes:
                index.remove(key, seq)
        for index in self.indexes:
            index.add(key, document, seq)

    def deleted(self, key: Any) -> None:
        seq = self.seq.pop(key, None)
        if seq is not None:
            for index in self.indexes:
                index.remove(key, seq)

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
        return sorted((key for key in keys if key in self.seq), key=self.seq.__getitem__)

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
        assert list(fresh.seq) == list(self.ordered(self.seq)), "documents or their order"
        for mine, theirs in zip(self.indexes, fresh.indexes, strict=True):
            assert {k: v for k, v in mine.placed.items()} == theirs.placed, mine.index
            for bucket_key, bucket in theirs.buckets.items():
                kept = mine.buckets[bucket_key]
                assert set(kept.ids) == set(bucket.ids), (mine.index, bucket_key)
                assert [e[2] for e in kept.dated] == [e[2] for e in bucket.dated], mine.index
                assert set(kept.undated) == set(bucket.undated), mine.index
            assert set(mine.buckets) == set(theirs.buckets), mine.index


def _copy(constraints: _Constraints) -> _Constraints:
    return _Constraints(
        {path: set(values) for path, values in constraints.equal.items()},
        dict(constraints.ranges),
    )
