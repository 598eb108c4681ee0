"""The in-memory store keeps each document as BSON bytes, decoded when read, as MongoDB does.

mongomock keeps every document as the dicts, strings and datetimes it was given: a filed ticket
took 3.9 kB of Python objects, an outbox item 1.3 kB, an audit line 1.2 kB (the load
benchmark's memory phase, issue 17), three to five times their BSON. Here the store holds the
bytes ``bson.encode`` gives (what pymongo sends to MongoDB, and what MongoDB keeps), and a read
decodes them: each read gets a fresh document, as from a server, and what comes back is what
MongoDB would give back (lists where a tuple was written, milliseconds, ``_id`` first).

mongomock changes documents in place (an update mutates the stored dict): while an update
runs, the documents it reads are decoded once and kept in ``writing`` (the ``_id`` -> the
bytes read and the document, which the update then changes), every read of the update sees
those, and once it ends each one whose bytes are still the ones read is encoded and stored
again (``written``). A collection with a TTL index keeps plain dicts: mongomock's expiry
reads the stored documents itself.

The bytes are kept deflated against the collection's own first documents (``packed``), as
MongoDB's storage engine compresses its blocks: documents of one collection repeat the same
field names and most of their values (a ticket's BSON 1.3 kB -> about 0.25 kB, an outbox item
0.4 -> 0.08 kB, an audit line 0.19 -> 0.06 kB). The dictionary is made once, from the first
``SAMPLES`` documents a collection stores (kept as they are), and never changes; a write then
costs a deflate (6 to 25 us), a read an inflate (1 to 3 us).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

import bson
from bson.codec_options import CodecOptions, DatetimeConversion
from mongomock.collection import Collection
from mongomock.store import CollectionStore

_WRITING = "_guichet_writing"
READ: CodecOptions[dict[str, Any]] = CodecOptions(
    datetime_conversion=DatetimeConversion.DATETIME_AUTO
)
"""How the stored bytes are read: a date out of Python's range comes back as bson's
``DatetimeMS``, as from the server's client (``storage/client.py`` ``DATETIMES``)."""


PACKED = b"\x01\x00\x00\x00"
"""What deflated bytes start with: a BSON document starts with its length, never 1."""
WINDOW = -12  # raw deflate, a 4 kB window: the dictionary, then the document
SAMPLES = 4  # the documents a collection's dictionary is made of
_SAMPLES = "_guichet_samples"
_DICTIONARY = "_guichet_dictionary"
_PACKER = "_guichet_packer"


def encoded(store: CollectionStore, document: Any) -> Any:
    """What ``store`` keeps of ``document``: its BSON (``packed``), or the dict itself with a
    TTL index."""
    if store._ttl_indexes or not isinstance(document, dict):
        return document
    return packed(store, bson.encode(document))


def packed(store: CollectionStore, data: bytes) -> bytes:
    """``data`` as ``store`` keeps it: deflated against its dictionary, ``PACKED`` first; as
    it is while the dictionary is being made of the collection's first documents."""
    packer: Any = getattr(store, _PACKER, None)
    if packer is not None:
        deflate = packer.copy()  # primed with the dictionary once, not for every document
        return PACKED + deflate.compress(data) + deflate.flush()
    samples: list[bytes] = store.__dict__.setdefault(_SAMPLES, [])
    samples.append(data)
    if len(samples) >= SAMPLES:
        dictionary = b"".join(samples)[-(1 << -WINDOW) :]
        setattr(store, _DICTIONARY, dictionary)
        setattr(store, _PACKER, zlib.compressobj(6, zlib.DEFLATED, WINDOW, 4, 0, dictionary))
        delattr(store, _SAMPLES)
    return data


def unpacked(store: CollectionStore, raw: bytes) -> bytes:
    """The BSON ``raw`` holds."""
    if not raw.startswith(PACKED):
        return raw
    inflate = zlib.decompressobj(WINDOW, getattr(store, _DICTIONARY))
    return inflate.decompress(memoryview(raw)[len(PACKED) :])


def as_stored(store: CollectionStore, raw: Any) -> Any:
    """The document ``raw`` holds, as it was stored (not as an update in progress changed it)."""
    return bson.decode(unpacked(store, raw), READ) if type(raw) is bytes else raw


def decoded(store: CollectionStore, key: Any, raw: Any) -> dict[str, Any]:
    """The document stored under ``key`` as ``raw``: the one an update in progress reads and
    changes, else a fresh decoding of the bytes."""
    writing: dict[Any, tuple[Any, dict[str, Any]]] | None = getattr(store, _WRITING, None)
    if type(raw) is not bytes:
        return raw
    if writing is None:
        return bson.decode(unpacked(store, raw), READ)
    held = writing.get(key)
    if held is not None and held[0] is raw:
        return held[1]
    document = bson.decode(unpacked(store, raw), READ)
    writing[key] = (raw, document)
    return document


