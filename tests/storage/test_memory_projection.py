"""A query's projection on the in-memory store gives what MongoDB gives (each ``database`` test
runs on a real server too when MONGODB_URI is set): top-level fields kept or left out are
picked from the document decoded for that read, other projections go through mongomock's own;
what a reader changes in its answer never reaches the store."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from mongomock.mongo_client import MongoClient

from storage.client import Database
from storage.memory_compact import _copy_only_fields, _picked

AT = datetime(2026, 3, 1, 9, 30, 15, 123000, tzinfo=UTC)
DOCUMENT = {
    "_id": "INC-1",
    "title": "VPN",
    "history": [{"at": AT, "actor": "U1"}],
    "message": {"channel": "C1", "ts": "1.1"},
    "requester_dms": [{"channel": "D1", "ts": "2.2", "text": "t"}],
    "assignee": None,
}
PROJECTIONS: list[dict[str, Any]] = [
    {"history": 0},
    {"history": 0, "requester_dms": 0},
    {"history": 0, "_id": 0},
    {"requester_dms": 1},
    {"requester_dms": 1, "title": True, "_id": 0},
    {"absent": 1},
    {"absent": 0},
    {"message.channel": 1},  # dotted: mongomock's own
    {"history": {"$slice": 1}},  # an operator: mongomock's own
    {"_id": 1},
]


@pytest.mark.parametrize("projection", PROJECTIONS, ids=str)
async def test_a_projection_answers_as_mongodb_does(
    database: Database, projection: dict[str, Any]
) -> None:
    tickets = database.handle["tickets"]
    await tickets.insert_one(dict(DOCUMENT))
    found = await tickets.find_one({"_id": "INC-1"}, dict(projection))
    plain_mongomock = MongoClient()["bench"]["tickets"]
    mongomock_answer = _copy_only_fields(plain_mongomock, dict(DOCUMENT), dict(projection), dict)
    if "$slice" not in str(projection):  # mongomock's projection operators differ apart
        assert found == mongomock_answer
    if _picked(DOCUMENT, projection) is not None:  # in the document's order, _id first
        assert list(found) == [key for key in DOCUMENT if key in found]
    if isinstance(found.get("message"), dict):
        found["message"]["channel"] = "changed by the reader"
    again = await tickets.find_one({"_id": "INC-1"})
    assert again["message"] == {"channel": "C1", "ts": "1.1"}


def test_only_top_level_keep_or_leave_out_projections_are_picked() -> None:
    assert _picked(DOCUMENT, {"history": 0}) == {
        k: v for k, v in DOCUMENT.items() if k != "history"
    }
    assert _picked(DOCUMENT, {"title": 1, "_id": 0}) == {"title": "VPN"}
    for other in ({"message.channel": 1}, {"title": 1, "history": 0}, {"a": {"$slice": 1}}, {}):
        assert _picked(DOCUMENT, other) is None
    assert _picked(DOCUMENT, {"_id": 0}) is None
