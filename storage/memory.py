"""The in-memory store used when ``MONGODB_URI`` is unset: mongomock-motor, with indexes.

mongomock answers every query by testing every document of the collection, so a query costs as
much as the collection is large — where MongoDB uses an index. Here:

- a lookup by ``_id`` (one value, or ``$in`` a list) reads those documents directly (the store
  is keyed by ``_id``), then applies the same full filter to them alone;
- other queries ask the collection's view (``storage/memory_view.py``: hashes of the fields the
  repositories' MongoDB indexes start with, dates kept sorted) for the documents they may match,
  and test those alone; a query no index narrows tests every document, as before.

The view is kept exactly in step with the documents: the store tells it of every document set
or deleted, with the document that was there (decoded from the bytes it replaces: the view
keeps nothing per document but the order it was stored in), and an update (which changes
documents in place) tells it where each document it touches was before changing it, and makes
them candidates of every query until it has placed them again. A collection with a TTL index
(documents kept as dicts, expired behind the store's back) has no view: it is scanned.
"""

from __future__ import annotations

import sys
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from typing import Any

from mongomock import helpers
from mongomock.collection import Collection
from mongomock.filtering import filter_applies
from mongomock.store import CollectionStore

from storage.memory_compact import (
    as_stored,
    decoded,
    documents_of,
    encoded,
    install_compact_documents,
    start_writing,
    written,
)
from storage.memory_view import INDEXES, CollectionView

_scan = Collection._iter_documents
_update = Collection._update
_set = CollectionStore.__setitem__
_delete = CollectionStore.__delitem__
_drop = CollectionStore.drop


def view_of(store: CollectionStore) -> CollectionView:
    """The view of ``store``'s documents (made, from what it holds, on first use)."""
    view: CollectionView | None = getattr(store, "_guichet_view", None)
    if view is None:
        view = CollectionView(INDEXES.get(store.name, ()))
        for key, document in documents_of(store):
            view.stored(key, document)
        store._guichet_view = view  # type: ignore[attr-defined]
    return view


def _keys(filter: Any, view: CollectionView) -> list[Any] | None:
    """The keys of the documents ``filter`` may match, in stored order; ``None``: all."""
    if not isinstance(filter, dict):
        return None
    key = filter.get("_id")
    if isinstance(key, dict) and set(key) == {"$in"} and isinstance(key["$in"], list):
        if all(isinstance(k, Hashable) and not isinstance(k, dict) for k in key["$in"]):
            return view.ordered({*key["$in"], *view.dirty})
    elif key is not None and isinstance(key, Hashable) and not isinstance(key, list):
        return [key]
    return view.candidates(filter)


def _iter_documents(self: Collection, filter: Any) -> Iterator[dict[str, Any]]:
    store = self._store
    if store._ttl_indexes or store.is_empty:  # expiring documents leave behind the view's back
        return _scan(self, filter)
    keys = _keys(filter, view_of(store))
    if keys is None:
        return _scan(self, filter)
    documents = store._documents
    found = ((key, documents.get(key)) for key in keys)
    read = (decoded(store, key, raw) for key, raw in found if raw is not None)
    return iter([document for document in read if filter_applies(filter, document)])


def _update_in_place(self: Collection, spec: Any, document: Any, *args: Any, **kwargs: Any) -> Any:
    """mongomock's ``_update``, which changes the documents it reads in place: they are read
    once, kept while it runs (``storage/memory_compact.py``), then stored again and placed
    again in the view (where each was is computed before it changes); meanwhile they are
    candidates of every query."""
    store = self._store
    if store._ttl_indexes:  # documents kept as dicts, changed in place: no view
        store._guichet_view = None
        return _update(self, spec, document, *args, **kwargs)
    view = view_of(store)
    spec = helpers.patch_datetime_awareness_in_document(spec)
    start_writing(store)
    touched: list[Any] = []
    before: dict[Any, list[Any]] = {}
    try:
        for found in _iter_documents(self, spec):
            key = found["_id"]
            if isinstance(key, Hashable):
                touched.append(key)
                before[key] = view.entries(found)
        view.dirty.update(touched)
        return _update(self, spec, document, *args, **kwargs)
    finally:
        view.dirty.difference_update(touched)
        for key, raw, stored in written(store):
            entries = before.get(key)
            if entries is None:
                view.stored(key, stored, as_stored(store, raw))
            else:
                view.stored(key, stored, before=entries)


