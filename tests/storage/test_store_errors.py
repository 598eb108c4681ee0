"""What a driver failure becomes: ``StoreUnavailable`` when trying again later may mend it (no
server, a network fault, a primary stepping down, a time limit, a retryable label or code),
``StoreRejected`` when the database refused the operation for what it asks or holds (too
large, not encodable, a validation or a value it refuses). And a stored date out of Python's
range: decoded, and its document left out of a read, not the read failed."""

from __future__ import annotations

import logging
import os
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import bson
import pytest
from bson.codec_options import CodecOptions, DatetimeConversion
from bson.datetime_ms import DatetimeMS
from bson.errors import InvalidBSON, InvalidDocument, InvalidStringData
from pymongo.errors import (
    AutoReconnect,
    BulkWriteError,
    ConnectionFailure,
    CursorNotFound,
    DocumentTooLarge,
    DuplicateKeyError,
    ExecutionTimeout,
    InvalidOperation,
    NetworkTimeout,
    NotPrimaryError,
    OperationFailure,
    ServerSelectionTimeoutError,
    WriteConcernError,
    WriteError,
    WTimeoutError,
)
from pymongo.helpers_shared import _RETRYABLE_ERROR_CODES

from bot.domain.errors import StoreRejected, StoreUnavailable
from storage.client import DATETIMES, Database, connect, store_errors
from storage.decoding import each_decoded
from storage.ticket_documents import _from_document
from storage.tickets import TicketRepository
from tests.storage.test_tickets import _new

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
M = timedelta(minutes=1)
OUT_OF_RANGE = DatetimeMS(2**62)  # year 146140482


def _failure(code: int | None, message: str = "refused", **details: Any) -> dict[str, Any]:
    return {"ok": 0, "code": code, "errmsg": message, **details}


MAY_MEND = {
    "no server": ServerSelectionTimeoutError("127.0.0.1:27017: [Errno 111] Connection refused"),
    "connection lost": AutoReconnect("connection closed"),
    "connection failure": ConnectionFailure("could not connect"),
    "network timeout": NetworkTimeout("timed out"),
    "not primary": NotPrimaryError("not primary", _failure(10107, "not primary")),
    "time limit": ExecutionTimeout("operation exceeded time limit", 50, _failure(50)),
    "replication timeout": WTimeoutError(
        "waiting for replication timed out", 64, _failure(64, errInfo={"wtimeout": True})
    ),
    "shutting down": OperationFailure("interrupted at shutdown", 11600, _failure(11600)),
    "shutdown in progress": OperationFailure("shutdown in progress", 91, _failure(91)),
    "stepped down": WriteError("primary stepped down", 189, _failure(189)),
    "exceeded time limit code": OperationFailure("exceeded time limit", 262, _failure(262)),
    "host unreachable": OperationFailure("host unreachable", 6, _failure(6)),
    "transient label": OperationFailure(
        "no such transaction",
        251,
        _failure(251, errorLabels=["TransientTransactionError"]),
    ),
    "retryable write label": WriteError(
        "write conflict", 112, _failure(112, errorLabels=["RetryableWriteError"])
    ),
    "replica state change": WriteConcernError(
        "interrupted due to repl state change", 11602, _failure(11602)
    ),
    "write concern unmet": WriteConcernError("Not enough data-bearing nodes", 100, _failure(100)),
    "bulk write concern": BulkWriteError(
        {"writeErrors": [], "writeConcernErrors": [{"code": 91, "errmsg": "shutting down"}]}
    ),
    "cursor lost": CursorNotFound("cursor id 42 not found", 43, _failure(43)),
    "authentication": OperationFailure("Authentication failed.", 18, _failure(18)),
    "unauthorized": OperationFailure("not authorized on guichet", 13, _failure(13)),
    "client closed": InvalidOperation("Cannot use MongoClient after close"),
}

WILL_NOT_MEND = {
    "validation": WriteError("Document failed validation", 121, _failure(121)),
    "bad value": OperationFailure("$in needs an array", 2, _failure(2)),
    "type mismatch": WriteError("Cannot apply $inc to a value of non-numeric type", 14),
    "no code": OperationFailure("mongomock refused it"),
    "bulk validation": BulkWriteError(
        {"writeErrors": [{"index": 0, "code": 121, "errmsg": "Document failed validation"}]}
    ),
    "too large": DocumentTooLarge("BSON document too large (17825792 bytes)"),
    "not encodable": InvalidDocument("cannot encode object: <object>, of type: <class 'object'>"),
    "not decodable": InvalidBSON("year 146140482 is out of range"),
    "bad string": InvalidStringData("strings in documents must be valid UTF-8"),
}


def _raising(error: Exception) -> Any:
    @store_errors
    async def operation() -> None:
        raise error

    return operation


