"""The in-memory store answers lookups by id directly, with the same answers as a full scan."""

from __future__ import annotations

import time

import pytest
from mongomock.collection import Collection

from storage.client import Database
from storage.memory import _scan


async def test_lookups_by_id_match_a_full_scan(
    memory_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    tickets = memory_database.handle["tickets"]
    await tickets.insert_many(
        [{"_id": f"INC-{i}", "status": "new" if i % 2 else "closed"} for i in range(50)]
    )
    queries = [
        {"_id": "INC-7"},
        {"_id": "INC-7", "status": "new"},
        {"_id": "INC-7", "status": "closed"},
        {"_id": "INC-404"},
        {"_id": {"$in": ["INC-1", "INC-2"]}},
        {"status": "closed"},
    ]

    async def answers() -> list[list[str]]:
        return [[d["_id"] for d in await tickets.find(q).to_list(100)] for q in queries]

    direct = await answers()
    with monkeypatch.context() as patched:
        patched.setattr(Collection, "_iter_documents", _scan)
        scanned = await answers()
    assert direct == scanned
    assert direct[0] == ["INC-7"] and direct[2] == [] and direct[3] == []
    updated = await tickets.find_one_and_update(
        {"_id": "INC-8", "status": "new"}, {"$set": {"status": "x"}}
    )
    assert updated is None  # INC-8 is closed: the condition still applies
    await tickets.update_one({"_id": "REQ-1"}, {"$inc": {"seq": 1}}, upsert=True)
    assert await tickets.find_one({"_id": "REQ-1"}) == {"_id": "REQ-1", "seq": 1}


async def test_lookup_by_id_does_not_grow_with_the_collection(memory_database: Database) -> None:
    tickets = memory_database.handle["tickets"]
    await tickets.insert_many([{"_id": f"INC-{i}", "history": [{"a": i}]} for i in range(5000)])
    started = time.perf_counter()
    for i in range(200):
        assert await tickets.find_one({"_id": f"INC-{i * 20}"}, {"history": 0}) is not None
    assert time.perf_counter() - started < 1.0  # a full scan each would take seconds
