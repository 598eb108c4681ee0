"""Shared fixtures: the database (in memory, or a real server when MONGODB_URI is set)."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest

from storage.client import Database, connect

if TYPE_CHECKING:
    from tests.e2e.harness import Harness

MONGODB_URI = os.environ.get("MONGODB_URI")


@pytest.fixture(
    params=["memory", pytest.param("mongo", marks=pytest.mark.mongo)],
)
async def database(request: pytest.FixtureRequest) -> AsyncIterator[Database]:
    """Every storage test runs on the in-memory store, and on a real server when
    ``MONGODB_URI`` is set (a throw-away database, dropped afterwards)."""
    if request.param == "mongo":
        if not MONGODB_URI:
            pytest.skip("MONGODB_URI is not set: no real MongoDB server to test against")
        db = connect(MONGODB_URI, f"guichet_test_{uuid.uuid4().hex[:8]}")
    else:
        db = connect(None, "guichet_test")
    yield db
    if db.persistent:
        await db.client.drop_database(db.handle.name)
    db.close()


@pytest.fixture
async def memory_database() -> AsyncIterator[Database]:
    db = connect(None, "guichet_test")
    yield db
    db.close()


@pytest.fixture
async def bot(database: Database) -> AsyncIterator[Harness]:
    """The bot on a local port with the Slack emulator; see ``tests/e2e/harness.py``."""
    from tests.e2e.harness import running_bot

    async with running_bot(database) as harness:
        yield harness
