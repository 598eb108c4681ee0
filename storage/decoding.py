"""Reading stored documents one at a time: what the scheduler's steps work through (due tickets,
unannounced ones, approvals, fan-outs, outbox items, pending audit lines, lessons) is read many
documents per query, and one of them the code cannot decode (a value an older or newer replica
does not know, a field edited by hand) must not make the whole read fail, and so the step at
every tick, with every item behind it waiting. ``each_decoded`` decodes document by document:
one that cannot be decoded is left out and named in one error line per read (its collection,
its ``_id``, what is wrong; no traceback: the document is at fault, not the code); the others
are returned. A database down is not a document's fault: the read itself still raises
(``StoreUnavailable``, through ``store_errors``) before anything is decoded. A read limited to
its first ``limit`` documents (``first_decoded``: the due tickets, approvals, outbox items...)
moves past those it leaves out, so that ``limit`` documents nobody can decode at the head of its
order (the oldest: never worked, so never moved on) do not hide the ones behind them at every
tick for ever: it reads again, wider by what it left out (``WIDEN_MAX`` at most). A date out of
Python's range comes back from the server as bson's ``DatetimeMS`` (``storage/client.py``
``DATETIMES``), not a date: such a document is left out too, the field named."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

from bson.datetime_ms import DatetimeMS

log = logging.getLogger(__name__)

T = TypeVar("T")
NAMED_MAX = 10
"""How many skipped documents one line names (a read holds at most its limit; the rest counted)."""
WHY_MAX = 200
"""How much of what is wrong with a document one line quotes."""
WIDEN_MAX = 1000
"""How many documents it cannot decode a limited read moves past: it reads at most its limit
and this many. More than that at the head of its order (a collection edited by hand, a newer
version's documents) and the ones behind wait, said on the error line, until they are mended or
removed; the bound keeps each read's cost within a few times its limit."""


def each_decoded(
    collection: str, documents: Iterable[dict[str, Any]], decode: Callable[[dict[str, Any]], T]
) -> list[T]:
    """``decode`` of each of ``documents`` (read from ``collection``), in order, but for those it
    cannot decode: left out, and named in one error line. For a read of everything a query
    matches; a read of its first documents only goes through ``first_decoded``."""
    decoded, skipped = _decoded(documents, decode)
    _tell(collection, skipped)
    return decoded


async def first_decoded(
    collection: str,
    read: Callable[[int], Awaitable[list[dict[str, Any]]]],
    decode: Callable[[dict[str, Any]], T],
    limit: int,
) -> list[T]:
    """``decode`` of the first ``limit`` documents of a query that it can decode, in its order;
    ``read(n)`` reads the query's first ``n`` documents (its sort and index unchanged: only the
    limit grows). When some cannot be decoded and the read was full, it reads again, wider by
    what it left out (doubling what it adds at each new read), until ``limit`` are decoded, the
    query has no more, or it moved past ``WIDEN_MAX`` of them. Those left out are named in one
    error line, as ``each_decoded`` does."""
    wanted = limit
    while True:
        documents = await read(wanted)
        decoded, skipped = _decoded(documents, decode)
        if len(decoded) >= limit or len(documents) < wanted:
            _tell(collection, skipped)
            return decoded[:limit]
        if wanted >= limit + WIDEN_MAX:
            _tell(collection, skipped, stopped=True)
            return decoded
        wanted = limit + min(WIDEN_MAX, max(len(skipped), 2 * (wanted - limit)))


def _decoded(
    documents: Iterable[dict[str, Any]], decode: Callable[[dict[str, Any]], T]
) -> tuple[list[T], list[str]]:
    """What ``decode`` makes of each of ``documents``, and those it could not decode (their
    ``_id`` and what is wrong)."""
    decoded: list[T] = []
    skipped: list[str] = []
    for document in documents:
        try:
            _no_date_out_of_range(document)
            decoded.append(decode(document))
        except Exception as error:  # decoding is pure: whatever it raises is the document's
            skipped.append(f"{document.get('_id')} ({_why(error)})")
    return decoded, skipped


def _tell(collection: str, skipped: list[str], stopped: bool = False) -> None:
    """One error line naming the documents of ``collection`` left out of a read (``stopped``:
    it moved past as many as it may and the ones behind them wait)."""
    if not skipped:
        return
    named = "; ".join(skipped[:NAMED_MAX])
    more = f"; and {len(skipped) - NAMED_MAX} more" if len(skipped) > NAMED_MAX else ""
    behind = (
        f" (it moved past {len(skipped)}, as many as it may: the documents behind them wait"
        " until these are mended or removed)"
        if stopped
        else ""
    )
    log.error(
        "storage: %d document(s) of %s cannot be decoded and were left out of this read%s: %s%s",
        len(skipped),
        collection,
        behind,
        named,
        more,
    )


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
