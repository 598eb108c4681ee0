"""The lessons Guichet learned from settled tickets: one document per ticket (``triage_lessons``).

Why one document per ticket rather than a document of counts per word: MongoDB updates one
document atomically, not a ticket's twenty words at once (mongomock has no transactions, and
multi-document transactions would serialize every resolution). A ticket's lesson is written by
one conditional upsert that only applies when what it teaches changed (its ``digest``): a retried
or repeated settlement matches nothing, the upsert then collides with the existing ``_id`` and
nothing is written; a new outcome (the ticket was reassigned, its type corrected) replaces the
lesson and increments its ``revision``. Each replica's model (``bot/filing/learning.py``) is the
sum of the lessons, read once at start and then by ``updated_at``: counts are derived, so they
can never be counted twice, and a restart or another replica sees exactly the same model.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from pymongo import ASCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from bot.domain.lessons import Lesson, StoredLesson
from storage.client import Database, store_errors
from storage.decoding import each_decoded
from storage.indexes import ensure_index

LOAD_MAX = 1_000_000
LESSONS = "triage_lessons"


def _update(lesson: Lesson, at: datetime) -> tuple[dict[str, Any], dict[str, Any]]:
    """The conditional upsert of a lesson: matches only when what it teaches changed."""
    digest = lesson.digest
    query = {"_id": lesson.ticket_id, "digest": {"$ne": digest}}
    update = {
        "$set": {
            "features": sorted(lesson.features),
            "service": lesson.service,
            "type": lesson.type,
            "weight": lesson.weight,
            "digest": digest,
            "updated_at": at,
        },
        "$inc": {"revision": 1},
    }
    return query, update


def _stored(document: dict[str, Any]) -> StoredLesson:
    lesson = Lesson(
        ticket_id=str(document["_id"]),
        features=frozenset(document.get("features") or ()),
        service=str(document["service"]),
        type=str(document["type"]),
        weight=int(document.get("weight", 1)),
    )
    return StoredLesson(lesson, int(document.get("revision", 1)))


class LessonRepository:
    def __init__(self, database: Database) -> None:
        self._lessons = database.handle[LESSONS]

    @store_errors
    async def create_indexes(self) -> None:
        await ensure_index(self._lessons, [("updated_at", ASCENDING)], name="by_update")

    @store_errors
    async def record(self, lesson: Lesson, at: datetime) -> StoredLesson | None:
        """Keep ``lesson`` as its ticket's lesson; ``None`` when it was already exactly that
        (a retry: nothing written), else the lesson with its new revision."""
        query, update = _update(lesson, at)
        try:
            document = await self._lessons.find_one_and_update(
                query, update, upsert=True, return_document=ReturnDocument.AFTER
            )
        except DuplicateKeyError:
            return None  # the ticket's lesson exists and teaches the same thing
        return _stored(document) if document else None

    async def record_many(self, lessons: Sequence[Lesson], at: datetime) -> int:
        """Keep many lessons (an imported history), one conditional upsert each; returns how
        many were new or changed. Writing the same lessons again changes nothing, so an import
        cut short by a failure is completed by running it again. (One by one rather than one
        ``bulk_write``: an import runs once, and the in-memory store's ``bulk_write`` does not
        follow PyMongo's.)"""
        changed = 0
        for lesson in lessons:
            changed += await self.record(lesson, at) is not None
        return changed

    @store_errors
    async def forget(self, services: Collection[str]) -> int:
        """Delete the lessons of ``services`` (those that may teach nothing); how many went.
        Run again, it deletes nothing."""
        if not services:
            return 0
        result = await self._lessons.delete_many({"service": {"$in": sorted(services)}})
        return int(result.deleted_count)

    @store_errors
    async def all(self) -> list[StoredLesson]:
        """Every lesson (a replica building its model at start)."""
        return each_decoded(LESSONS, await self._lessons.find({}).to_list(LOAD_MAX), _stored)

    @store_errors
    async def since(self, at: datetime) -> list[StoredLesson]:
        """The lessons written or changed at ``at`` or later (a replica catching up)."""
        cursor = self._lessons.find({"updated_at": {"$gte": at}})
        return each_decoded(LESSONS, await cursor.to_list(LOAD_MAX), _stored)
