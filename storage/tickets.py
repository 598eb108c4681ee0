"""The ticket repository: tickets, their append-only history, and the id counters.

A ticket is one document whose ``_id`` is its human-readable id (``INC-42``). Its history is an
array inside the same document, so a change and the history entry that records it are written
by one atomic update: there is never a change without its entry, nor an entry without its change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from bot.domain.errors import AlreadyFiled
from bot.domain.models import (
    OPEN_STATUSES,
    TYPE_PREFIX,
    Classification,
    HistoryAction,
    HistoryEntry,
    Language,
    Level,
    MessageRef,
    NewTicket,
    Origin,
    Priority,
    Status,
    Ticket,
    TicketType,
)
from storage import codec
from storage.client import Database
from storage.client import store_errors as _store_errors

MAX_LIST = 200
DUE_INDEX = "by_next_ping"


@dataclass(frozen=True)
class QueryPlan:
    """How the server ran a query (``explain``): the index used and what it examined."""

    index: str | None
    stage: str
    keys_examined: int
    docs_examined: int
    returned: int
    millis: int


class TicketRepository:
    def __init__(self, database: Database) -> None:
        self._db = database.handle
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
        await self._tickets.create_index(
            [("assignee", ASCENDING), ("status", ASCENDING), ("created_at", ASCENDING)],
            name="by_assignee",
        )
        # Replies in a ticket's channel thread and in its requester's DM thread find it by ts.
        await self._tickets.create_index(
            [("message.ts", ASCENDING), ("message.channel", ASCENDING)], name="by_message"
        )
        await self._tickets.create_index(
            [("requester_thread.ts", ASCENDING), ("requester_thread.channel", ASCENDING)],
            name="by_requester_thread",
        )
        await self._tickets.create_index(
            [("origin.ts", ASCENDING), ("origin.channel", ASCENDING)], name="by_origin"
        )
        # At most one ticket per origin key (a reaction on a message): the database refuses the
        # second insert, whichever replica or retried delivery makes it. Sparse: tickets without
        # a key (most of them) are not indexed.
        await self._tickets.create_index(
            [("origin.key", ASCENDING)],
            name="unique_origin_key",
            unique=True,
            sparse=True,  # the key is left out when unset (_origin_document)
        )
        await self._tickets.create_index([("next_ping_at", ASCENDING)], name=DUE_INDEX)

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
            ticket_id=ticket_id,
            at=new.created_at,
            actor=new.requester,
            action=HistoryAction.CREATED,
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
            origin=new.origin,
            sla=new.sla,
            paging=new.paging,
            remind_at=new.remind_at,
            next_ping_at=new.next_ping_at,
        )
        document = _to_document(ticket)
        document["history"] = [_entry_document(created)]
        try:
            await self._tickets.insert_one(document)
        except DuplicateKeyError as error:
            key = new.origin.key if new.origin else None
            if key is None or "_id" in ((error.details or {}).get("keyPattern") or {}):
                raise
            raise AlreadyFiled(key) from error
        return ticket

    @_store_errors
    async def get(self, ticket_id: str) -> Ticket | None:
        document = await self._tickets.find_one({"_id": ticket_id}, {"history": 0})
        return _from_document(document) if document else None

    @_store_errors
    async def find_by_message(self, channel: str, ts: str) -> Ticket | None:
        """The ticket whose channel message is ``channel``/``ts``."""
        return await self._find_one({"message.ts": ts, "message.channel": channel})

    @_store_errors
    async def find_by_requester_thread(self, channel: str, ts: str) -> Ticket | None:
        """The ticket whose requester DM thread starts at ``channel``/``ts``."""
        return await self._find_one(
            {"requester_thread.ts": ts, "requester_thread.channel": channel}
        )

    @_store_errors
    async def find_by_origin(self, channel: str, ts: str) -> Ticket | None:
        """The first ticket made from the Slack message ``channel``/``ts``, if any."""
        cursor = self._tickets.find(
            {"origin.ts": ts, "origin.channel": channel}, {"history": 0}
        ).sort("created_at", ASCENDING)
        found = await _listed(cursor, 1)
        return found[0] if found else None

    @_store_errors
    async def find_by_origin_key(self, key: str) -> Ticket | None:
        return await self._find_one({"origin.key": key})

    async def _find_one(self, query: dict[str, Any]) -> Ticket | None:
        document = await self._tickets.find_one(query, {"history": 0})
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
        return await _listed(cursor, limit)

    @_store_errors
    async def list_for_service(
        self, service: str, statuses: Iterable[Status], limit: int = MAX_LIST
    ) -> list[Ticket]:
        cursor = self._tickets.find(
            {"service": service, "status": {"$in": [s.value for s in statuses]}},
            {"history": 0},
        ).sort("created_at", ASCENDING)
        return await _listed(cursor, limit)

    @_store_errors
    async def list_assigned(
        self, assignee: str, statuses: Iterable[Status] = OPEN_STATUSES, limit: int = MAX_LIST
    ) -> list[Ticket]:
        """Tickets assigned to ``assignee``, oldest first."""
        cursor = self._tickets.find(
            {"assignee": assignee, "status": {"$in": [s.value for s in statuses]}},
            {"history": 0},
        ).sort("created_at", ASCENDING)
        return await _listed(cursor, limit)

    @_store_errors
    async def list_unassigned(
        self,
        services: Iterable[str],
        statuses: Iterable[Status] = OPEN_STATUSES,
        limit: int = MAX_LIST,
    ) -> list[Ticket]:
        """The queue of ``services``: their tickets nobody has claimed, oldest first."""
        cursor = self._tickets.find(
            {
                "service": {"$in": list(services)},
                "status": {"$in": [s.value for s in statuses]},
                "assignee": None,
            },
            {"history": 0},
        ).sort("created_at", ASCENDING)
        return await _listed(cursor, limit)

    @_store_errors
    async def list_by_status(
        self, statuses: Iterable[Status], limit: int = MAX_LIST
    ) -> list[Ticket]:
        cursor = self._tickets.find(
            {"status": {"$in": [s.value for s in statuses]}}, {"history": 0}
        ).sort("created_at", ASCENDING)
        return await _listed(cursor, limit)

    @_store_errors
    async def record(self, entry: HistoryEntry, changes: dict[str, Any] | None = None) -> None:
        """Apply ``changes`` (field -> value) and append ``entry``, atomically."""
        update: dict[str, Any] = {"$push": {"history": _entry_document(entry)}}
        update["$set"] = {"updated_at": entry.at, **_encode(changes or {})}
        await self._tickets.update_one({"_id": entry.ticket_id}, update)

    @_store_errors
    async def update_if(
        self,
        condition: dict[str, Any],
        entry: HistoryEntry,
        changes: dict[str, Any],
        add: dict[str, Sequence[str]] | None = None,
        remove: dict[str, Sequence[str]] | None = None,
    ) -> Ticket | None:
        """Apply ``changes`` and append ``entry`` only if the ticket still matches ``condition``.

        ``condition`` is a field -> expected value mapping (``None`` means unset); ``add`` and
        ``remove`` put values into (once) and take them out of list fields, in the same atomic
        update. Returns the updated ticket, or ``None`` when someone else changed it first
        (nothing is written).
        """
        query: dict[str, Any] = {"_id": entry.ticket_id}
        for key, value in _encode(condition).items():
            query[key] = value
        update: dict[str, Any] = {
            "$set": {"updated_at": entry.at, **_encode(changes)},
            "$push": {"history": _entry_document(entry)},
        }
        if add:
            update["$addToSet"] = {key: {"$each": list(values)} for key, values in add.items()}
        if remove:
            update["$pull"] = {key: {"$in": list(values)} for key, values in remove.items()}
        document = await self._tickets.find_one_and_update(
            query, update, projection={"history": 0}, return_document=ReturnDocument.AFTER
        )
        return _from_document(document) if document else None

    # --- the scheduler's due work ----------------------------------------------------------
    # ``next_ping_at`` is the earliest due time of a ticket (reminder or page); while a tick
    # hands a ticket's messages to the outbox it holds a short lease there instead (see
    # ``bot/scheduler.py``). These writes touch only that bookkeeping; every change people see
    # goes through ``update_if`` (``Helpdesk.apply_change``).

    def _due_query(self, now: datetime) -> dict[str, Any]:
        return {"next_ping_at": {"$lte": now}}

    @_store_errors
    async def due(self, now: datetime, limit: int) -> list[Ticket]:
        """Tickets whose ``next_ping_at`` has passed, earliest first: one range scan of the
        ``by_next_ping`` index, whatever the number of tickets."""
        cursor = (
            self._tickets.find(self._due_query(now), {"history": 0})
            .sort("next_ping_at", ASCENDING)
            .limit(limit)
        )
        return [_from_document(document) for document in await cursor.to_list(limit)]

    @_store_errors
    async def extend_lease(self, ticket_id: str, due: datetime, lease: datetime) -> bool:
        """Take over a ticket whose hand-over lease ran out (its tick died midway)."""
        result = await self._tickets.update_one(
            {"_id": ticket_id, "next_ping_at": due, "handover": {"$ne": None}},
            {"$set": {"next_ping_at": lease}},
        )
        return result.modified_count == 1

    @_store_errors
    async def finish_handover(
        self, ticket_id: str, token: str, lease: datetime, next_ping_at: datetime | None
    ) -> None:
        """The hand-over ``token`` is in the outbox: forget it and set the next due time, unless
        a change made meanwhile already set one (then it stands)."""
        done = await self._tickets.update_one(
            {"_id": ticket_id, "handover.token": token, "next_ping_at": lease},
            {"$set": {"handover": None, "next_ping_at": next_ping_at}},
        )
        if done.modified_count == 0:
            await self._tickets.update_one(
                {"_id": ticket_id, "handover.token": token}, {"$set": {"handover": None}}
            )

    @_store_errors
    async def reschedule(
        self, ticket_id: str, due: datetime, changes: dict[str, Any], next_ping_at: datetime | None
    ) -> bool:
        """Move a due time that turned out to owe nothing (no message to send)."""
        result = await self._tickets.update_one(
            {"_id": ticket_id, "next_ping_at": due, "handover": None},
            {"$set": {**_encode(changes), "next_ping_at": next_ping_at}},
        )
        return result.modified_count == 1

    @_store_errors
    async def import_tickets(self, tickets: Sequence[Ticket], batch: int = 10_000) -> int:
        """Bulk insert of whole tickets (seeding a benchmark or a sandbox); returns the count."""
        inserted = 0
        for start in range(0, len(tickets), batch):
            documents = [_to_document(ticket) for ticket in tickets[start : start + batch]]
            for document in documents:
                document["history"] = []
            result = await self._tickets.insert_many(documents, ordered=False)
            inserted += len(result.inserted_ids)
        return inserted

    @_store_errors
    async def explain_due(self, now: datetime, limit: int) -> QueryPlan:
        """The server's plan for the ``due`` query (a real MongoDB server only)."""
        answer = await self._db.command(
            "explain",
            {
                "find": self._tickets.name,
                "filter": self._due_query(now),
                "sort": {"next_ping_at": 1},
                "limit": limit,
                "projection": {"history": 0},
            },
            verbosity="executionStats",
        )
        stats = answer.get("executionStats", {})
        stages = _stages(answer.get("queryPlanner", {}).get("winningPlan", {}))
        index = next((s.get("indexName") for s in stages if s.get("indexName")), None)
        return QueryPlan(
            index=index,
            stage=" <- ".join(str(s.get("stage")) for s in stages),
            keys_examined=int(stats.get("totalKeysExamined", 0)),
            docs_examined=int(stats.get("totalDocsExamined", 0)),
            returned=int(stats.get("nReturned", 0)),
            millis=int(stats.get("executionTimeMillis", 0)),
        )


