"""One stored document the code cannot decode (a value another replica knows and this one does
not, a field edited by hand) among good ones: each read the scheduler's steps work through
returns the good ones and names the bad one in one error line; a database down still raises."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.domain.approvals import Approval, ApprovalState
from bot.domain.audit import AuditEntry, Outcome
from bot.domain.errors import StoreUnavailable
from bot.domain.models import Outgoing, OutgoingKind
from storage.approvals import ApprovalRepository
from storage.audit import AuditLog, pending_document
from storage.client import Database
from storage.decoding import NAMED_MAX, each_decoded
from storage.lessons import LessonRepository
from storage.outbox import OutboxRepository
from storage.problem_tickets import ProblemTickets
from storage.tickets import TicketRepository
from tests.flaky_database import flaky_database
from tests.storage.test_lessons import _lesson
from tests.storage.test_tickets import _new

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
M = timedelta(minutes=1)


async def _broken_copy(
    database: Database, collection: str, of: str, new_id: str, changes: dict[str, Any]
) -> None:
    """Insert, raw, a copy of the stored document ``of`` under ``new_id`` with ``changes``
    (dotted paths; ``None`` removes the field)."""
    document = await database.handle[collection].find_one({"_id": of})
    assert document is not None
    document["_id"] = new_id
    for path, value in changes.items():
        *parents, last = path.split(".")
        holder = document
        for part in parents:
            holder = holder[part]
        if value is None:
            del holder[last]
        else:
            holder[last] = value
    await database.handle[collection].insert_one(document)


def _decoding_errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "storage.decoding"]


def _told_once(caplog: pytest.LogCaptureFixture, *words: str) -> None:
    """One error line, no traceback, naming each of ``words``."""
    (record,) = _decoding_errors(caplog)
    assert record.levelno == logging.ERROR and record.exc_info is None
    line = record.getMessage()
    assert "\n" not in line
    for word in words:
        assert word in line, (word, line)


async def _tickets_due_by(
    database: Database, field: str
) -> tuple[TicketRepository, list[str], str]:
    """Three tickets due by ``field`` (a minute apart) and a broken copy of the first, due
    before them all (at the head of the read): its status one this replica does not know."""
    repo = TicketRepository(database)
    await repo.create_indexes()
    good = [(await repo.create(_new())).id for _ in range(3)]
    for n, ticket_id in enumerate(good):
        await database.handle["tickets"].update_one(
            {"_id": ticket_id}, {"$set": {field: T0 - (3 - n) * M}}
        )
    await _broken_copy(
        database, "tickets", good[0], "INC-BAD", {"status": "on_hold", field: T0 - 10 * M}
    )
    return repo, good, "INC-BAD"


@pytest.mark.parametrize("field", ["next_ping_at", "announce_at", "fanout_at"])
async def test_a_ticket_that_cannot_be_decoded_is_left_out_of_the_due_reads(
    database: Database, field: str, caplog: pytest.LogCaptureFixture
) -> None:
    repo, good, bad = await _tickets_due_by(database, field)
    reads: dict[str, Callable[[], Awaitable[list[Any]]]] = {
        "next_ping_at": lambda: repo.due(T0, limit=10),
        "announce_at": lambda: repo.unannounced(T0),
        "fanout_at": lambda: ProblemTickets(database).fanouts_due(T0),
    }
    with caplog.at_level(logging.ERROR):
        found = await reads[field]()
    assert [ticket.id for ticket in found] == good
    _told_once(caplog, "tickets", bad, "ValueError: 'on_hold' is not a valid Status")


def _approval(ticket_id: str) -> Approval:
    return Approval(
        ticket_id=ticket_id,
        requester="U0JOHN",
        item="shared_folder",
        step=0,
        steps=1,
        approvers=("U0DESKMEMBER",),
        state=ApprovalState.PENDING,
        asked_at=T0 - 2 * M,
        due_at=T0 - M,
    )


async def test_an_approval_that_cannot_be_decoded_is_left_out(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    repo = ApprovalRepository(database)
    await repo.create_indexes()
    for ticket_id in ("REQ-1", "REQ-2"):
        await repo.create(_approval(ticket_id))
    await database.handle["approvals"].update_many(
        {}, {"$set": {"settled": False, "decided_at": T0 - M}}
    )
    await _broken_copy(database, "approvals", "REQ-1", "REQ-0", {"asked_at": "yesterday"})
    with caplog.at_level(logging.ERROR):
        assert [a.ticket_id for a in await repo.due(T0)] == ["REQ-1", "REQ-2"]
    _told_once(caplog, "approvals", "REQ-0", "AttributeError")
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        assert [a.ticket_id for a in await repo.unsettled(T0)] == ["REQ-1", "REQ-2"]
    _told_once(caplog, "approvals", "REQ-0")  # once per read


async def test_an_outbox_item_that_cannot_be_decoded_is_left_out(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    outbox = OutboxRepository(database)
    await outbox.create_indexes()
    page = Outgoing(OutgoingKind.PAGE, "EMG-1", "U0A", number=1, about="EMG-1")
    await outbox.add([("EMG-1:0", page), ("EMG-1:1", page)], T0 - M)
    await _broken_copy(database, "outbox", "EMG-1:0", "EMG-1:x", {"message.level": "top"})
    with caplog.at_level(logging.ERROR):
        assert [item.id for item in await outbox.due(T0, limit=10)] == ["EMG-1:0", "EMG-1:1"]
    _told_once(caplog, "outbox", "EMG-1:x", "ValueError: invalid literal for int()")
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        claimed = await outbox.claim_group(OutgoingKind.PAGE, "EMG-1", T0, T0 + M, limit=10)
    assert [item.id for item in claimed] == ["EMG-1:0", "EMG-1:1"]
    _told_once(caplog, "outbox", "EMG-1:x")


async def test_a_pending_audit_line_that_cannot_be_decoded_leaves_the_others(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    log = AuditLog(database)
    await log.create_indexes()
    tickets = database.handle["tickets"]
    for n in (1, 2):
        line = AuditEntry(f"line-{n}", T0, "U0ANN", "claimed", Outcome.DONE, ticket_id=f"INC-{n}")
        await tickets.insert_one({"_id": f"INC-{n}", "audit_pending": [pending_document(line)]})
    await _broken_copy(database, "tickets", "INC-1", "INC-0", {})
    await tickets.update_one({"_id": "INC-0"}, {"$set": {"audit_pending.0.outcome": "maybe"}})
    with caplog.at_level(logging.ERROR):
        pending = await log.pending(10)
    assert sorted((holder, doc) for holder, doc, _ in pending) == [
        ("tickets", "INC-1"),
        ("tickets", "INC-2"),
    ]
    _told_once(caplog, "tickets", "INC-0", "'maybe' is not a valid Outcome")


async def test_a_lesson_that_cannot_be_decoded_is_left_out_of_the_model(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    repo = LessonRepository(database)
    await repo.create_indexes()
    for ticket_id in ("INC-1", "INC-2"):
        await repo.record(_lesson(ticket_id, "app_dev"), T0)
    await _broken_copy(database, "triage_lessons", "INC-1", "INC-0", {"service": None})
    with caplog.at_level(logging.ERROR):
        assert sorted(s.lesson.ticket_id for s in await repo.all()) == ["INC-1", "INC-2"]
    _told_once(caplog, "triage_lessons", "INC-0", "KeyError: 'service'")
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        assert sorted(s.lesson.ticket_id for s in await repo.since(T0)) == ["INC-1", "INC-2"]
    _told_once(caplog, "triage_lessons", "INC-0")


async def test_a_database_down_still_raises_store_unavailable() -> None:
    database, switch = flaky_database()
    switch.down = True
    reads: list[Callable[[], Awaitable[object]]] = [
        lambda: TicketRepository(database).due(T0, limit=10),
        lambda: TicketRepository(database).unannounced(T0),
        lambda: ProblemTickets(database).fanouts_due(T0),
        lambda: ApprovalRepository(database).due(T0),
        lambda: ApprovalRepository(database).unsettled(T0),
        lambda: OutboxRepository(database).due(T0, limit=10),
        lambda: AuditLog(database).pending(10),
        lambda: LessonRepository(database).all(),
        lambda: LessonRepository(database).since(T0),
    ]
    for read in reads:
        with pytest.raises(StoreUnavailable):
            await read()


def test_one_line_per_read_names_each_document_left_out(
    caplog: pytest.LogCaptureFixture,
) -> None:
    documents = [{"_id": f"D-{n}", "n": n if n % 2 else "x"} for n in range(2 * NAMED_MAX + 6)]
    with caplog.at_level(logging.ERROR):
        decoded = each_decoded("things", documents, lambda document: int(document["n"]))
    assert decoded == list(range(1, 2 * NAMED_MAX + 6, 2))
    (record,) = _decoding_errors(caplog)
    line = record.getMessage()
    assert line.startswith(f"storage: {NAMED_MAX + 3} document(s) of things cannot be decoded")
    assert "D-0 (ValueError: invalid literal for int() with base 10: 'x')" in line
    assert f"D-{2 * (NAMED_MAX - 1)} (" in line and f"D-{2 * NAMED_MAX} (" not in line
    assert line.endswith("; and 3 more")