@pytest.mark.parametrize("name", list(MAY_MEND))
async def test_what_trying_again_may_mend_is_store_unavailable(name: str) -> None:
    error = MAY_MEND[name]
    with pytest.raises(StoreUnavailable) as raised:
        await _raising(error)()
    assert type(raised.value) is StoreUnavailable, name
    assert raised.value.__cause__ is error


@pytest.mark.parametrize("code", sorted(_RETRYABLE_ERROR_CODES))
async def test_every_code_pymongo_retries_a_write_on_is_store_unavailable(code: int) -> None:
    """pymongo's own list (not primary, recovering, shutting down, network...), as installed."""
    with pytest.raises(StoreUnavailable) as raised:
        await _raising(WriteError("failed", code, _failure(code)))()
    assert type(raised.value) is StoreUnavailable


@pytest.mark.parametrize("name", list(WILL_NOT_MEND))
async def test_what_the_database_refuses_for_what_it_holds_is_store_rejected(name: str) -> None:
    error = WILL_NOT_MEND[name]
    with pytest.raises(StoreRejected) as raised:
        await _raising(error)()
    assert isinstance(raised.value, StoreUnavailable)  # every answer to an outage still holds
    assert raised.value.__cause__ is error
    assert str(raised.value).startswith(type(error).__name__)


async def test_a_duplicate_key_goes_through_for_the_repositories_that_expect_it() -> None:
    error = DuplicateKeyError("E11000 duplicate key", 11000, _failure(11000))
    with pytest.raises(DuplicateKeyError):
        await _raising(error)()


def test_the_servers_client_decodes_dates_out_of_range() -> None:
    database = connect("mongodb://127.0.0.1:1/", "guichet_codec", timeout_ms=10)
    try:
        options = database.client.codec_options
        assert options.tz_aware is True
        assert options.datetime_conversion == DatetimeConversion.DATETIME_AUTO == DATETIMES
    finally:
        database.close()


def _from_server(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` as a read gives it back: encoded, decoded with the client's codec options."""
    return bson.decode(
        bson.encode(document), CodecOptions(tz_aware=True, datetime_conversion=DATETIMES)
    )


async def test_a_date_out_of_range_leaves_its_document_out_of_a_read(
    memory_database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    repo = TicketRepository(memory_database)
    good = await repo.create(_new())
    document = await memory_database.handle["tickets"].find_one({"_id": good.id})
    assert document is not None
    bad = {**document, "_id": "INC-BAD", "remind_at": OUT_OF_RANGE}  # decoded as None before

    with pytest.raises(InvalidBSON):  # the driver's error before: the whole read failed
        bson.decode(bson.encode(bad), CodecOptions(tz_aware=True))
    read = [_from_server(document), _from_server(bad)]
    assert isinstance(read[1]["remind_at"], DatetimeMS)
    with caplog.at_level(logging.ERROR):
        decoded = each_decoded("tickets", read, _from_document)
    assert [ticket.id for ticket in decoded] == [good.id]
    (line,) = [r for r in caplog.records if r.name == "storage.decoding"]
    told = line.getMessage()
    assert "INC-BAD" in told and "remind_at is a date out of range" in told


async def test_a_stored_date_out_of_range_does_not_fail_the_due_read(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """On the in-memory store and on a real server (``MONGODB_URI``)."""
    repo = TicketRepository(database)
    await repo.create_indexes()
    good = [(await repo.create(_new())).id for _ in range(2)]
    tickets = database.handle["tickets"]
    await tickets.update_many({}, {"$set": {"next_ping_at": T0 - M}})
    document = await tickets.find_one({"_id": good[0]})
    assert document is not None
    document.update(_id="INC-BAD", next_ping_at=T0 - 2 * M)  # due first
    document["sla"] = {**document.get("sla", {}), "response_due": OUT_OF_RANGE}
    await tickets.insert_one(document)

    with caplog.at_level(logging.ERROR):
        due = await repo.due(T0, 10)
    assert sorted(ticket.id for ticket in due) == sorted(good)
    (line,) = [r for r in caplog.records if r.name == "storage.decoding"]
    assert "INC-BAD" in line.getMessage() and "sla.response_due" in line.getMessage()


MONGODB_URI = os.environ.get("MONGODB_URI")


@pytest.mark.mongo
async def test_a_document_too_large_for_the_server_is_refused_not_unavailable() -> None:
    if not MONGODB_URI:
        pytest.skip("MONGODB_URI is not set: no real MongoDB server to test against")
    database = connect(MONGODB_URI, f"guichet_test_{uuid.uuid4().hex[:8]}")
    try:
        repo = TicketRepository(database)
        with pytest.raises(StoreRejected) as raised:
            await repo.create(_new(description="x" * (17 * 1024 * 1024)))
        assert isinstance(raised.value.__cause__, DocumentTooLarge)
        assert await database.handle["tickets"].count_documents({}) == 0
        assert await database.ping()  # the database is up all along
    finally:
        await database.client.drop_database(database.handle.name)
        database.close()