def documents_of(store: CollectionStore) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Every ``(key, document)`` of ``store``, decoded, in stored order."""
    for key, raw in list(store._documents.items()):
        yield key, decoded(store, key, raw)


def start_writing(store: CollectionStore) -> None:
    """An update begins: the documents it reads are kept, changed in place, until ``written``."""
    setattr(store, _WRITING, {})


def written(store: CollectionStore) -> list[tuple[Any, Any, dict[str, Any]]]:
    """The update ended: store again each document it read and changed (unless something
    else stored that ``_id`` meanwhile: mongomock's rollback of a refused change); for each
    document stored, ``(_id, the bytes it replaced, the document decoded from what was
    stored)``."""
    writing: dict[Any, tuple[Any, dict[str, Any]]] = getattr(store, _WRITING, None) or {}
    setattr(store, _WRITING, None)
    stored = []
    for key, (raw, document) in writing.items():
        if store._documents.get(key) is not raw:
            continue
        again = bson.encode(document)
        if again != unpacked(store, store._documents[key]):
            store._documents[key] = packed(store, again)
            stored.append((key, raw, bson.decode(again, READ)))
    return stored


def _documents(self: CollectionStore) -> Iterator[dict[str, Any]]:
    """mongomock's ``CollectionStore.documents``, decoded."""
    self._remove_expired_documents()
    with self._rwlock.reader():
        items = list(self._documents.items())
    for key, raw in items:
        yield decoded(self, key, raw)


def _item(self: CollectionStore, key: Any) -> dict[str, Any]:
    """mongomock's ``CollectionStore.__getitem__``, decoded."""
    self._remove_expired_documents()
    with self._rwlock.reader():
        raw = self._documents[key]
    return decoded(self, key, raw)


_create_index = CollectionStore.create_index
_copy_only_fields = Collection._copy_only_fields


def _fresh(store: CollectionStore) -> bool:
    """Whether every document read from ``store`` now is a decoding of its own (not a dict
    the store holds, nor one an update in progress is changing)."""
    return not store._ttl_indexes and getattr(store, _WRITING, None) is None


def _answer(self: Collection, doc: Any, fields: Any, container: Any) -> Any:
    """mongomock's ``_copy_only_fields``, which copies every document a query returns (123 µs
    a ticket, 20 times its decoding): a whole document decoded for this read is the reader's
    own already, returned as it is; projected on top-level fields (every ticket read leaves
    out its history: ``{"history": 0}``), its fields are picked, not copied one by one (a
    ticket read 46 -> 30 µs)."""
    if container is dict and _fresh(self._store):
        if not fields:
            return doc
        picked = _picked(doc, fields)
        if picked is not None:
            return picked
    return _copy_only_fields(self, doc, fields, container)


def _picked(doc: dict[str, Any], fields: Any) -> dict[str, Any] | None:
    """``doc`` projected by ``fields`` when they only name top-level fields to keep (1) or to
    leave out (0), as MongoDB projects (``_id`` kept unless left out by name); ``None`` for
    any other projection (dotted paths, operators, both kinds mixed): mongomock's own then."""
    if not isinstance(fields, dict):
        return None
    keep_id = fields.get("_id", 1)
    named = {key: value for key, value in fields.items() if key != "_id"}
    if (
        not named
        or keep_id not in (0, 1)
        or any(value not in (0, 1) or "." in key or "$" in key for key, value in named.items())
    ):
        return None
    include = set(named.values())
    if len(include) != 1:
        return None
    if include == {1}:
        picked = {key: value for key, value in doc.items() if key in named or key == "_id"}
    else:
        picked = {key: value for key, value in doc.items() if key not in named}
    if not keep_id:
        picked.pop("_id", None)
    return picked


def _index_created(self: CollectionStore, index_name: str, index_dict: dict[str, Any]) -> None:
    """mongomock's ``create_index``; a TTL index turns the documents back into dicts."""
    _create_index(self, index_name, index_dict)
    if self._ttl_indexes:
        for key, raw in list(self._documents.items()):
            self._documents[key] = decoded(self, key, raw)


def install_compact_documents() -> None:
    """Make the stores' reads decode (idempotent); ``storage/memory.py`` encodes the writes."""
    CollectionStore.documents = property(_documents)  # type: ignore[assignment,method-assign]
    CollectionStore.__getitem__ = _item  # type: ignore[method-assign]
    CollectionStore.create_index = _index_created  # type: ignore[method-assign]
    Collection._copy_only_fields = _answer  # type: ignore[method-assign]