def _stored(self: CollectionStore, key: Any, value: Any) -> None:
    if self._ttl_indexes:  # documents kept as dicts, changed in place: no view
        _set(self, key, value)
        self._guichet_view = None  # type: ignore[attr-defined]
        return
    view, previous = _before(self, key)
    _set(self, key, encoded(self, value))
    if view is not None:
        view.stored(key, value, previous)


def _deleted(self: CollectionStore, key: Any) -> None:
    if self._ttl_indexes:
        _delete(self, key)
        self._guichet_view = None  # type: ignore[attr-defined]
        return
    view, previous = _before(self, key)
    _delete(self, key)
    if view is not None:
        view.deleted(key, previous)


def _before(store: CollectionStore, key: Any) -> tuple[CollectionView | None, Any]:
    """The view of ``store`` and the document ``key`` holds before a write, as it was stored
    (``None`` if new). No view when it placed a document the store no longer has (taken out of
    mongomock's documents without the store hearing of it): it is made again, from the
    documents, when next used."""
    view = view_of(store)
    if key not in view.placed:
        return view, None
    raw = store._documents.get(key)
    if raw is None:
        store._guichet_view = None  # type: ignore[attr-defined]
        return None, None
    return view, as_stored(store, raw)


def _dropped(self: CollectionStore) -> None:
    _drop(self)
    self._guichet_view = None  # type: ignore[attr-defined]


def install_indexes() -> None:
    """Install the direct ``_id`` lookups and the views (idempotent)."""
    if Collection._iter_documents is _iter_documents:
        return
    Collection._iter_documents = _iter_documents  # type: ignore[method-assign]
    Collection._update = _update_in_place  # type: ignore[method-assign]
    CollectionStore.__setitem__ = _stored  # type: ignore[method-assign]
    CollectionStore.__delitem__ = _deleted  # type: ignore[method-assign]
    CollectionStore.drop = _dropped  # type: ignore[method-assign]
    install_compact_documents()


def deep_size(root: Any, seen: set[int] | None = None) -> int:
    """Bytes held by ``root`` and everything it reaches through dicts, lists, tuples and sets
    (each object counted once, ``seen`` shared between calls): what a document costs here."""
    seen = set() if seen is None else seen
    total, stack = 0, [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        total += sys.getsizeof(node)
        if isinstance(node, dict):
            stack += node.keys()
            stack += node.values()
        elif isinstance(node, list | tuple | set | frozenset):
            stack += node
        elif hasattr(node, "__dict__") and not isinstance(node, type):
            stack.append(vars(node))
        elif hasattr(node, "__slots__"):
            stack += (getattr(node, slot, None) for slot in node.__slots__)
    return total


@dataclass(frozen=True)
class StoredData:
    """One collection of the in-memory store: its documents and what they take in this
    process (on MongoDB they would be in the server's memory and on its disk, not here)."""

    documents: int
    data_bytes: int  # the documents themselves
    view_bytes: int  # the in-memory indexes beside them (``storage/memory_view.py``)


def stored_data(database: Any) -> dict[str, StoredData]:
    """What each collection of the in-memory ``database`` (a ``storage.client.Database``)
    holds, measured; empty for a real server (its data is not in this process)."""
    if database.persistent:
        return {}
    mock = database.handle._AsyncMongoMockDatabase__database  # mongomock-motor's wrapped db
    seen: set[int] = set()
    found = {}
    for name, store in sorted(mock._store._collections.items()):
        data = deep_size(store._documents, seen)
        view = getattr(store, "_guichet_view", None)
        found[name] = StoredData(
            len(store._documents), data, deep_size(view, seen) if view is not None else 0
        )
    return found
