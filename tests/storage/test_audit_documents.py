"""How an audit line is stored: the document that rides on a ticket, and copying it to the log
once however many times it is copied."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import UTC, datetime

from bot.domain.audit import AuditEntry, Outcome
from storage.audit import AuditLog, pending_document
from storage.client import Database

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
LINE = AuditEntry(
    "line-1",
    T0,
    "U0ANN",
    "claimed",
    Outcome.DONE,
    surface="block_actions:ticket_claim",
    ticket_id="INC-1",
    before="U0OLD",
    after="U0ANN",
    note="why",
)


def test_a_pending_document_holds_every_field() -> None:
    """Written field by field (no deep copy): a field added to ``AuditEntry`` and forgotten
    here would be lost from every line."""
    every = {field.name for field in fields(AuditEntry)}
    assert all(getattr(LINE, name) is not None for name in every)  # the test sets them all
    assert pending_document(LINE) == {**asdict(LINE), "outcome": "done"}


async def test_a_line_copied_twice_stays_one_line_as_first_written(database: Database) -> None:
    """``append`` is what the sweep and ``settle`` copy with: a line already in the log (a
    copy that was cut short, a sweep racing ``settle``) is left as it was, not duplicated nor
    overwritten."""
    log = AuditLog(database)
    await log.create_indexes()
    await log.append([LINE])
    changed = AuditEntry("line-1", T0, "U0SOMEONE", "other", Outcome.REFUSED)
    await log.append([changed, LINE])
    later = AuditEntry("line-2", T0, "U0ANN", "status_changed", Outcome.DONE, ticket_id="INC-1")
    await log.append([LINE, later])
    stored = await log.between(T0, datetime(2027, 1, 1, tzinfo=UTC), 10)
    assert sorted(stored, key=lambda e: e.id) == [LINE, later]
