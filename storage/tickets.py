"""The ticket repository: tickets, their append-only history, and the id counters.

A ticket is one document whose ``_id`` is its human-readable id (``INC-42``). Its history is an
array inside the same document, so a change and the history entry that records it are written
by one atomic update: there is never a change without its entry, nor an entry without its change.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, ParamSpec, TypeVar

from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError, PyMongoError

from bot.errors import StoreUnavailable
from bot.models import (
    TYPE_PREFIX,
    Classification,
    HistoryEntry,
    Language,
    Level,
    MessageRef,
    NewTicket,
    Priority,
    Status,
    Ticket,
    TicketType,
)
from storage.client import Database

P = ParamSpec("P")
R = TypeVar("R")

MAX_LIST = 200


def _store_errors(method: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Turn driver failures into ``StoreUnavailable`` so callers can answer 'try again'."""

    @functools.wraps(method)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await method(*args, **kwargs)
        except DuplicateKeyError:
            raise
        except PyMongoError as error:
            raise StoreUnavailable(str(error)) from error

    return wrapper


class TicketRepository:
    def __init__(self, database: Database) -> None:
        self._tickets = database.handle["tickets"]
        self._counters = database.handle["counters"]

    @_store_errors
    async def create_indexes(self) -> None:
        await self._tickets.create_index(
            [("requester", ASCENDING), ("status", ASCENDING), ("created_at", DESCENDING)],
            name="by_requester",
        )
        await self._tickets.create_index(
            [("service", ASCENDING), ("status", ASCENDING), ("created_at", ASCENDING)],
            name="by_service",
        )

    @_store_errors
    async def next_id(self, ticket_type: TicketType) -> str:
        """``INC-42``: the next number of the type's prefix, from an atomic counter."""
        prefix = TYPE_PREFIX[ticket_type]
        counter = await self._counters.find_one_and_update(
            {"_id": prefix},
            {"$inc": {"seq": 1}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        return f"{prefix}-{counter['seq']}"

    @_store_errors
    async def create(self, new: NewTicket) -> Ticket:
        """Store a new ticket with its first history entry, in one insert."""
        ticket_id = await self.next_id(new.type)
        created = HistoryEntry(
            ticket_id=ticket_id, at=new.created_at, actor=new.requester, action="created"
        )
        ticket = Ticket(
            id=ticket_id,
            type=new.type,
            title=new.title,
            description=new.description,
            impact=new.impact,
            urgency=new.urgency,
            priority=new.priority,
            service=new.service,
            status=Status.NEW,
            requester=new.requester,
            language=new.language,
            created_at=new.created_at,
            updated_at=new.created_at,
            classification=new.classification,
            source=new.source,
        )
        document = _to_document(ticket)
        document["history"] = [_entry_document(created)]
        await self._tickets.insert_one(document)
        return ticket

    @_store_errors
    async def get(self, ticket_id: str) -> Ticket | None:
        document = await self._tickets.find_one({"_id": ticket_id}, {"history": 0})
        return _from_document(document) if document else None

    @_store_errors
    async def history(self, ticket_id: str) -> list[HistoryEntry]:
        document = await self._tickets.find_one({"_id": ticket_id}, {"history": 1})
        if document is None:
            return []
        return [_entry_from_document(ticket_id, entry) for entry in document.get("history", [])]

    @_store_errors
    async def list_for_requester(
        self, requester: str, statuses: Iterable[Status], limit: int = MAX_LIST
    ) -> list[Ticket]:
        cursor = self._tickets.find(
            {"requester": requester, "status": {"$in": [s.value for s in statuses]}},
            {"history": 0},
        ).sort("created_at", DESCENDING)
        return [_from_document(document) for document in await cursor.to_list(limit)]

    @_store_errors
    async def list_for_service(
        self, service: str, statuses: Iterable[Status], limit: int = MAX_LIST
    ) -> list[Ticket]:
        cursor = self._tickets.find(
            {"service": service, "status": {"$in": [s.value for s in statuses]}},
            {"history": 0},
        ).sort("created_at", ASCENDING)
        return [_from_document(document) for document in await cursor.to_list(limit)]

    @_store_errors
    async def list_by_status(
        self, statuses: Iterable[Status], limit: int = MAX_LIST
    ) -> list[Ticket]:
        cursor = self._tickets.find(
            {"status": {"$in": [s.value for s in statuses]}}, {"history": 0}
        ).sort("created_at", ASCENDING)
        return [_from_document(document) for document in await cursor.to_list(limit)]

    @_store_errors
    async def record(self, entry: HistoryEntry, changes: dict[str, Any] | None = None) -> None:
        """Apply ``changes`` (field -> value) and append ``entry``, atomically."""
        update: dict[str, Any] = {"$push": {"history": _entry_document(entry)}}
        update["$set"] = {"updated_at": entry.at, **_encode(changes or {})}
        await self._tickets.update_one({"_id": entry.ticket_id}, update)

    @_store_errors
    async def update_if(
        self, condition: dict[str, Any], entry: HistoryEntry, changes: dict[str, Any]
    ) -> Ticket | None:
        """Apply ``changes`` and append ``entry`` only if the ticket still matches ``condition``.

        ``condition`` is a field -> expected value mapping (``None`` means unset); returns the
        updated ticket, or ``None`` when someone else changed it first (nothing is written).
        """
        query: dict[str, Any] = {"_id": entry.ticket_id}
        for key, value in _encode(condition).items():
            query[key] = value
        document = await self._tickets.find_one_and_update(
            query,
            {
                "$set": {"updated_at": entry.at, **_encode(changes)},
                "$push": {"history": _entry_document(entry)},
            },
            projection={"history": 0},
            return_document=ReturnDocument.AFTER,
        )
        return _from_document(document) if document else None


def _encode(values: dict[str, Any]) -> dict[str, Any]:
    encoded: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, MessageRef):
            encoded[key] = asdict(value)
        elif hasattr(value, "value") and isinstance(value.value, str):
            encoded[key] = value.value
        else:
            encoded[key] = value
    return encoded


def _to_document(ticket: Ticket) -> dict[str, Any]:
    return {
        "_id": ticket.id,
        "type": ticket.type.value,
        "title": ticket.title,
        "description": ticket.description,
        "impact": ticket.impact.value,
        "urgency": ticket.urgency.value,
        "priority": ticket.priority.value,
        "service": ticket.service,
        "status": ticket.status.value,
        "requester": ticket.requester,
        "assignee": ticket.assignee,
        "language": ticket.language.value,
        "created_at": ticket.created_at,
        "updated_at": ticket.updated_at,
        "message": asdict(ticket.message) if ticket.message else None,
        "source": ticket.source,
        "satisfaction": ticket.satisfaction,
        "classification": {
            "service": ticket.classification.service,
            "confidence": ticket.classification.confidence,
            "reasons": list(ticket.classification.reasons),
        },
        "extra": dict(ticket.extra),
    }


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _from_document(document: dict[str, Any]) -> Ticket:
    classification = document.get("classification") or {}
    message = document.get("message")
    return Ticket(
        id=document["_id"],
        type=TicketType(document["type"]),
        title=document["title"],
        description=document["description"],
        impact=Level(document["impact"]),
        urgency=Level(document["urgency"]),
        priority=Priority(document["priority"]),
        service=document["service"],
        status=Status(document["status"]),
        requester=document["requester"],
        assignee=document.get("assignee"),
        language=Language(document.get("language", "en")),
        created_at=_aware(document["created_at"]),
        updated_at=_aware(document["updated_at"]),
        message=MessageRef(**message) if message else None,
        source=document.get("source", "modal"),
        satisfaction=document.get("satisfaction"),
        classification=Classification(
            service=classification.get("service", document["service"]),
            confidence=float(classification.get("confidence", 0.0)),
            reasons=tuple(classification.get("reasons", ())),
        ),
        extra=dict(document.get("extra") or {}),
    )


def _entry_document(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "at": entry.at,
        "actor": entry.actor,
        "action": entry.action,
        "before": entry.before,
        "after": entry.after,
        "note": entry.note,
    }


def _entry_from_document(ticket_id: str, document: dict[str, Any]) -> HistoryEntry:
    return HistoryEntry(
        ticket_id=ticket_id,
        at=_aware(document["at"]),
        actor=document["actor"],
        action=document["action"],
        before=document.get("before"),
        after=document.get("after"),
        note=document.get("note"),
    )
