"""A read limited to its first documents (the due tickets, the approvals, the outbox, the audit
lines to copy) whose limit is filled with documents the code cannot decode: they sit at the head
of its order for ever (never worked, never moved on), so the read moves past them to the good
ones behind; at most ``WIDEN_MAX`` of them, said on the error line."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.domain.audit import AuditEntry, Outcome
from bot.domain.models import Outgoing, OutgoingKind
from storage import approvals as approvals_module
from storage import decoding
from storage.approvals import ApprovalRepository
from storage.audit import AuditLog, pending_document
from storage.client import Database
from storage.decoding import first_decoded
from storage.outbox import OutboxRepository
from storage.problem_tickets import ProblemTickets
from tests.storage.test_malformed_documents import (
    _approval,
    _broken_copy,
    _decoding_errors,
    _tickets_due_by,
)

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
M = timedelta(minutes=1)
LIMIT = 3


async def _poison_head(database: Database, of: str, field: str) -> list[str]:
    """``LIMIT`` broken copies of the ticket ``of`` (a status this replica does not know), due by
    ``field`` before every other: the head of the read."""
    bad = []
    for n in range(LIMIT):
        changes = {"status": "on_hold", field: T0 - (100 - n) * M}
        await _broken_copy(database, "tickets", of, f"INC-0{n}", changes)
        bad.append(f"INC-0{n}")
    return bad


@pytest.mark.parametrize("field", ["next_ping_at", "announce_at", "fanout_at"])
async def test_a_due_read_moves_past_a_limit_full_of_tickets_it_cannot_decode(
    database: Database, field: str, caplog: pytest.LogCaptureFixture
) -> None:
    repo, good, first_bad = await _tickets_due_by(database, field)
    await database.handle["tickets"].delete_one({"_id": first_bad})
    bad = await _poison_head(database, good[0], field)
    reads: dict[str, Callable[[], Awaitable[list[Any]]]] = {
        "next_ping_at": lambda: repo.due(T0, limit=LIMIT),
        "announce_at": lambda: repo.unannounced(T0, limit=LIMIT),
        "fanout_at": lambda: ProblemTickets(database).fanouts_due(T0, limit=LIMIT),
    }
    with caplog.at_level(logging.ERROR):
        found = await reads[field]()
    assert [ticket.id for ticket in found] == good  # on main: [] at every tick
    (record,) = _decoding_errors(caplog)  # one line for the read, however many it took
    line = record.getMessage()
    assert line.startswith(f"storage: {LIMIT} document(s) of tickets cannot be decoded")
    assert all(each in line for each in bad) and "moved past" not in line


async def test_the_approval_reads_move_past_a_limit_full_of_approvals_they_cannot_decode(
    database: Database, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(approvals_module, "MAX_DUE", LIMIT)
    repo = ApprovalRepository(database)
    await repo.create_indexes()
    for ticket_id in ("REQ-5", "REQ-6"):
        await repo.create(_approval(ticket_id))
    await database.handle["approvals"].update_many(
        {}, {"$set": {"settled": False, "decided_at": T0 - M}}
    )
    for n in range(LIMIT):  # due earlier, and first by _id
        await _broken_copy(database, "approvals", "REQ-5", f"REQ-{n}", {"asked_at": "yesterday"})
        await database.handle["approvals"].update_one(
            {"_id": f"REQ-{n}"}, {"$set": {"due_at": T0 - (10 - n) * M}}
        )
    with caplog.at_level(logging.ERROR):
        assert [a.ticket_id for a in await repo.due(T0)] == ["REQ-5", "REQ-6"]
        assert [a.ticket_id for a in await repo.unsettled(T0)] == ["REQ-5", "REQ-6"]
    assert len(_decoding_errors(caplog)) == 2


async def test_the_outbox_moves_past_a_limit_full_of_items_it_cannot_decode(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    outbox = OutboxRepository(database)
    await outbox.create_indexes()
    page = Outgoing(OutgoingKind.PAGE, "EMG-1", "U0A", number=1, about="EMG-1")
    await outbox.add([("EMG-1:5", page), ("EMG-1:6", page)], T0 - M)
    for n in range(LIMIT):
        await _broken_copy(database, "outbox", "EMG-1:5", f"EMG-1:{n}", {"message.level": "top"})
        await database.handle["outbox"].update_one(
            {"_id": f"EMG-1:{n}"}, {"$set": {"next_attempt_at": T0 - (10 - n) * M}}
        )
    with caplog.at_level(logging.ERROR):
        due = await outbox.due(T0, limit=LIMIT)
    assert [item.id for item in due] == ["EMG-1:5", "EMG-1:6"]
    assert len(_decoding_errors(caplog)) == 1


async def test_the_audit_sweep_moves_past_a_limit_full_of_lines_it_cannot_decode(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    log = AuditLog(database)
    await log.create_indexes()
    tickets = database.handle["tickets"]
    for n in range(LIMIT + 2):  # the first ones inserted (the natural order's head) broken
        line = AuditEntry(f"line-{n}", T0, "U0ANN", "claimed", Outcome.DONE, ticket_id=f"INC-{n}")
        document = pending_document(line)
        if n < LIMIT:
            document["outcome"] = "maybe"
        await tickets.insert_one({"_id": f"INC-{n}", "audit_pending": [document]})
    with caplog.at_level(logging.ERROR):
        pending = await log.pending(LIMIT)
    assert sorted(doc for _, doc, _ in pending) == [f"INC-{LIMIT}", f"INC-{LIMIT + 1}"]


async def test_widening_doubles_what_it_adds_and_stops_at_its_bound(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(decoding, "WIDEN_MAX", 20)
    documents = [{"_id": f"D-{n}", "n": "x" if n < 13 else n} for n in range(40)]
    asked: list[int] = []

    async def first(n: int) -> list[dict[str, Any]]:
        asked.append(n)
        return documents[:n]

    def decode(document: dict[str, Any]) -> int:
        return int(document["n"])

    with caplog.at_level(logging.ERROR):
        assert await first_decoded("things", first, decode, 4) == [13, 14, 15, 16]
    assert asked == [4, 8, 12, 20]  # +4 left out, then doubling what it adds: +8, +16
    (record,) = _decoding_errors(caplog)
    assert record.getMessage().startswith("storage: 13 document(s) of things cannot be decoded")

    caplog.clear()
    asked.clear()
    documents = [{"_id": f"D-{n}", "n": "x" if n < 30 else n} for n in range(40)]
    with caplog.at_level(logging.ERROR):
        assert await first_decoded("things", first, decode, 4) == []
    assert asked == [4, 8, 12, 20, 24]  # at most its limit and WIDEN_MAX: the rest wait
    (record,) = _decoding_errors(caplog)
    line = record.getMessage()
    assert line.startswith("storage: 24 document(s) of things cannot be decoded and were left")
    assert "moved past 24, as many as it may: the documents behind them wait" in line


async def test_a_read_the_query_does_not_fill_is_not_widened() -> None:
    documents: list[dict[str, Any]] = [{"_id": f"D-{n}", "n": n or "x"} for n in range(9)]
    asked: list[int] = []

    async def first(n: int) -> list[dict[str, Any]]:
        asked.append(n)
        return documents[:n]

    assert await first_decoded("things", first, lambda d: int(d["n"]), 20) == list(range(1, 9))
    assert asked == [20]  # fewer than asked: the query has no more, no second read
