"""Start-up index creation when the database holds an index of one of Guichet's names built
otherwise (an older version's keys or options): replaced when only speed is at stake, named on
one error line with the command to run when it is unique; the other indexes are created either
way, and nothing is retried for ever. Runs on the in-memory store (which refuses such a creation
as MongoDB does, without a code) and on a real server when ``MONGODB_URI`` is set."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from pymongo import ASCENDING, DESCENDING

from storage.client import Database
from storage.indexes import ensure_index
from storage.outbox import OutboxRepository
from storage.tickets import TicketRepository

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "storage.indexes"]


async def test_an_older_index_of_guichets_name_is_replaced_as_this_version_wants(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    tickets = database.handle["tickets"]
    # an older version's by_next_ping: other keys; its by_message: no options, keys reversed
    await tickets.create_index([("next_ping_at", DESCENDING)], name="by_next_ping")
    await tickets.create_index([("message.channel", ASCENDING)], name="by_message", sparse=True)

    with caplog.at_level(logging.WARNING):
        await TicketRepository(database).create_indexes()

    indexes = await tickets.index_information()
    assert indexes["by_next_ping"]["key"] == [("next_ping_at", 1)]
    assert indexes["by_message"]["key"] == [("message.ts", 1), ("message.channel", 1)]
    assert not indexes["by_message"].get("sparse")
    assert {"by_requester", "by_service", "by_assignee", "by_origin"} <= set(indexes)
    lines = {r.getMessage() for r in _lines(caplog)}
    assert lines == {
        "storage: index by_next_ping of tickets was {next_ping_at: -1}, this version wants "
        "{next_ping_at: 1}: replacing it (queries on tickets scan until it is built)",
        "storage: index by_message of tickets was {message.channel: 1}, sparse: True, this "
        "version wants {message.ts: 1, message.channel: 1}: replacing it (queries on tickets "
        "scan until it is built)",
    }
    assert all(r.levelno == logging.WARNING for r in _lines(caplog))

    caplog.clear()  # the next start: as wanted already, nothing said, nothing dropped
    with caplog.at_level(logging.WARNING):
        await TicketRepository(database).create_indexes()
    assert _lines(caplog) == []
    assert await tickets.index_information() == indexes


async def test_a_unique_index_built_otherwise_is_named_with_the_command_not_dropped(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    tickets = database.handle["tickets"]
    await tickets.create_index([("origin.key", ASCENDING)], name="unique_origin_key", unique=True)

    with caplog.at_level(logging.WARNING):
        await TicketRepository(database).create_indexes()

    indexes = await tickets.index_information()
    assert indexes["unique_origin_key"]["key"] == [("origin.key", 1)]  # left as it stands
    assert not indexes["unique_origin_key"].get("sparse")
    assert {"by_requester", "by_next_ping", "to_announce"} <= set(indexes)  # the others made
    (line,) = _lines(caplog)
    assert line.levelno == logging.ERROR and line.exc_info is None
    message = line.getMessage()
    assert message == (
        "storage: index unique_origin_key of tickets is {origin.key: 1}, unique: True, this "
        "version wants {origin.key: 1}, sparse: True, unique: True; a unique index is not "
        "replaced while Guichet runs (a duplicate written between the drop and the build would "
        'leave no constraint). Run db.getCollection("tickets").dropIndex("unique_origin_key"), '
        "then restart Guichet to create it"
    )


async def test_a_unique_index_the_documents_break_is_named_and_the_others_made(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    items = database.handle["outbox"]
    for n in (1, 2):
        await items.insert_one({"_id": f"item-{n}", "sent_as": "same", "state": "pending"})

    with caplog.at_level(logging.WARNING):
        await ensure_index(items, [("sent_as", ASCENDING)], name="by_sent_as", unique=True)
        await OutboxRepository(database).create_indexes()

    assert "by_sent_as" not in await items.index_information()
    (line,) = _lines(caplog)
    assert line.levelno == logging.ERROR
    assert line.getMessage().startswith(
        "storage: unique index by_sent_as of outbox ({sent_as: 1}, unique: True) cannot be "
        "built: stored documents share a value ("
    )
    assert {"due", "expiry"} <= set(await items.index_information())


@pytest.mark.mongo
async def test_the_server_refuses_an_index_of_the_same_keys_under_another_name(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """Only a real server refuses this (the in-memory store keeps both): it is not Guichet's
    index to drop, so it is named, with the command, and the others are made."""
    if not database.persistent:
        pytest.skip("the in-memory store keeps two indexes of the same keys")
    tickets = database.handle["tickets"]
    await tickets.create_index([("next_ping_at", ASCENDING)], name="next_ping_at_1")
    with caplog.at_level(logging.WARNING):
        await TicketRepository(database).create_indexes()
    (line,) = _lines(caplog)
    assert line.levelno == logging.ERROR
    assert line.getMessage().startswith(
        "storage: index by_next_ping of tickets ({next_ping_at: 1}) not created: the index "
        "next_ping_at_1 has those keys ("
    )
    assert 'run db.getCollection("tickets").dropIndex("next_ping_at_1")' in line.getMessage()
    assert "by_requester" in await tickets.index_information()
