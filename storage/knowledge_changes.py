"""The knowledge base's change marker: one document whose ``version`` every change of what the
search index is built from moves (an article published, edited or retired, a question learned,
a person erased, closed tickets anonymised or deleted by retention).

Each replica keeps the version its index was built at and compares it with this one on each
scheduler tick: equal (nearly always), nothing more is read; moved, it rebuilds. One read by
``_id`` (the collection's own unique index) a tick, whatever the size of the base: cheaper than
reading the learned questions to find out whether they changed.
"""

from __future__ import annotations

from datetime import datetime

from pymongo import ReturnDocument

from storage.client import Database, store_errors

MARKER = "knowledge"


class KnowledgeChanges:
    def __init__(self, database: Database) -> None:
        self._marks = database.handle["knowledge_changes"]

    @store_errors
    async def version(self) -> int:
        """The current version (0 before the first change)."""
        document = await self._marks.find_one({"_id": MARKER}, {"version": 1})
        return int(document["version"]) if document else 0

    @store_errors
    async def moved(self, at: datetime) -> int:
        """Record a change (atomically: two replicas changing at once get two versions);
        returns the new version."""
        document = await self._marks.find_one_and_update(
            {"_id": MARKER},
            {"$inc": {"version": 1}, "$set": {"at": at}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        return int(document["version"])