def _stages(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """A winning plan's stages, outermost first (``queryPlan`` nests them on newer servers)."""
    found: list[dict[str, Any]] = []
    node: dict[str, Any] | None = plan.get("queryPlan", plan)
    while node:
        found.append(node)
        node = node.get("inputStage")
    return found


async def _listed(cursor: Any, limit: int) -> list[Ticket]:
    """At most ``limit`` tickets from ``cursor`` (``limit()`` as well: the in-memory store's
    ``to_list`` ignores its length)."""
    return [_from_document(document) for document in await cursor.limit(limit).to_list(limit)]


def _encode(values: dict[str, Any]) -> dict[str, Any]:
    return {key: codec.plain(value) for key, value in values.items()}


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
        "origin": _origin_document(ticket.origin),
        "requester_thread": asdict(ticket.requester_thread) if ticket.requester_thread else None,
        "satisfaction": ticket.satisfaction,
        "classification": {
            "service": ticket.classification.service,
            "confidence": ticket.classification.confidence,
            "reasons": list(ticket.classification.reasons),
        },
        "extra": dict(ticket.extra),
        "sla": codec.plain(ticket.sla),
        "paging": codec.plain(ticket.paging),
        "remind_at": ticket.remind_at,
        "next_ping_at": ticket.next_ping_at,
        "handover": codec.plain(ticket.handover),
        "problem_id": ticket.problem_id,
        "linked_incidents": list(ticket.linked_incidents),
        "fanout_at": ticket.fanout_at,
    }


