"""One item of many at a time: the scheduler's steps and the outbox work through stored items
(due tickets, unannounced ones, approvals, fan-outs, retention, outbox items), and one that fails
unexpectedly (a ticket the code cannot handle, a bug) must not stop the items behind it, at
every tick for ever. ``isolated`` guards one item: its failure is logged, with the ticket it
concerns, and the loop goes on; the item is left as it was, for the next tick. A database down
(``StoreUnavailable``) is not one item's failure: it still stops the step, which the scheduler
tries again at its next tick. A write the database refuses for what it holds (``StoreRejected``:
a document too large, a value it will not take) is that item's own: left out, named in one error
line, and the step goes on."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bot.domain.errors import StoreRejected, StoreUnavailable

WHY_MAX = 300
"""How much of what the database said a refused item's line quotes."""


@dataclass
class Guarded:
    """Whether the item ``isolated`` guarded failed (known once its block is left)."""

    failed: bool = False


@contextmanager
def isolated(
    log: logging.Logger, message: str, *args: object, ticket_id: str | None = None
) -> Iterator[Guarded]:
    """Run one item's work; an unexpected failure is logged on ``log`` as ``message % args``
    (with its traceback and ``ticket_id``) and goes no further; ``StoreUnavailable`` does. A
    ``StoreRejected`` is logged on one line (``message``, then what the database refused; no
    traceback: the item is at fault, not the code) and goes no further either."""
    guarded = Guarded()
    extra = {"ticket_id": ticket_id} if ticket_id else None
    try:
        yield guarded
    except StoreRejected as refused:
        guarded.failed = True
        why = " ".join(str(refused).split())[:WHY_MAX]
        log.error(message + ": the database refused it (%s)", *args, why, extra=extra)
    except StoreUnavailable:
        raise
    except Exception:
        guarded.failed = True
        log.exception(message, *args, extra=extra)
