"""Reading stored documents one at a time: what the scheduler's steps work through (due tickets,
unannounced ones, approvals, fan-outs, outbox items, pending audit lines, lessons) is read many
documents per query, and one of them the code cannot decode (a value an older or newer replica
does not know, a field edited by hand) must not make the whole read fail, and so the step at
every tick, with every item behind it waiting. ``each_decoded`` decodes document by document:
one that cannot be decoded is left out and named in one error line per read (its collection,
its ``_id``, what is wrong; no traceback: the document is at fault, not the code); the others
are returned. A database down is not a document's fault: the read itself still raises
(``StoreUnavailable``, through ``store_errors``) before anything is decoded. A date out of
Python's range comes back from the server as bson's ``DatetimeMS`` (``storage/client.py``
``DATETIMES``), not a date: such a document is left out too, the field named."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from bson.datetime_ms import DatetimeMS

log = logging.getLogger(__name__)

T = TypeVar("T")
NAMED_MAX = 10
"""How many skipped documents one line names (a read holds at most its limit; the rest counted)."""
WHY_MAX = 200
"""How much of what is wrong with a document one line quotes."""


def each_decoded(
    collection: str, documents: Iterable[dict[str, Any]], decode: Callable[[dict[str, Any]], T]
) -> list[T]:
    """``decode`` of each of ``documents`` (read from ``collection``), in order, but for those it
    cannot decode: left out, and named in one error line."""
    decoded: list[T] = []
    skipped: list[str] = []
    for document in documents:
        try:
            _no_date_out_of_range(document)
            decoded.append(decode(document))
        except Exception as error:  # decoding is pure: whatever it raises is the document's
            skipped.append(f"{document.get('_id')} ({_why(error)})")
    if skipped:
        named = "; ".join(skipped[:NAMED_MAX])
        more = f"; and {len(skipped) - NAMED_MAX} more" if len(skipped) > NAMED_MAX else ""
        log.error(
            "storage: %d document(s) of %s cannot be decoded and were left out of this read: %s%s",
            len(skipped),
            collection,
            named,
            more,
        )
    return decoded


def _why(error: Exception) -> str:
    """What is wrong, on one line: the exception's type and message."""
    why = " ".join(f"{type(error).__name__}: {error}".split())
    return why if len(why) <= WHY_MAX else why[: WHY_MAX - 1] + "…"


class DateOutOfRange(ValueError):
    """A stored date Python cannot hold (before year 1, after 9999)."""


def _no_date_out_of_range(value: Any, path: str = "") -> None:
    """Raise ``DateOutOfRange`` naming the first field of ``value`` that holds one."""
    if isinstance(value, DatetimeMS):
        raise DateOutOfRange(f"{path or 'the document'} is a date out of range ({value!r})")
    if isinstance(value, dict):
        for key, item in value.items():
            _no_date_out_of_range(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _no_date_out_of_range(item, f"{path}.{index}")
