"""The knowledge base's change marker: 0 before any change, moved by one per change, whichever
replica moves it (the replicas compare it on each tick: ``bot/knowledge/base.py``)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from storage.client import Database
from storage.knowledge_changes import KnowledgeChanges

AT = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


async def test_the_version_moves_once_per_change_on_any_replica(database: Database) -> None:
    first, second = KnowledgeChanges(database), KnowledgeChanges(database)
    assert await first.version() == 0
    assert await first.moved(AT) == 1
    assert await second.version() == 1
    moved = await asyncio.gather(*(store.moved(AT) for store in (first, second, first)))
    assert sorted(moved) == [2, 3, 4]  # concurrent changes: distinct versions, none lost
    assert await second.version() == 4
    stored = await database.handle["knowledge_changes"].find({}).to_list(10)
    assert len(stored) == 1 and stored[0]["at"].replace(tzinfo=UTC) == AT
