"""Retention's writes: anonymising or deleting closed tickets past their time, deleting old
audit lines and old suggestions shown. Each batch is found through an index and each ticket is
rewritten with a condition (still closed, still old, not yet anonymised), so two replicas
sweeping at once, or a ticket reopened meanwhile, never lose or double anything.

What other collections keep of a ticket goes with it, before the ticket itself (so a sweep cut
short finds the ticket again and finishes): its approval (anonymised, or deleted with the
ticket), the suggestions shown before it (``deflections``: who asked and what), and the outbox
items owed for it (their recipients; not what retention itself owes Slack of the ticket, stored
just before: the line replacing a deleted ticket's card, the anonymised card's redraw, and the
deletion of the bot's messages about it, whose places ``traces_of`` read first). Those writes
give the same result however often they run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pymongo import ASCENDING

from bot.domain.models import MessageRef, OutgoingKind
from bot.domain.retention import ANONYMOUS, RetentionDone
from storage.client import Database, store_errors
from storage.dm_erasures import card_places
from storage.indexes import ensure_index
from storage.ticket_documents import EARLIER_CARDS

CLOSED = ["closed", "cancelled"]
DELETED_CARD = OutgoingKind.DELETED_CARD.value
KEPT_KINDS = [  # what retention itself owes Slack of the ticket, stored just before
    DELETED_CARD,
    OutgoingKind.FORGOTTEN_MESSAGES.value,
    OutgoingKind.ANONYMISED_CARD.value,
]
_PERSON = ("U", "W")


def _anonymous_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """A history entry without its people or words: who, notes and people's ids go."""

    def scrub(value: Any) -> Any:
        return ANONYMOUS if isinstance(value, str) and value.startswith(_PERSON) else value

    return {
        **entry,
        "actor": scrub(entry.get("actor")),
        "before": scrub(entry.get("before")),
        "after": scrub(entry.get("after")),
        "note": None,
    }


def _anonymous_approval(document: dict[str, Any]) -> dict[str, Any]:
    """An approval without its people or words: who asked, who was asked, who decided, why."""
    return {
        "requester": ANONYMOUS,
        "approvers": [ANONYMOUS for _ in document.get("approvers") or []],
        "asked": [ANONYMOUS for _ in document.get("asked") or []],
        "decisions": [
            {**decision, "by": ANONYMOUS, "reason": None}
            for decision in document.get("decisions") or []
        ],
    }


@dataclass(frozen=True)
class TicketTraces:
    """What retention must still clean in Slack of a ticket it is about to forget."""

    service: str
    card: MessageRef | None  # its channel message
    requester: str | None  # whose DM holds the bot's messages about it (a person's id)
    dm: MessageRef | None  # a message of that DM the ticket kept, for its channel
    created_at: datetime  # nothing about it was posted before
    changed_at: datetime  # its last change: names the outbox items, stored once
    # the others Guichet wrote to about it by DM: its assignee (reminders, taken off them)
    # and the approvers asked (the request's asks show its requester and title)
    others: tuple[str, ...] = ()
    # the places its card had before it moved to another team: their threads hold the bot's
    # replies posted under them (relays, copies of files, notices)
    earlier_cards: tuple[MessageRef, ...] = ()


