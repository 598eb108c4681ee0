"""What the in-memory store's views keep per document: a document whose indexed fields are all
missing or null is left out of that index (as MongoDB's sparse indexes leave it out) and a query
that can match it is never narrowed by that index; a key of one document holds its ``_id``
alone; the whole view of a filed ticket takes about 0.56 kB, where it took 1 kB (3.85 kB at
first): where a document is in each index is computed from it, not kept beside it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from mongomock.collection import Collection

from bot.domain.models import MessageRef, Status
from storage.client import Database
from storage.memory import _scan, deep_size, view_of
from storage.memory_compact import documents_of
from storage.memory_view import FEW, INDEXES, CollectionView, Index, _Few, _Ids
from storage.tickets import TicketRepository
from tests.fakes import ticket

T0 = datetime(2026, 3, 1, 9, 0)


def test_a_document_without_the_fields_of_an_index_is_left_out_of_it() -> None:
    view = CollectionView([Index(("problem_id",)), Index((), "next_ping_at")])
    documents: dict[str, dict[str, Any]] = {
        "a": {"problem_id": "PRB-1", "next_ping_at": T0},
        "b": {"problem_id": None},
        "c": {},
        "d": {"problem_id": "PRB-1"},
    }
    for key, document in documents.items():
        view.stored(key, document)
    by_problem, by_ping = view.indexes
    assert by_problem.buckets.keys() == {"PRB-1"}
    assert set(by_problem.buckets["PRB-1"]) == {"a", "d"}
    assert by_ping.buckets[()].ids() == ["a"]
    assert view.candidates({"problem_id": "PRB-1"}) == ["a", "d"]
    assert view.candidates({"next_ping_at": {"$lte": T0}}) == ["a"]
    # null matches the documents left out: no narrowing, every document is tested
    assert view.candidates({"problem_id": None}) is None
    assert view.candidates({"problem_id": {"$in": ["PRB-1", None]}}) is None
    was, documents["b"] = (
        documents["b"],
        {"problem_id": "PRB-2", "next_ping_at": T0 + timedelta(hours=1)},
    )
    view.stored("b", documents["b"], was)
    assert view.candidates({"problem_id": "PRB-2"}) == ["b"]
    assert view.candidates({"next_ping_at": {"$gte": T0}}) == ["a", "b"]
    view.check(iter(documents.items()))


def test_a_key_of_one_document_holds_its_id_alone_until_a_second_comes() -> None:
    view = CollectionView([Index(("message.ts",))])
    (index,) = view.indexes
    view.stored("a", {"message": {"ts": "1.0"}})
    assert index.buckets == {"1.0": "a"}
    view.stored("b", {"message": {"ts": "1.0"}})
    assert set(index.buckets["1.0"]) == {"a", "b"}
    assert view.candidates({"message.ts": "1.0"}) == ["a", "b"]
    view.deleted("a", {"message": {"ts": "1.0"}})
    assert index.buckets == {"1.0": "b"}
    view.stored("b", {"message": {"ts": "2.0"}}, {"message": {"ts": "1.0"}})
    assert index.buckets == {"2.0": "b"}
    view.check(iter({"b": {"message": {"ts": "2.0"}}}.items()))


def test_a_key_of_a_few_documents_holds_a_tuple_and_of_many_a_dict() -> None:
    """An outbox item's ticket has two or three items: their ids in a tuple (a quarter of a
    dict's bytes); past ``FEW`` a dict, and a tuple again once half of them are gone."""
    view = CollectionView([Index(("message.ticket_id",))])
    (index,) = view.indexes
    documents = {f"i{n}": {"message": {"ticket_id": "INC-1"}} for n in range(FEW + 1)}
    for key, document in list(documents.items())[:FEW]:
        view.stored(key, document)
    assert isinstance(index.buckets["INC-1"], _Few) and len(index.buckets["INC-1"]) == FEW
    view.stored(f"i{FEW}", documents[f"i{FEW}"])
    assert isinstance(index.buckets["INC-1"], _Ids)
    for n in range(FEW // 2 + 1):
        view.deleted(f"i{n}", documents.pop(f"i{n}"))
    assert isinstance(index.buckets["INC-1"], _Few)
    assert view.candidates({"message.ticket_id": "INC-1"}) == [*documents]
    view.check(iter(documents.items()))
    while len(documents) > 1:
        key = next(iter(documents))
        view.deleted(key, documents.pop(key))
    assert index.buckets == {"INC-1": f"i{FEW}"}
    view.check(iter(documents.items()))


async def test_queries_for_null_on_a_sparse_index_match_a_full_scan(
    memory_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    tickets = memory_database.handle["tickets"]
    await tickets.insert_many(
        [
            {"_id": f"T-{n}", "status": "new", "type": "incident"}
            | ({"problem_id": f"PRB-{n % 3}"} if n % 2 else {"problem_id": None})
            | ({"origin": {"key": f"k{n}"}} if n % 5 == 0 else {})
            for n in range(30)
        ]
    )
    queries = [
        {"problem_id": None},
        {"problem_id": {"$in": [None, "PRB-1"]}},
        {"problem_id": "PRB-1"},
        {"origin.key": None, "status": "new"},
        {"origin.key": "k10"},
        {"$or": [{"origin.key": None}, {"problem_id": "PRB-2"}]},
    ]
    for query in queries:
        indexed = [d["_id"] for d in await tickets.find(query).to_list(None)]
        with monkeypatch.context() as patched:
            patched.setattr(Collection, "_iter_documents", _scan)
            scanned = [d["_id"] for d in await tickets.find(query).to_list(None)]
        assert indexed == scanned and scanned, query


async def test_the_view_of_a_filed_ticket_takes_about_half_a_kilobyte(
    memory_database: Database,
) -> None:
    """2,000 tickets as the load benchmark leaves them (each its own card ts and form view id,
    200 requesters, open or finished): what the view holds beside the documents."""
    statuses = [Status.NEW, Status.IN_PROGRESS, Status.CLOSED, Status.RESOLVED]
    await TicketRepository(memory_database).import_tickets(
        [
            ticket(
                id=f"INC-{n}",
                at=datetime(2026, 3, 1, tzinfo=UTC) + timedelta(minutes=n),
                requester=f"U{n % 200:05d}",
                status=statuses[n % 4],
                message=MessageRef("C1", f"1700000000.{n:06d}"),
                next_ping_at=datetime(2026, 3, 2, tzinfo=UTC) if n % 4 < 2 else None,
            )
            for n in range(2000)
        ]
    )
    tickets = memory_database.handle["tickets"]
    await tickets.update_many({}, [{"$set": {"submission": {"$concat": ["view:", "$_id"]}}}])
    store = tickets._AsyncMongoMockCollection__collection._store
    view = view_of(store)
    assert len(view.indexes) == len(INDEXES["tickets"])
    seen: set[int] = set()
    deep_size(store._documents, seen)
    per_ticket = deep_size(view, seen) / 2000
    # 3,850 B at first, 1,000 B while each document kept where it was in every index (a
    # tuple of 22 slots); its own strings counted
    assert 100 < per_ticket < 650, per_ticket
    view.check(documents_of(store))


async def test_the_audit_sweeps_exists_query_is_narrowed_to_the_documents_holding_lines(
    memory_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``{"audit_pending.id": {"$exists": True}}`` (the audit sweep, each scheduler tick) is
    answered from the documents that hold a line, not by decoding every ticket: a settled
    ticket keeps an empty ``audit_pending``, which the path does not reach."""
    tickets = memory_database.handle["tickets"]
    await tickets.insert_many(
        [
            {"_id": f"T-{n}", "status": "new"}
            | ({"audit_pending": [{"id": f"line-{n}"}]} if n % 7 == 0 else {})
            | ({"audit_pending": []} if n % 7 == 1 else {})
            | ({"audit_pending": [{"id": None}]} if n % 7 == 2 else {})  # null exists
            for n in range(30)
        ]
    )
    await tickets.update_one({"_id": "T-1"}, {"$push": {"audit_pending": {"id": "late"}}})
    await tickets.update_one({"_id": "T-7"}, {"$pull": {"audit_pending": {"id": "line-7"}}})
    query = {"audit_pending.id": {"$exists": True}}
    holding = ["T-0", "T-1", "T-2", "T-9", "T-14", "T-16", "T-21", "T-23", "T-28"]
    store = tickets._AsyncMongoMockCollection__collection._store
    assert view_of(store).candidates(query) == holding
    indexed = [d["_id"] for d in await tickets.find(query).to_list(None)]
    with monkeypatch.context() as patched:
        patched.setattr(Collection, "_iter_documents", _scan)
        scanned = [d["_id"] for d in await tickets.find(query).to_list(None)]
    assert indexed == scanned == holding
    view_of(store).check(documents_of(store))
