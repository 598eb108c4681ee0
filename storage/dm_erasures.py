"""The bot's own direct messages to an erased person, still to be deleted from Slack
(``/ticket privacy erase``; ``bot/governance/dm_erasure.py``).

One document per erasure that found a conversation to clean, stored before anything is erased
so that a failure or a replica that stops midway leaves it for the scheduler's next tick: the
person (Slack is asked for their DM with the bot again at each attempt) and the DM channels the
store knew of them (read before the erasure drops those copies). ``next_attempt_at`` is both
when it is due and the lease of the replica working it (``claim``, one atomic update). The
document goes as soon as the conversation holds nothing of the bot's: it is the last thing
Guichet keeps naming them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pymongo import ASCENDING, ReturnDocument

from storage.client import Database, store_errors
from storage.indexes import ensure_index

MAX_CHANNELS = 100


@dataclass(frozen=True)
class DmErasureJob:
    id: str
    person: str
    channels: tuple[str, ...]
    attempts: int
    created_at: datetime


def _job(document: dict[str, Any]) -> DmErasureJob:
    return DmErasureJob(
        id=str(document["_id"]),
        person=str(document["person"]),
        channels=tuple(document.get("channels") or ()),
        attempts=int(document.get("attempts") or 0),
        created_at=document["created_at"],
    )


class DmErasureStore:
    def __init__(self, database: Database) -> None:
        self._jobs = database.handle["dm_erasures"]
        self._tickets = database.handle["tickets"]
        self._outbox = database.handle["outbox"]

    @store_errors
    async def create_indexes(self) -> None:
        await ensure_index(self._jobs, [("next_attempt_at", ASCENDING)], name="due")

    @store_errors
    async def known_channels(self, person: str) -> tuple[str, ...]:
        """The DM channels (``D…``) where the store says the bot wrote to ``person``: the
        copies of their tickets' DMs and the outbox's records of messages sent to them. Slack's
        ``conversations.open`` names the same channel while their account is active; these
        are what is left to clean once it no longer answers for them."""
        channels: dict[str, None] = {}
        query = {"requester": person}
        fields = {"requester_dms.channel": 1, "requester_thread.channel": 1}
        for ticket in await self._tickets.find(query, fields).to_list(10_000):
            refs = [*(ticket.get("requester_dms") or ()), ticket.get("requester_thread") or {}]
            channels.update(dict.fromkeys(str(ref.get("channel") or "") for ref in refs))
        sent = {"message.recipient": person, "sent.channel": {"$regex": "^D"}}
        for item in await self._outbox.find(sent, {"sent.channel": 1}).to_list(10_000):
            channels[str(item["sent"]["channel"])] = None
        return tuple(c for c in channels if c.startswith("D"))[:MAX_CHANNELS]

    @store_errors
    async def add(self, person: str, channels: tuple[str, ...], at: datetime) -> DmErasureJob:
        document = {
            "_id": uuid.uuid4().hex,
            "person": person,
            "channels": list(channels),
            "attempts": 0,
            "created_at": at,
            "next_attempt_at": at,
            "last_error": None,
        }
        await self._jobs.insert_one(document)
        return _job(document)

    @store_errors
    async def claim(
        self, job_id: str | None, now: datetime, lease: timedelta
    ) -> DmErasureJob | None:
        """The job (``job_id``, or any that is due) leased to the caller until ``now + lease``;
        ``None`` when it is not due (another replica works it) or gone."""
        query: dict[str, Any] = {"next_attempt_at": {"$lte": now}}
        if job_id is not None:
            query["_id"] = job_id
        document = await self._jobs.find_one_and_update(
            query,
            {"$set": {"next_attempt_at": now + lease}, "$inc": {"attempts": 1}},
            sort=[("next_attempt_at", ASCENDING)],
            return_document=ReturnDocument.AFTER,
        )
        return _job(document) if document else None

    @store_errors
    async def later(self, job_id: str, at: datetime, error: str | None) -> None:
        """Due again at ``at``; without ``error`` the attempt made progress, and the count of
        attempts that failed in a row starts again."""
        changes: dict[str, Any] = {"next_attempt_at": at, "last_error": error}
        if error is None:
            changes["attempts"] = 0
        await self._jobs.update_one({"_id": job_id}, {"$set": changes})

    @store_errors
    async def done(self, job_id: str) -> None:
        await self._jobs.delete_one({"_id": job_id})
