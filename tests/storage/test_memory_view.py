"""The in-memory store's views: the same answers as a full scan after any sequence of writes,
the view always what rebuilding it would give, and queries that test only a few documents."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import mongomock.collection as collection_module
import pytest
from mongomock.collection import Collection
from pymongo.errors import BulkWriteError, DuplicateKeyError

import storage.memory as memory
from bot.domain.models import SlaClocks, Status, TicketType
from storage.client import Database
from storage.memory import _scan, view_of
from storage.memory_compact import documents_of
from storage.memory_view import INDEXES, CollectionView, Index
from storage.problem_tickets import ProblemTickets
from storage.tickets import TicketRepository
from tests.fakes import ticket

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
PARIS = timezone(timedelta(hours=1))
STATUSES = ["new", "in_progress", "resolved", "closed"]
TYPES = ["incident", "problem", "emergency"]


def _document(rng: random.Random, number: int) -> dict[str, Any]:
    document: dict[str, Any] = {
        "_id": f"T-{number}",
        "type": rng.choice(TYPES),
        "status": rng.choice(STATUSES),
        "service": rng.choice(["desk", "infra"]),
        "created_at": _when(rng),
        "problem_id": rng.choice([None, None, "PRB-1", "PRB-2"]),
    }
    if rng.random() < 0.1:
        document["status"] = ["odd", "array"]  # unplaceable: a candidate of every query
    if rng.random() < 0.2:
        document["message"] = {"ts": f"{rng.randrange(5)}.0", "channel": "C1"}
    if rng.random() < 0.1:
        del document["created_at"]
    if rng.random() < 0.3:
        document["next_ping_at"] = _when(rng)
    return document


def _when(rng: random.Random) -> datetime:
    """A date as written: to the microsecond (the store keeps milliseconds), in UTC or not."""
    when = T0 + timedelta(minutes=rng.randrange(600), microseconds=rng.randrange(10**6))
    return when.astimezone(PARIS) if rng.random() < 0.3 else when


def _queries(rng: random.Random) -> list[dict[str, Any]]:
    since = T0 + timedelta(minutes=rng.randrange(600))
    return [
        {"type": rng.choice(TYPES), "status": {"$in": STATUSES[:2]}},
        {"type": "incident", "status": {"$in": STATUSES[:2]}, "created_at": {"$gte": since}},
        {"service": "infra", "status": rng.choice(STATUSES), "created_at": {"$lt": since}},
        {"problem_id": rng.choice([None, "PRB-1"])},
        {"message.ts": f"{rng.randrange(5)}.0", "message.channel": "C1"},
        {"next_ping_at": {"$lte": since}},
        {"$or": [{"status": "new", "type": "problem"}, {"type": "emergency", "status": "closed"}]},
        {"status": {"$nin": ["closed"]}},
        {"_id": {"$in": [f"T-{rng.randrange(80)}" for _ in range(5)]}},
        {"_id": f"T-{rng.randrange(80)}", "status": "new"},
    ]


async def _write(tickets: Any, rng: random.Random, number: int) -> None:
    """One random write, of every kind the repositories make."""
    target = f"T-{rng.randrange(number + 1)}"
    change = {
        "status": rng.choice([*STATUSES, ["x"]]),
        "type": rng.choice(TYPES),
        "created_at": _when(rng),
        "message.ts": f"{rng.randrange(5)}.0",
        "next_ping_at": rng.choice([None, _when(rng)]),
        "origin.key": rng.choice(["k1", "k2", "k3", "k4"]),  # unique: a second one is refused
    }
    field = rng.choice(list(change))
    kind = rng.randrange(8)
    try:
        if kind == 0:
            await tickets.insert_one(_document(rng, number))
        elif kind == 1:
            documents = [_document(rng, rng.randrange(number + 3)) for _ in range(3)]
            await tickets.insert_many(documents, ordered=False)
        elif kind == 2:
            await tickets.update_one({"_id": target}, {"$set": {field: change[field]}})
        elif kind == 3:
            query = {"status": rng.choice(STATUSES)}
            await tickets.update_many(query, {"$set": {field: change[field]}})
        elif kind == 4:
            await tickets.find_one_and_update(
                {"_id": target, "type": rng.choice(TYPES)},
                {"$set": {field: change[field]}},
                upsert=rng.random() < 0.5,
            )
        elif kind == 5:
            await tickets.delete_one({"_id": target})
        elif kind == 6:
            await tickets.delete_many({"type": rng.choice(TYPES), "status": "closed"})
        else:
            replacement = _document(rng, number)
            del replacement["_id"]
            await tickets.replace_one({"_id": target}, replacement, upsert=True)
    except (DuplicateKeyError, BulkWriteError):
        pass  # refused as MongoDB refuses it: the view must still match


@pytest.mark.parametrize("seed", [17, 5])
async def test_answers_match_a_full_scan_after_any_writes(
    memory_database: Database, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    tickets = memory_database.handle["tickets"]
    await tickets.create_index("origin.key", unique=True, sparse=True)
    rng = random.Random(seed)
    await tickets.insert_many([_document(rng, number) for number in range(60)])
    store = tickets._AsyncMongoMockCollection__collection._store  # mongomock's own
    compared = 0
    for step in range(400):
        await _write(tickets, rng, 60 + step)
        view_of(store).check(documents_of(store))
        keys = [d["origin"]["key"] for _, d in documents_of(store) if "origin" in d]
        assert len(keys) == len(set(keys))  # the unique index held, updates included
        if step % 10:
            continue
        for query in _queries(rng):
            indexed = [d["_id"] for d in await tickets.find(query).to_list(None)]
            with monkeypatch.context() as patched:
                patched.setattr(Collection, "_iter_documents", _scan)
                scanned = [d["_id"] for d in await tickets.find(query).to_list(None)]
            assert indexed == scanned, query
            compared += bool(scanned)
    assert compared > 100  # the queries found documents, not just empty answers


async def test_a_dropped_collection_starts_a_fresh_view(memory_database: Database) -> None:
    tickets = memory_database.handle["tickets"]
    await tickets.insert_one({"_id": "T-1", "type": "incident", "status": "new"})
    await tickets.drop()
    await tickets.insert_one({"_id": "T-2", "type": "incident", "status": "new"})
    found = await tickets.find({"type": "incident", "status": "new"}).to_list(None)
    assert [d["_id"] for d in found] == ["T-2"]


async def test_a_document_gone_behind_the_views_back_makes_it_start_again(
    memory_database: Database,
) -> None:
    """A document taken out of mongomock's documents without the store hearing of it: the view
    that still places it is made again from the documents at the next write of that ``_id``,
    not failed on nor left wrong."""
    tickets = memory_database.handle["tickets"]
    await tickets.insert_many(
        [{"_id": f"T-{n}", "type": "incident", "status": "new"} for n in range(3)]
    )
    store = tickets._AsyncMongoMockCollection__collection._store
    assert view_of(store).candidates({"type": "incident", "status": "new"}) == ["T-0", "T-1", "T-2"]
    del store._documents["T-1"]  # not through the store
    await tickets.insert_one({"_id": "T-1", "type": "incident", "status": "closed"})
    found = await tickets.find({"type": "incident", "status": "new"}).to_list(None)
    assert [d["_id"] for d in found] == ["T-0", "T-2"]
    view_of(store).check(documents_of(store))


Applies = Callable[[Any, dict[str, Any]], bool]


def _recording(applies: Applies, tested: list[dict[str, Any]]) -> Applies:
    """mongomock's ``filter_applies``, recording in ``tested`` each document it tests."""

    def recorded(search_filter: Any, document: dict[str, Any]) -> bool:
        tested.append(document)
        return applies(search_filter, document)

    return recorded


