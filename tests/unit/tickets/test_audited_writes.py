"""Every history kind Guichet can write is written with its audit line, whichever way it is
written (a filing's insert, a record, a conditional change): a new kind added later is covered
by the same writes, and no code outside ``bot/tickets/audited.py`` writes a history entry."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.models import HistoryAction, HistoryEntry
from bot.tickets.audited import AuditedWrites
from storage.audit import AuditLog
from storage.client import Database
from storage.tickets import TicketRepository
from tests.storage.test_tickets import _new

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[3]


async def _lines(database: Database, ticket_id: str) -> list[tuple[str, str, str]]:
    documents = await database.handle["audit"].find({"ticket_id": ticket_id}).to_list(1000)
    return sorted((d["action"], d["actor"], d["outcome"]) for d in documents)


async def _pending(database: Database, ticket_id: str) -> list[object]:
    document = await database.handle["tickets"].find_one({"_id": ticket_id})
    return list(document.get("audit_pending") or [])


async def test_a_filed_ticket_has_its_created_line(database: Database) -> None:
    writes = AuditedWrites(TicketRepository(database), AuditLog(database))
    ticket = await writes.create(_new(requester="U0ANN"))
    assert await _lines(database, ticket.id) == [("created", "U0ANN", "done")]
    assert await _pending(database, ticket.id) == []


@pytest.mark.parametrize("action", [a for a in HistoryAction if a is not HistoryAction.CREATED])
async def test_every_history_kind_is_audited_by_both_writes(
    database: Database, action: HistoryAction
) -> None:
    writes = AuditedWrites(TicketRepository(database), AuditLog(database))
    ticket = await writes.create(_new(requester="U0ANN"))
    await writes.record(HistoryEntry(ticket.id, T0, "U0BOB", action, after="x"))
    changed = await writes.update_if(
        {"status": "new"}, HistoryEntry(ticket.id, T0, "U0CAT", action), {"title": "New title"}
    )
    assert changed is not None
    refused = await writes.update_if(  # the condition fails: neither the change nor a line
        {"status": "closed"}, HistoryEntry(ticket.id, T0, "U0DAN", action), {"title": "No"}
    )
    assert refused is None
    assert await _lines(database, ticket.id) == sorted(
        [
            ("created", "U0ANN", "done"),
            (action.value, "U0BOB", "done"),
            (action.value, "U0CAT", "done"),
        ]
    )
    history = await TicketRepository(database).history(ticket.id)
    assert len(history) == 3 and await _pending(database, ticket.id) == []


async def test_a_record_on_no_ticket_writes_no_line(database: Database) -> None:
    writes = AuditedWrites(TicketRepository(database), AuditLog(database))
    await writes.record(HistoryEntry("INC-404", T0, "guichet", HistoryAction.POSTED))
    assert await _lines(database, "INC-404") == []


def test_no_code_writes_history_but_the_audited_writes() -> None:
    """The repository's history writes are called from ``bot/tickets/audited.py`` only."""
    call = re.compile(r"\btickets\.(create|record|update_if)\(")
    offenders = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for folder in ("bot", "handlers", "sandbox")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.name != "audited.py"
        for line in path.read_text(encoding="utf-8").splitlines()
        if call.search(line)
    ]
    assert offenders == []
