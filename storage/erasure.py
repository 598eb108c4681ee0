"""Erasing a person (``/ticket privacy erase``) in the tickets and the audit log: their id
becomes ``former_employee`` in every ticket (requester, assignee, history), the copies of their
messages go (the notes of their history entries, the DMs they were sent), and their mentions
(``<@U…>``) and names are taken out of the texts (title, description, history notes, form and
catalogue answers) of every ticket they filed, had, acted on or are mentioned in. Each ticket is
rewritten only if it did not change since it was read (else read again), so a change racing the
erasure is neither lost nor left with the person's id; running it again finds nothing left
(idempotent). The other collections are in ``storage/erasure_elsewhere.py``."""

from __future__ import annotations

import re
from typing import Any

from bot.domain.scrubbing import Scrubber
from storage.client import Database, store_errors

TRIES = 5
WORDS = ("before", "after", "note")  # an audit line's values that may name people
TEXTS = ("title", "description", "extra", "request", "requester_dms")


def tickets_naming(person: str) -> dict[str, Any]:
    """Tickets the person filed, had or acted on (indexed), or that mention them or name them
    in a history entry's values (paged, reminded, assigned by someone else): a scan of the
    texts, as an erasure and an export are rare (``storage/personal_data.py`` exports these)."""
    fields = ("requester", "assignee", "history.actor")
    mention = {"$regex": _mention(person)}
    texts = ("title", "description", "history.note")
    inside = {"$regex": rf"\b{re.escape(person)}\b"}  # "U1,U2": the approvers asked
    return {
        "$or": [
            *({f: person} for f in fields),
            *({f: mention} for f in texts),
            *({f: inside} for f in ("history.before", "history.after")),
        ]
    }


def _mention(person: str) -> str:
    return re.escape(f"<@{person}") + "[|>]"


def _entry(entry: dict[str, Any], scrub: Scrubber) -> dict[str, Any]:
    ids = scrub.ids_only()

    def swap(value: Any) -> Any:
        return ids.deep(value)  # "U1" or "U1,U2": ids only, never names, in values

    theirs = entry.get("actor") == scrub.person
    note = entry.get("note")
    return {
        **entry,
        "actor": swap(entry.get("actor")),
        "before": swap(entry.get("before")),
        "after": swap(entry.get("after")),
        "note": None if theirs else scrub.deep(note),  # their words (relayed copies, notes)
    }


def _rewritten(document: dict[str, Any], scrub: Scrubber) -> dict[str, Any]:
    """The fields of ``document`` that change, as they become."""
    person, former = scrub.person, scrub.replacement
    history = document.get("history") or []
    changes: dict[str, Any] = {"history": [_entry(entry, scrub) for entry in history]}
    if document.get("last_change"):  # the card's copy of a history entry: erased alike
        changes["last_change"] = _entry(document["last_change"], scrub)
    for field in TEXTS:
        if field in document:
            changes[field] = scrub.deep(document[field])
    if document.get("requester") == person:
        changes["requester"] = former
        changes["requester_thread"] = None  # their direct messages with the bot
        changes["requester_dms"] = []  # and those with buttons (their copies' text)
    if document.get("assignee") == person:
        changes["assignee"] = former
    return {key: value for key, value in changes.items() if document.get(key) != value}


def lines_naming(person: str) -> dict[str, Any]:
    """Audit lines by them, about them (assigned to them, paged, their data exported), or
    whose values or note name them."""
    inside = {"$regex": rf"\b{re.escape(person)}\b"}
    return {
        "$or": [
            *({field: person} for field in ("actor", "before", "after")),
            *({field: inside} for field in WORDS),
        ]
    }


class ErasureStore:
    def __init__(self, database: Database) -> None:
        self._tickets = database.handle["tickets"]
        self._audit = database.handle["audit"]

    @store_errors
    async def tickets_with(self, person: str, limit: int, after: str = "") -> list[str]:
        """Ids of the tickets holding something of ``person``, after ``after`` in id order
        (one pass: a ticket found is not found again, whatever its rewrite left)."""
        query = {**tickets_naming(person), "_id": {"$gt": after}}
        cursor = self._tickets.find(query, {"_id": 1}).sort("_id", 1)
        return [d["_id"] for d in await cursor.limit(limit).to_list(limit)]

    @store_errors
    async def erase_in_ticket(self, ticket_id: str, scrub: Scrubber) -> bool:
        """True when the ticket was rewritten (False: nothing of the person was left)."""
        for _ in range(TRIES):
            document = await self._tickets.find_one(
                {"_id": ticket_id, **tickets_naming(scrub.person)}
            )
            if document is None:
                return False
            changes = _rewritten(document, scrub)
            if not changes:
                return False
            result = await self._tickets.update_one(
                {
                    "_id": ticket_id,
                    "updated_at": document.get("updated_at"),
                    "history": {"$size": len(document.get("history") or [])},
                },
                {"$set": changes},
            )
            if result.modified_count == 1:
                return True
        raise RuntimeError(f"{ticket_id} kept changing while it was being erased")

    @store_errors
    async def erase_in_audit(self, scrub: Scrubber) -> int:
        """Their id in the lines' people fields, and their id or mentions inside the lines'
        values and notes (``U1,U2`` approvers, a note naming them)."""
        person, former = scrub.person, scrub.replacement
        inside = {"$regex": rf"\b{re.escape(person)}\b"}
        query = {"$or": [{field: inside} for field in WORDS]}
        # lines, as a person counts them: a claim's line names them as who and as whom (once)
        lines = await self._audit.count_documents(lines_naming(person))
        for field in ("actor", "before", "after"):
            await self._audit.update_many({field: person}, {"$set": {field: former}})
        ids = scrub.ids_only()
        for line in await self._audit.find(query).to_list(10_000):
            values = {f: line.get(f) for f in WORDS}
            cleaned = {f: (scrub if f == "note" else ids).deep(v) for f, v in values.items()}
            await self._audit.update_one({"_id": line["_id"], **values}, {"$set": cleaned})
        return int(lines)
