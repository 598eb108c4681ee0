"""The in-memory store keeps documents as BSON and gives back what MongoDB gives back (each
``database`` test runs on a real server too when MONGODB_URI is set: the same answers); its
updates, refused or not, change the stored documents as MongoDB's do; a ticket takes half of
what it took as Python objects, or less."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import bson
import pytest
from pymongo.errors import DuplicateKeyError

from bot.domain.models import MessageRef
from storage.client import Database
from storage.memory import deep_size, stored_data
from storage.memory_compact import PACKED, SAMPLES
from storage.ticket_documents import _to_document
from storage.tickets import TicketRepository
from tests.fakes import ticket

AT = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)


def _store(database: Database, name: str) -> Any:
    return database.handle[name]._AsyncMongoMockCollection__collection._store


async def test_a_document_comes_back_as_mongodb_gives_it_back(database: Database) -> None:
    items = database.handle["outbox"]
    await items.insert_one({"state": "new", "pair": (1, "two"), "at": AT, "_id": "i1"})
    found = await items.find_one({"_id": "i1"})
    assert found == {
        "_id": "i1",
        "state": "new",
        "pair": [1, "two"],  # BSON has arrays, not tuples
        "at": AT.replace(microsecond=123000),  # milliseconds
    }
    assert list(found) == ["_id", "state", "pair", "at"]  # _id first, as the server keeps it
    found["state"] = "changed here"
    assert (await items.find_one({"_id": "i1"}))["state"] == "new"  # each read a fresh copy
    if not database.persistent:
        assert type(_store(database, "outbox")._documents["i1"]) is bytes


async def test_updates_change_the_stored_documents(database: Database) -> None:
    items = database.handle["outbox"]
    await items.insert_many(
        [{"_id": f"i{n}", "state": "pending", "tries": [], "n": n} for n in range(6)]
    )
    await items.update_one({"_id": "i1"}, {"$set": {"state": "sent"}, "$push": {"tries": 1}})
    await items.update_many({"n": {"$gte": 4}}, {"$inc": {"n": 10}})
    after = await items.find_one_and_update(
        {"_id": "i2"}, {"$set": {"state": "sent"}}, return_document=True
    )
    await items.replace_one({"_id": "i3"}, {"state": "replaced"})
    await items.update_one({"_id": "i9"}, {"$set": {"state": "new"}}, upsert=True)
    stored = {d["_id"]: d for d in await items.find({}).to_list(None)}
    assert stored["i1"] == {"_id": "i1", "state": "sent", "tries": [1], "n": 1}
    assert after == stored["i2"] and after["state"] == "sent"
    assert stored["i3"] == {"_id": "i3", "state": "replaced"}
    assert [stored[f"i{n}"]["n"] for n in (0, 4, 5)] == [0, 14, 15]
    assert stored["i9"] == {"_id": "i9", "state": "new"}
    sent = await items.find({"state": "sent"}).to_list(None)
    assert [d["_id"] for d in sent] == ["i1", "i2"]  # the in-memory index follows


async def test_a_refused_update_leaves_the_document_as_it_was(database: Database) -> None:
    tickets = database.handle["tickets"]
    await tickets.create_index("submission", unique=True, sparse=True)
    await tickets.insert_many(
        [{"_id": "T-1", "submission": "view:1"}, {"_id": "T-2", "submission": "view:2"}]
    )
    with pytest.raises(DuplicateKeyError):
        await tickets.update_one(
            {"_id": "T-2"}, {"$set": {"submission": "view:1", "status": "taken"}}
        )
    assert await tickets.find_one({"_id": "T-2"}) == {"_id": "T-2", "submission": "view:2"}
    assert [d["_id"] for d in await tickets.find({"submission": "view:2"}).to_list(None)] == ["T-2"]


async def test_a_collection_with_an_expiry_index_keeps_its_documents_as_they_are(
    memory_database: Database,
) -> None:
    """mongomock's expiry reads the stored documents itself: they stay dicts there."""
    items = memory_database.handle["sessions"]
    await items.insert_one({"_id": "s1", "at": datetime.now(UTC)})
    await items.insert_one({"_id": "s2", "at": datetime.now(UTC) - timedelta(hours=2)})
    await items.create_index("at", expireAfterSeconds=3600)
    await items.insert_one({"_id": "s3", "at": datetime.now(UTC)})
    assert {type(raw) for raw in _store(memory_database, "sessions")._documents.values()} == {dict}
    found = await items.find({}).to_list(None)
    assert [d["_id"] for d in found] == ["s1", "s3"]
    found[0]["at"] = None  # a copy of what the store holds, as before
    assert (await items.find_one({"_id": "s1"}))["at"] is not None


async def test_a_ticket_takes_a_tenth_of_what_it_took(memory_database: Database) -> None:
    """Imported tickets (no history yet): 2.04 kB each as Python objects, 1 kB as BSON, 0.21 kB
    deflated against the collection's first documents (the load benchmark's filed tickets,
    with their history: 3.9 kB, then 1.5 kB as BSON)."""
    tickets = [
        ticket(
            id=f"INC-{n}",
            title=f"The printer near the kitchen is jammed ({n})",
            description="It shows a paper jam and nothing prints since this morning.",
            requester=f"U{n % 200:07d}",
            message=MessageRef("C0SERVICE1", f"1700000000.{n:06d}"),
            next_ping_at=AT + timedelta(days=1),
        )
        for n in range(500)
    ]
    await TicketRepository(memory_database).import_tickets(tickets)
    per_ticket = stored_data(memory_database)["tickets"].data_bytes / 500
    as_objects = deep_size([_to_document(t) | {"history": []} for t in tickets]) / 500
    assert per_ticket < as_objects / 6, (per_ticket, as_objects)


async def test_documents_are_kept_deflated_once_the_collection_has_its_dictionary(
    memory_database: Database,
) -> None:
    """The first documents of a collection are kept as BSON and make its dictionary; the next
    ones are kept deflated against it. Both come back as written, before and after updates."""
    items = memory_database.handle["outbox"]
    written: list[dict[str, Any]] = [
        {"_id": f"i{n}", "state": "pending", "message": {"kind": "card", "ticket_id": f"INC-{n}"}}
        for n in range(SAMPLES + 3)
    ]
    await items.insert_many([dict(item) for item in written])
    raws = _store(memory_database, "outbox")._documents
    assert [raws[f"i{n}"] == bson.encode(written[n]) for n in range(SAMPLES)] == [True] * SAMPLES
    assert all(raws[f"i{n}"].startswith(PACKED) for n in range(SAMPLES, SAMPLES + 3))
    assert all(len(raws[f"i{n}"]) < len(bson.encode(written[n])) / 2 for n in (5, 6))
    assert await items.find({}).to_list(None) == written
    await items.update_many({}, {"$set": {"state": "sent"}, "$unset": {"message.kind": ""}})
    for item in written:
        item["state"] = "sent"
        del item["message"]["kind"]
    assert await items.find({}).to_list(None) == written
    assert await items.find({"state": "sent", "_id": {"$in": ["i1", "i5"]}}).to_list(None) == [
        written[1],
        written[5],
    ]
    assert all(raw.startswith(PACKED) for raw in raws.values())  # stored again: deflated
