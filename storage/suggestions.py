"""Problem suggestions: groups of similar incidents proposed to an agent as one problem.

A suggestion is one document (``SUG-7``). Which suggestion an incident belongs to is kept apart,
one small document per incident whose ``_id`` is the incident's id (``suggestion_members``), so
the database itself refuses to put an incident in two suggestions: forming a group inserts its
members, and whoever inserts a member first has it (whichever replica or concurrent filing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from pymongo import ASCENDING, ReturnDocument
from pymongo.errors import BulkWriteError

from bot.domain.audit import AuditEntry
from bot.domain.models import MessageRef, ProblemSuggestion, SuggestionState
from storage import codec
from storage.audit import PENDING, pending_document
from storage.client import Database, store_errors
from storage.indexes import ensure_index

DUPLICATE_KEY = 11000
PREFIX = "SUG"


class SuggestionRepository:
    def __init__(self, database: Database) -> None:
        self._suggestions = database.handle["suggestions"]
        self._members = database.handle["suggestion_members"]
        self._counters = database.handle["counters"]

    @store_errors
    async def create_indexes(self) -> None:
        await ensure_index(
            self._suggestions,
            [("service", ASCENDING), ("state", ASCENDING), ("created_at", ASCENDING)],
            name="by_service",
        )

    @store_errors
    async def next_id(self) -> str:
        counter = await self._counters.find_one_and_update(
            {"_id": PREFIX},
            {"$inc": {"seq": 1}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        return f"{PREFIX}-{counter['seq']}"

    # --- membership ------------------------------------------------------------------------------
    @store_errors
    async def claim_members(
        self, suggestion_id: str, incident_ids: Sequence[str], at: datetime
    ) -> list[str]:
        """Put the incidents in ``suggestion_id``; returns those it got (the others already
        belong to a suggestion)."""
        if not incident_ids:
            return []
        documents = [
            {"_id": incident, "suggestion": suggestion_id, "at": at} for incident in incident_ids
        ]
        try:
            await self._members.insert_many(documents, ordered=False)
        except BulkWriteError as error:
            errors = error.details.get("writeErrors", [])
            if any(e.get("code") != DUPLICATE_KEY for e in errors):
                raise
            refused = {incident_ids[e["index"]] for e in errors}
            return [incident for incident in incident_ids if incident not in refused]
        return list(incident_ids)

    @store_errors
    async def release_members(self, suggestion_id: str, incident_ids: Sequence[str]) -> None:
        """Undo ``claim_members`` for a group that did not form."""
        await self._members.delete_many(
            {"_id": {"$in": list(incident_ids)}, "suggestion": suggestion_id}
        )

    @store_errors
    async def members_among(self, incident_ids: Sequence[str]) -> set[str]:
        """Which of ``incident_ids`` already belong to a suggestion."""
        if not incident_ids:
            return set()
        cursor = self._members.find({"_id": {"$in": list(incident_ids)}}, {"_id": 1})
        return {document["_id"] for document in await cursor.to_list(len(incident_ids))}

    # --- suggestions -----------------------------------------------------------------------------
    @store_errors
    async def insert(self, suggestion: ProblemSuggestion) -> None:
        await self._suggestions.insert_one(_document(suggestion))

    @store_errors
    async def take(self, suggestion_id: str) -> ProblemSuggestion | None:
        """Delete a suggestion; returns it as it was."""
        document = await self._suggestions.find_one_and_delete({"_id": suggestion_id})
        return _suggestion(document) if document else None

    @store_errors
    async def get(self, suggestion_id: str) -> ProblemSuggestion | None:
        document = await self._suggestions.find_one({"_id": suggestion_id})
        return _suggestion(document) if document else None

    @store_errors
    async def pending(self, service: str, limit: int = 20) -> list[ProblemSuggestion]:
        """The suggestions of ``service`` still waiting for an agent, or accepted but whose
        problem is still being created (both hold new incidents), oldest first."""
        cursor = (
            self._suggestions.find(
                {
                    "service": service,
                    "$or": [
                        {"state": SuggestionState.PENDING.value},
                        {"state": SuggestionState.ACCEPTED.value, "problem_id": None},
                    ],
                }
            )
            .sort("created_at", ASCENDING)
            .limit(limit)
        )
        return [_suggestion(document) for document in await cursor.to_list(limit)]

    @store_errors
    async def set_message(self, suggestion_id: str, ref: MessageRef) -> None:
        await self._suggestions.update_one(
            {"_id": suggestion_id}, {"$set": {"message": asdict(ref)}}
        )

    @store_errors
    async def hold(self, suggestion_id: str, incident_id: str) -> ProblemSuggestion | None:
        """Add a new incident to a suggestion that is pending, or accepted but whose problem
        is not created yet (its creation links it then); ``None`` otherwise."""
        document = await self._suggestions.find_one_and_update(
            {
                "_id": suggestion_id,
                "$or": [
                    {"state": SuggestionState.PENDING.value},
                    {"state": SuggestionState.ACCEPTED.value, "problem_id": None},
                ],
            },
            {"$addToSet": {"incidents": incident_id, "held": incident_id}},
            return_document=ReturnDocument.AFTER,
        )
        return _suggestion(document) if document else None

    @store_errors
    async def decide(
        self,
        suggestion_id: str,
        state: SuggestionState,
        by: str,
        at: datetime,
        audit_line: AuditEntry | None = None,
    ) -> ProblemSuggestion | None:
        """Record an agent's decision, once: ``None`` when it was decided already. Its
        ``audit_line`` rides on the suggestion in the same update (``storage/audit.py``)."""
        update: dict[str, Any] = {
            "$set": {"state": state.value, "decided_by": by, "decided_at": at}
        }
        if audit_line is not None:
            update["$push"] = {PENDING: pending_document(audit_line)}
        document = await self._suggestions.find_one_and_update(
            {"_id": suggestion_id, "state": SuggestionState.PENDING.value},
            update,
            return_document=ReturnDocument.AFTER,
        )
        return _suggestion(document) if document else None

    @store_errors
    async def reopen(self, suggestion_id: str, by: str) -> None:
        """Undo an acceptance whose problem could not be created."""
        await self._suggestions.update_one(
            {"_id": suggestion_id, "state": SuggestionState.ACCEPTED.value, "decided_by": by},
            {"$set": {"state": SuggestionState.PENDING.value, "decided_by": None}},
        )

    @store_errors
    async def set_problem(self, suggestion_id: str, problem_id: str) -> ProblemSuggestion | None:
        document = await self._suggestions.find_one_and_update(
            {"_id": suggestion_id},
            {"$set": {"problem_id": problem_id}},
            return_document=ReturnDocument.AFTER,
        )
        return _suggestion(document) if document else None


def _document(suggestion: ProblemSuggestion) -> dict[str, Any]:
    document = codec.plain(suggestion)
    document["_id"] = document.pop("id")
    return document


def _suggestion(document: dict[str, Any]) -> ProblemSuggestion:
    message = document.get("message")
    return ProblemSuggestion(
        id=document["_id"],
        service=document["service"],
        incidents=tuple(document.get("incidents") or ()),
        state=SuggestionState(document["state"]),
        created_at=codec.aware(document["created_at"]),
        held=tuple(document.get("held") or ()),
        message=MessageRef(**message) if message else None,
        decided_by=document.get("decided_by"),
        decided_at=codec.maybe_aware(document.get("decided_at")),
        problem_id=document.get("problem_id"),
    )
