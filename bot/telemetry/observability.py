"""The record of the request being served, so what is learnt while serving it (the ticket it
concerns, that it was ignored) ends up on its one log line.

The Slack side opens a record per request (``RequestRecord.open``); the listener runs in a task
created inside it, and so sees the same record through a context variable. Code that serves no
request (the scheduler, tests calling use cases directly) finds no record: ``annotate`` is then
a no-op.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

TICKET_ID = re.compile(r"^[A-Z]{3}-\d{1,9}$")

_current: ContextVar[RequestRecord | None] = ContextVar("guichet_request", default=None)


@dataclass
class RequestRecord:
    kind: str
    name: str = ""
    ticket_id: str | None = None
    user: str | None = None
    outcome: str | None = None
    """Set by a listener that decides the outcome itself (``ignored``); else from the status."""
    extra: dict[str, Any] = field(default_factory=dict)

    @contextmanager
    def open(self) -> Iterator[RequestRecord]:
        token = _current.set(self)
        try:
            yield self
        finally:
            _current.reset(token)


def current_request() -> RequestRecord | None:
    return _current.get()


def annotate(*, ticket_id: str | None = None, outcome: str | None = None) -> None:
    """Add what was learnt to the current request's record (if a request is being served)."""
    record = _current.get()
    if record is None:
        return
    if ticket_id is not None and TICKET_ID.match(ticket_id):
        record.ticket_id = ticket_id
    if outcome is not None:
        record.outcome = outcome