async def test_filing_queries_test_only_open_documents(
    memory_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With 3,000 finished tickets stored, the filing's triage queries test a handful."""
    old = [
        ticket(id=f"INC-{n}", status=Status.CLOSED, at=T0 - timedelta(days=n % 300))
        for n in range(3000)
    ]
    await TicketRepository(memory_database).import_tickets([*old, ticket(id="INC-9999")])
    tested: list[dict[str, Any]] = []
    monkeypatch.setattr(memory, "filter_applies", _recording(memory.filter_applies, tested))
    queries = ProblemTickets(memory_database)
    recent = await queries.recent_unlinked_incidents("service_desk", T0 - timedelta(hours=2))
    problems = await queries.open_of_type(TicketType.PROBLEM, "service_desk")
    assert [t.id for t in recent] == ["INC-9999"] and problems == []
    assert len(tested) == 1  # INC-9999 alone: the open incidents of the window


async def test_a_recurrence_lookup_tests_only_what_was_fixed_in_its_window(
    memory_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With 3,000 problems fixed over a year stored, the filing's "fixed in the last 24 hours"
    lookup (a possible recurrence) tests the ones of its window: it tested every fixed one of
    those types (the filing's cost grew with history: 1.38x at 20,000 tickets)."""
    old = [
        ticket(
            id=f"PRB-{n}",
            type=TicketType.PROBLEM,
            status=Status.CLOSED,
            at=T0 - timedelta(days=2 + n % 300),
            sla=SlaClocks(resolved_at=T0 - timedelta(days=2 + n % 300)),
        )
        for n in range(3000)
    ]
    fixed = ticket(
        id="PRB-9999",
        type=TicketType.PROBLEM,
        status=Status.RESOLVED,
        sla=SlaClocks(resolved_at=T0 - timedelta(hours=1)),
    )
    await TicketRepository(memory_database).import_tickets([*old, fixed])
    tested: list[dict[str, Any]] = []
    monkeypatch.setattr(memory, "filter_applies", _recording(memory.filter_applies, tested))
    found = await ProblemTickets(memory_database).fixed_since(
        [TicketType.PROBLEM, TicketType.EMERGENCY], T0 - timedelta(hours=24)
    )
    assert [t.id for t in found] == ["PRB-9999"]
    assert len(tested) <= 2  # its window (widened by a second), not the year


def test_a_view_places_what_it_cannot_hash_with_every_candidate() -> None:
    view = CollectionView([Index(("status",), "created_at")])
    a = {"status": "new", "created_at": datetime(2026, 1, 1)}
    view.stored("a", a)
    view.stored("b", {"status": ["new", "closed"]})
    view.stored("c", {"status": "closed", "created_at": datetime(2026, 1, 1)})
    view.stored("d", {"status": "new", "created_at": "yesterday"})
    query = {"status": "new", "created_at": {"$gte": datetime(2025, 1, 1)}}
    assert view.candidates(query) == ["a", "b", "d"]
    assert view.candidates({"kind": "x"}) is None  # nothing to narrow by: a full scan
    view.deleted("a", a)
    assert view.candidates(query) == ["b", "d"]


async def test_a_write_checks_the_unique_indexes_by_the_view(
    memory_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """mongomock checks a collection's unique indexes after every write to one of its
    documents; with 3,000 tickets filed by form, changing one tests a handful, not them all
    (a full scan on every ticket update made each filing cost more than the one before)."""
    await TicketRepository(memory_database).create_indexes()
    tickets = memory_database.handle["tickets"]
    await tickets.insert_many(
        [{"_id": f"INC-{n}", "status": "new", "submission": f"view:V{n}"} for n in range(3000)]
    )
    tested: list[dict[str, Any]] = []
    for module in (memory, collection_module):
        monkeypatch.setattr(module, "filter_applies", _recording(module.filter_applies, tested))
    await tickets.update_one({"_id": "INC-7"}, {"$set": {"status": "in_progress"}})
    assert len(tested) <= 3  # the ticket itself, found by _id, then by its view id
    with pytest.raises(DuplicateKeyError):  # the unique index still holds
        await tickets.update_one({"_id": "INC-8"}, {"$set": {"submission": "view:V7"}})


async def test_every_unique_index_of_the_bot_is_in_the_views(memory_database: Database) -> None:
    """A unique index the views do not mirror makes every write to its collection a scan."""
    from tests.e2e.harness import running_bot

    async with running_bot(memory_database) as harness:
        indexes = harness.guichet.indexes
        assert indexes is not None
        await asyncio.wait_for(indexes.done.wait(), 10)
        client = memory_database.handle
        unique = {
            (name, tuple(field for field, _ in index["key"]))
            for name in await client.list_collection_names()
            for index in (await client[name].index_information()).values()
            if index.get("unique")
        }
    assert unique  # the tickets' view id and origin key at least
    for name, fields in unique:
        mirrored = {index.fields for index in INDEXES.get(name, ())}
        assert fields in mirrored, (name, fields)
