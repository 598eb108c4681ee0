"""Reading one person's data for ``/ticket privacy export``: the tickets they filed, had or
acted on (with their history), their audit lines, and what other collections keep of them
(``elsewhere_of``: approvals, suggestions shown, articles and their changes, problem decisions,
messages owed or sent, user groups, an erasure's pending deletion of the bot's DMs), and the card
threads holding the bot's copies of their files (``file_copies_of``) and relays of their replies
(``relays_of``; every card place a ticket had), and the requesters' DM threads holding its relays
of their replies to them (``requester_relays_of``), as plain
JSON-ready documents. The indexes here serve the erasure too (``storage/erasure.py``,
``storage/erasure_elsewhere.py``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING

from storage.client import Database, store_errors
from storage.dm_erasures import (
    CARD_PLACES,
    answers_naming,
    card_places,
    copies_naming,
    relays_naming,
)
from storage.erasure import lines_naming, tickets_naming
from storage.indexes import ensure_index

MAX_DOCUMENTS = 10_000
_INTERNAL = ("audit_pending", "next_ping_at", "handover", "remind_at", "fanout_at")
ELSEWHERE: dict[str, tuple[str, ...]] = {
    "approvals": ("requester", "asked"),  # approvers and deciders are among those asked
    "deflections": ("user",),
    "articles": ("author",),
    "article_history": ("actor",),
    "suggestions": ("decided_by",),
    "outbox": ("message.recipient", "message.actor"),
    "usergroups": ("users",),
    # an erasure's stored step deleting the bot's DMs to the person (``storage/dm_erasures.py``):
    # their id and DM channels, until it is done
    "dm_erasures": ("person",),
}
"""Collections other than tickets and audit that hold a person's id, and the fields."""


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
        self._handle = database.handle
        self._tickets = database.handle["tickets"]
        self._audit = database.handle["audit"]

    @store_errors
    async def create_indexes(self) -> None:
        # "which tickets did this person act on": a multikey index on the history's actors
        await ensure_index(self._tickets, [("history.actor", ASCENDING)], name="by_actor")
        for collection, fields in ELSEWHERE.items():
            if collection == "usergroups":
                continue  # indexed on its members already (storage/rosters.py)
            for field in fields:
                await ensure_index(
                    self._handle[collection],
                    [(field, ASCENDING)],
                    name="person_" + field.replace(".", "_"),
                )

    @store_errors
    async def tickets_of(self, person: str) -> list[dict[str, Any]]:
        """Tickets ``person`` filed, has, or acted on, or that name them (paged, assigned by
        someone else, mentioned): every ticket the erasure would change."""
        cursor = self._tickets.find(tickets_naming(person)).sort("created_at", ASCENDING)
        documents = await cursor.limit(MAX_DOCUMENTS).to_list(MAX_DOCUMENTS)
        return [_json_ready({k: v for k, v in d.items() if k not in _INTERNAL}) for d in documents]

    @store_errors
    async def audit_of(self, person: str) -> list[dict[str, Any]]:
        """Lines by them and about them: every line the erasure would change."""
        cursor = self._audit.find(lines_naming(person)).sort("at", ASCENDING)
        return [_json_ready(d) for d in await cursor.limit(MAX_DOCUMENTS).to_list(MAX_DOCUMENTS)]

    @store_errors
    async def file_copies_of(self, person: str) -> list[dict[str, Any]]:
        """Where in Slack the bot copied ``person``'s files (a ticket's channel thread,
        ``bot/working/requester_files.py``): what an erasure deletes there, found as it finds
        it (``storage/dm_erasures.py``)."""
        return await self._threads(copies_naming(person))

    @store_errors
    async def relays_of(self, person: str) -> list[dict[str, Any]]:
        """Where in Slack the bot relayed ``person``'s DM-thread replies to the team (a ticket's
        channel thread, ``handlers/conversation/relay.py``): what an erasure redacts there,
        found as it finds it (``storage/dm_erasures.py``)."""
        return await self._threads(relays_naming(person))

    @store_errors
    async def requester_relays_of(self, person: str) -> list[dict[str, Any]]:
        """Where in Slack the bot relayed ``person``'s replies in a card's thread to the
        ticket's requester (an agent's, in the requester's DM thread): what an erasure redacts
        there, found as it finds it (``storage/dm_erasures.py``)."""
        query, fields = answers_naming(person), {"requester_thread": 1}
        cursor = self._tickets.find(query, fields).sort("_id", ASCENDING)
        return [
            {
                "ticket": str(t["_id"]),
                "channel": t["requester_thread"]["channel"],
                "thread_ts": t["requester_thread"]["ts"],
            }
            for t in await cursor.limit(MAX_DOCUMENTS).to_list(MAX_DOCUMENTS)
        ]

    async def _threads(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        """The card threads of the tickets ``query`` finds, each card place a ticket had (its
        earlier cards, before it moved to another team, then its current one): ticket id,
        channel, thread ts."""
        cursor = self._tickets.find(query, CARD_PLACES).sort("_id", ASCENDING)
        return [
            {"ticket": str(t["_id"]), "channel": ref.channel, "thread_ts": ref.ts}
            for t in await cursor.limit(MAX_DOCUMENTS).to_list(MAX_DOCUMENTS)
            for ref in card_places(t)
        ]

    @store_errors
    async def elsewhere_of(self, person: str) -> dict[str, list[dict[str, Any]]]:
        """Per collection of ``ELSEWHERE``, the documents naming ``person``."""
        found: dict[str, list[dict[str, Any]]] = {}
        for collection, fields in ELSEWHERE.items():
            query = {"$or": [{field: person} for field in fields]}
            cursor = self._handle[collection].find(query, {"audit_pending": 0}).sort("_id", 1)
            documents = await cursor.limit(MAX_DOCUMENTS).to_list(MAX_DOCUMENTS)
            found[collection] = [_json_ready(document) for document in documents]
        return found
