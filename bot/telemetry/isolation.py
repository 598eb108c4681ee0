"""One item of many at a time: the scheduler's steps and the outbox work through stored items
(due tickets, unannounced ones, approvals, fan-outs, retention, outbox items), and one that fails
unexpectedly (a ticket the code cannot handle, a bug) must not stop the items behind it, at
every tick for ever. ``isolated`` guards one item: its failure is logged, with the ticket it
concerns, and the loop goes on; the item is left as it was, for the next tick. A database down
(``StoreUnavailable``) is not one item's failure: it still stops the step, which the scheduler
tries again at its next tick."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bot.domain.errors import StoreUnavailable


@dataclass
class Guarded:
    """Whether the item ``isolated`` guarded failed (known once its block is left)."""

    failed: bool = False


@contextmanager
def isolated(
    log: logging.Logger, message: str, *args: object, ticket_id: str | None = None
) -> Iterator[Guarded]:
    """Run one item's work; an unexpected failure is logged on ``log`` as ``message % args``
    (with its traceback and ``ticket_id``) and goes no further; ``StoreUnavailable`` does."""
    guarded = Guarded()
    try:
        yield guarded
    except StoreUnavailable:
        raise
    except Exception:
        guarded.failed = True
        log.exception(message, *args, extra={"ticket_id": ticket_id} if ticket_id else None)