_aware = codec.aware


def _from_document(document: dict[str, Any]) -> Ticket:
    classification = document.get("classification") or {}
    message = document.get("message")
    origin = document.get("origin")
    thread = document.get("requester_thread")
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
        origin=Origin(**origin) if origin else None,
        requester_thread=MessageRef(**thread) if thread else None,
        satisfaction=document.get("satisfaction"),
        classification=Classification(
            service=classification.get("service", document["service"]),
            confidence=float(classification.get("confidence", 0.0)),
            reasons=tuple(classification.get("reasons", ())),
        ),
        extra=dict(document.get("extra") or {}),
        sla=codec.sla_clocks(document.get("sla")),
        paging=codec.paging(document.get("paging")),
        remind_at=codec.maybe_aware(document.get("remind_at")),
        next_ping_at=codec.maybe_aware(document.get("next_ping_at")),
        handover=codec.handover(document.get("handover")),
        problem_id=document.get("problem_id"),
        linked_incidents=tuple(document.get("linked_incidents") or ()),
        fanout_at=codec.maybe_aware(document.get("fanout_at")),
    )


def _origin_document(origin: Origin | None) -> dict[str, Any] | None:
    """The origin sub-document; ``key`` is left out when unset so the unique index skips it."""
    if origin is None:
        return None
    return {k: v for k, v in asdict(origin).items() if v is not None or k != "key"}


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
        action=HistoryAction(document["action"]),
        before=document.get("before"),
        after=document.get("after"),
        note=document.get("note"),
    )
