"""Reading one person's data for ``/ticket privacy export``: the tickets they filed, had or
acted on (with their history) and their audit lines, as plain JSON-ready documents."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING

from storage.client import Database, store_errors

MAX_DOCUMENTS = 10_000
_INTERNAL = ("audit_pending", "next_ping_at", "handover", "remind_at", "fanout_at")


def _json_ready(value: Any) -> Any:
    """Datetimes as ISO 8601 text, recursively; the rest as stored."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_ready(item) for key, item in value.items()}
    return value


class PersonalDataStore:
    def __init__(self, database: Database) -> None:
        self._tickets = database.handle["tickets"]
        self._audit = database.handle["audit"]

    @store_errors
    async def create_indexes(self) -> None:
        # "which tickets did this person act on": a multikey index on the history's actors
        await self._tickets.create_index([("history.actor", ASCENDING)], name="by_actor")

    @store_errors
    async def tickets_of(self, person: str) -> list[dict[str, Any]]:
        """Tickets ``person`` filed, has, or acted on (each branch uses an index)."""
        query = {"$or": [{"requester": person}, {"assignee": person}, {"history.actor": person}]}
        cursor = self._tickets.find(query).sort("created_at", ASCENDING)
        documents = await cursor.limit(MAX_DOCUMENTS).to_list(MAX_DOCUMENTS)
        return [_json_ready({k: v for k, v in d.items() if k not in _INTERNAL}) for d in documents]

    @store_errors
    async def audit_of(self, person: str) -> list[dict[str, Any]]:
        cursor = self._audit.find({"actor": person}).sort("at", ASCENDING)
        return [_json_ready(d) for d in await cursor.limit(MAX_DOCUMENTS).to_list(MAX_DOCUMENTS)]