class RetentionStore:
    def __init__(self, database: Database) -> None:
        self._tickets = database.handle["tickets"]
        self._audit = database.handle["audit"]
        self._approvals = database.handle["approvals"]
        self._deflections = database.handle["deflections"]
        self._outbox = database.handle["outbox"]
        self._days = database.handle["retention_days"]  # what each day's sweeps did (by _id)

    @store_errors
    async def create_indexes(self) -> None:
        await ensure_index(
            self._tickets, [("status", ASCENDING), ("updated_at", ASCENDING)], name="by_status_age"
        )
        # the suggestions shown before a ticket, found by the ticket filed after them
        await ensure_index(self._deflections, [("ticket", ASCENDING)], name="by_ticket")

    async def _forget_around(self, ticket_id: str, delete: bool) -> None:
        """What other collections keep of the ticket: anonymised, or deleted with it."""
        if delete:
            await self._approvals.delete_one({"_id": ticket_id})
        else:
            approval = await self._approvals.find_one({"_id": ticket_id})
            if approval is not None:
                await self._approvals.update_one(
                    {"_id": ticket_id}, {"$set": _anonymous_approval(approval)}
                )
        await self._deflections.update_many(
            {"ticket": ticket_id, "user": {"$ne": ANONYMOUS}},
            {"$set": {"user": ANONYMOUS, "question": None}},
        )
        await self._outbox.delete_many(  # but what retention itself owes Slack of it
            {"message.ticket_id": ticket_id, "message.kind": {"$nin": KEPT_KINDS}}
        )

    def _old_closed(self, before: datetime) -> dict[str, Any]:
        return {"status": {"$in": CLOSED}, "updated_at": {"$lt": before}}

    @store_errors
    async def closed_before(self, before: datetime, limit: int) -> list[str]:
        """Ids of closed or cancelled tickets last changed before ``before``, not anonymised."""
        query = {**self._old_closed(before), "anonymised_at": None}
        cursor = self._tickets.find(query, {"_id": 1}).sort("updated_at", ASCENDING)
        return [d["_id"] for d in await cursor.limit(limit).to_list(limit)]

    @store_errors
    async def anonymise(self, ticket_id: str, before: datetime, at: datetime) -> bool:
        """Anonymise the ticket if it is still closed, old and not anonymised."""
        condition = {"_id": ticket_id, **self._old_closed(before), "anonymised_at": None}
        document = await self._tickets.find_one(
            condition, {"history": 1, "last_change": 1, "updated_at": 1}
        )
        if document is None:
            return False
        await self._forget_around(ticket_id, delete=False)
        result = await self._tickets.update_one(
            {**condition, "updated_at": document["updated_at"]},
            {
                "$set": {
                    "title": "",
                    "description": "",
                    "requester": ANONYMOUS,
                    "assignee": ANONYMOUS if document.get("assignee") else None,
                    "extra": {},
                    "request": None,
                    "origin": None,
                    "requester_thread": None,
                    "requester_dms": [],  # copies of what the requester was told
                    "history": [_anonymous_entry(e) for e in document.get("history") or []],
                    "last_change": _anonymous_entry(document["last_change"])
                    if document.get("last_change")
                    else None,
                    "anonymised_at": at,
                }
            },
        )
        return result.modified_count == 1

    @store_errors
    async def counted(self, day: str, done: RetentionDone) -> None:
        """Add what a sweep did to its day's counts (UTC day, ``YYYY-MM-DD``)."""
        counts = {
            "anonymised": done.anonymised,
            "deleted": done.deleted,
            "audit": done.audit,
            "deflections": done.deflections,
        }
        await self._days.update_one(
            {"_id": day}, {"$inc": counts, "$setOnInsert": {"told": False}}, upsert=True
        )

    @store_errors
    async def untold_before(self, day: str, limit: int = 31) -> list[tuple[str, RetentionDone]]:
        """The days before ``day`` whose counts the admins were not told yet, oldest first
        (through the ``_id`` index: one small document a day)."""
        cursor = self._days.find({"_id": {"$lt": day}, "told": False}).sort("_id", ASCENDING)
        return [(d["_id"], _done(d)) for d in await cursor.limit(limit).to_list(limit)]

    @store_errors
    async def day(self, day: str) -> RetentionDone | None:
        document = await self._days.find_one({"_id": day})
        return _done(document) if document else None

    @store_errors
    async def told(self, day: str) -> None:
        await self._days.update_one({"_id": day}, {"$set": {"told": True}})

    @store_errors
    async def traces_of(self, ticket_id: str) -> TicketTraces | None:
        """Where the ticket left messages of the bot's in Slack, read before it is forgotten
        (its requester and DM go with it)."""
        fields = {
            "service": 1,
            "message": 1,
            EARLIER_CARDS: 1,
            "requester": 1,
            "requester_thread": 1,
            "requester_dms": 1,
            "assignee": 1,
            "paging.paged": 1,
            "created_at": 1,
            "updated_at": 1,
        }
        document = await self._tickets.find_one({"_id": ticket_id}, fields)
        if document is None:
            return None
        message = document.get("message")
        card = MessageRef(str(message["channel"]), str(message["ts"])) if message else None
        known = [document.get("requester_thread"), *(document.get("requester_dms") or ())]
        dms = [ref for ref in known if ref and str(ref.get("channel") or "").startswith("D")]
        dm = dms[0] if dms else None
        requester = str(document.get("requester") or "")
        approval = await self._approvals.find_one({"_id": ticket_id}, {"asked": 1})
        paged = ((document.get("paging") or {}).get("paged") or {}).keys()  # on-call pages
        others = [document.get("assignee"), *((approval or {}).get("asked") or ()), *paged]
        people = [str(p) for p in others if p and str(p).startswith(_PERSON) and p != requester]
        return TicketTraces(
            service=str(document["service"]),
            card=card,
            requester=requester if requester.startswith(_PERSON) else None,
            dm=MessageRef(str(dm["channel"]), str(dm.get("ts") or "")) if dm else None,
            created_at=document["created_at"],
            changed_at=document["updated_at"],
            others=tuple(dict.fromkeys(people)),
            earlier_cards=tuple(ref for ref in card_places(document) if ref != card),
        )

    @store_errors
    async def delete(self, ticket_id: str, before: datetime) -> bool:
        condition = {"_id": ticket_id, **self._old_closed(before)}
        if await self._tickets.find_one(condition, {"_id": 1}) is None:
            return False
        await self._forget_around(ticket_id, delete=True)
        result = await self._tickets.delete_one(condition)
        return result.deleted_count == 1

    @store_errors
    async def delete_audit_before(self, before: datetime, limit: int) -> int:
        """Delete at most ``limit`` audit lines written before ``before`` (oldest first)."""
        return await _delete_before(self._audit, before, limit)

    @store_errors
    async def delete_deflections_before(self, before: datetime, limit: int) -> int:
        """Delete at most ``limit`` suggestions shown before ``before`` (oldest first; their
        index on ``at`` is ``storage/deflections.py``'s)."""
        return await _delete_before(self._deflections, before, limit)


def _done(document: dict[str, Any]) -> RetentionDone:
    return RetentionDone(
        anonymised=int(document.get("anonymised", 0)),
        deleted=int(document.get("deleted", 0)),
        audit=int(document.get("audit", 0)),
        deflections=int(document.get("deflections", 0)),
    )


async def _delete_before(collection: Any, before: datetime, limit: int) -> int:
    """Delete at most ``limit`` documents of ``collection`` with ``at`` before ``before``,
    oldest first, through its index on ``at``."""
    cursor = collection.find({"at": {"$lt": before}}, {"_id": 1}).sort("at", ASCENDING)
    ids = [d["_id"] for d in await cursor.limit(limit).to_list(limit)]
    if not ids:
        return 0
    result = await collection.delete_many({"_id": {"$in": ids}, "at": {"$lt": before}})
    return int(result.deleted_count)
