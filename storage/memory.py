"""The in-memory store used when ``MONGODB_URI`` is unset: mongomock-motor, with lookups by
``_id`` made direct.

mongomock answers every query by testing every document of the collection, so finding a ticket
by its id costs as much as the collection is large — where MongoDB uses the ``_id`` index. One
lookup of the document stored under that id, then the same full filter on it alone, gives the
same answer in constant time (its store is keyed by ``_id``). Other queries are untouched.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

from mongomock.collection import Collection
from mongomock.filtering import filter_applies

_scan = Collection._iter_documents


def _iter_documents(self: Collection, filter: Any) -> Iterator[dict[str, Any]]:
    key = filter.get("_id") if isinstance(filter, dict) else None
    if key is None or isinstance(key, dict | list) or not isinstance(key, Hashable):
        return _scan(self, filter)
    store = self._store
    document = store[key] if key in store else None  # noqa: SIM401 - the store has no get()
    return iter([document] if document is not None and filter_applies(filter, document) else [])


def index_ids() -> None:
    """Install the direct ``_id`` lookup (idempotent)."""
    if Collection._iter_documents is not _iter_documents:
        Collection._iter_documents = _iter_documents  # type: ignore[method-assign]
