"""Erasing a person (``/ticket privacy erase``): their id replaced by ``former_employee`` in
every ticket (requester, assignee, history, the copies of their messages in it) and every audit
line. Each ticket is rewritten only if it did not change since it was read (else read again),
so a change racing the erasure is neither lost nor left with the person's id; running it again
finds nothing left (idempotent)."""

from __future__ import annotations

from typing import Any

from storage.client import Database, store_errors

TRIES = 5


def _query(person: str) -> dict[str, Any]:
    fields = ("requester", "assignee", "history.actor", "history.before", "history.after")
    return {"$or": [{field: person} for field in fields]}


def _entry(entry: dict[str, Any], person: str, former: str) -> dict[str, Any]:
    def swap(value: Any) -> Any:
        return former if value == person else value

    theirs = entry.get("actor") == person
    return {
        **entry,
        "actor": swap(entry.get("actor")),
        "before": swap(entry.get("before")),
        "after": swap(entry.get("after")),
        "note": None if theirs else entry.get("note"),  # their words (relayed copies, notes)
    }


class ErasureStore:
    def __init__(self, database: Database) -> None:
        self._tickets = database.handle["tickets"]
        self._audit = database.handle["audit"]

    @store_errors
    async def tickets_with(self, person: str, limit: int) -> list[str]:
        cursor = self._tickets.find(_query(person), {"_id": 1})
        return [d["_id"] for d in await cursor.limit(limit).to_list(limit)]

    @store_errors
    async def erase_in_ticket(self, ticket_id: str, person: str, former: str) -> bool:
        """True when the ticket was rewritten (False: nothing of the person was left)."""
        for _ in range(TRIES):
            document = await self._tickets.find_one({"_id": ticket_id, **_query(person)})
            if document is None:
                return False
            history = document.get("history") or []
            changes: dict[str, Any] = {
                "history": [_entry(entry, person, former) for entry in history]
            }
            if document.get("requester") == person:
                changes["requester"] = former
                changes["requester_thread"] = None  # their direct messages with the bot
                changes["requester_dms"] = []  # and those with buttons (their copies' text)
            if document.get("assignee") == person:
                changes["assignee"] = former
            result = await self._tickets.update_one(
                {
                    "_id": ticket_id,
                    "updated_at": document.get("updated_at"),
                    "history": {"$size": len(history)},
                },
                {"$set": changes},
            )
            if result.modified_count == 1:
                return True
        raise RuntimeError(f"{ticket_id} kept changing while {person} was being erased")

    @store_errors
    async def erase_in_audit(self, person: str, former: str) -> int:
        changed = 0
        for field in ("actor", "before", "after"):
            result = await self._audit.update_many({field: person}, {"$set": {field: former}})
            changed += int(result.modified_count)
        return changed
