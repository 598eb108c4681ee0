"""The ticket repository: tickets, their append-only history, and the id counters.

A ticket is one document whose ``_id`` is its human-readable id (``INC-42``). Its history is an
array inside the same document, so a change and the history entry that records it are written
by one atomic update: there is never a change without its entry, nor an entry without its change.

Here: the indexes, the id counters and the writes. The reads and listings are in
``storage/ticket_reads.py``, the scheduler's due work in ``storage/ticket_schedule.py``, the
document mapping in ``storage/ticket_documents.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from bot.domain.card_changes import is_card_change
from bot.domain.errors import AlreadyFiled
from bot.domain.models import (
    TYPE_PREFIX,
    HistoryAction,
    HistoryEntry,
    NewTicket,
    Status,
    Ticket,
    TicketType,
)
from storage import codec
from storage.audit import PENDING
from storage.client import Database
from storage.client import store_errors as _store_errors
from storage.indexes import ensure_index
from storage.ticket_announcements import ANNOUNCE_INDEX, TicketAnnouncements
from storage.ticket_documents import (
    KEPT_PUSHED,
    MAX_LIST,
    _encode,
    _entry_document,
    _from_document,
    _to_document,
)
from storage.ticket_pages import LIVE_PAGES_INDEX, LIVE_PAGING, TicketPages
from storage.ticket_reads import TicketReads
from storage.ticket_requester_dms import TicketRequesterDms
from storage.ticket_schedule import DUE_INDEX, QueryPlan, TicketSchedule
from storage.ticket_work_lists import TicketWorkLists

__all__ = ["DUE_INDEX", "MAX_LIST", "QueryPlan", "TicketRepository"]


class TicketRepository(
    TicketReads,
    TicketSchedule,
    TicketAnnouncements,
    TicketRequesterDms,
    TicketPages,
    TicketWorkLists,
):
    def __init__(self, database: Database) -> None:
        self._db = database.handle
        self._tickets = database.handle["tickets"]
        self._counters = database.handle["counters"]

    @_store_errors
    async def create_indexes(self) -> None:
        await ensure_index(
            self._tickets,
            [("requester", ASCENDING), ("status", ASCENDING), ("created_at", DESCENDING)],
            name="by_requester",
        )
        await ensure_index(
            self._tickets,
            [("service", ASCENDING), ("status", ASCENDING), ("created_at", ASCENDING)],
            name="by_service",
        )
        await ensure_index(
            self._tickets,
            [("assignee", ASCENDING), ("status", ASCENDING), ("created_at", ASCENDING)],
            name="by_assignee",
        )
        # Replies in a ticket's channel thread and in its requester's DM thread find it by ts.
        await ensure_index(
            self._tickets,
            [("message.ts", ASCENDING), ("message.channel", ASCENDING)],
            name="by_message",
        )
        await ensure_index(
            self._tickets,
            [("requester_thread.ts", ASCENDING), ("requester_thread.channel", ASCENDING)],
            name="by_requester_thread",
        )
        await ensure_index(
            self._tickets,
            [("origin.ts", ASCENDING), ("origin.channel", ASCENDING)],
            name="by_origin",
        )
        # At most one ticket per origin key (a reaction on a message): the database refuses the
        # second insert, whichever replica or retried delivery makes it. Sparse: tickets without
        # a key (most of them) are not indexed.
        await ensure_index(
            self._tickets,
            [("origin.key", ASCENDING)],
            name="unique_origin_key",
            unique=True,
            sparse=True,  # the key is left out when unset (_origin_document)
        )
        # At most one ticket per form submission (view id): the same submission delivered twice
        # (a proxy's retry, a double send) files once, on whichever replica.
        await ensure_index(
            self._tickets,
            [("submission", ASCENDING)],
            name="unique_submission",
            unique=True,
            sparse=True,
        )
        await ensure_index(self._tickets, [("next_ping_at", ASCENDING)], name=DUE_INDEX)
        await ensure_index(
            self._tickets,
            [("announce_at", ASCENDING)],
            name=ANNOUNCE_INDEX,
            partialFilterExpression={"announce_at": {"$type": "date"}},
        )
        await ensure_index(  # the emergencies paging now: a handful of tickets
            self._tickets,
            [("paging.started_at", ASCENDING)],
            name=LIVE_PAGES_INDEX,
            partialFilterExpression=LIVE_PAGING,
        )
        await self.create_work_list_indexes()  # the Home's lists, most pressing first

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
    async def create(
        self, new: NewTicket, audit_line: Callable[[HistoryEntry], dict[str, Any]] | None = None
    ) -> Ticket:
        """Store a new ticket with its first history entry, in one insert; ``audit_line``
        gives the entry's audit line, which rides on the ticket in that insert
        (``storage/audit.py``)."""
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
            announce_at=new.created_at,
            extra=dict(new.extra),
            request=new.request,
            approval=new.approval,  # a request held for approval is pending from this insert
        )
        document = _to_document(ticket)
        document["history"] = [_entry_document(created)]
        if audit_line is not None:
            document[PENDING] = [audit_line(created)]
        if new.submission is not None:  # left out when unset, so the unique index skips it
            document["submission"] = new.submission
        try:
            await self._tickets.insert_one(document)
        except DuplicateKeyError as error:
            pattern = (error.details or {}).get("keyPattern") or {}
            key = new.origin.key if new.origin else None
            if "submission" in pattern or key is None:
                key = new.submission
            if key is None or "_id" in pattern:
                raise
            raise AlreadyFiled(key) from error
        return ticket

    @_store_errors
    async def find_by_submission(self, submission: str) -> Ticket | None:
        """The ticket filed from this form submission (view id), if any."""
        document = await self._tickets.find_one({"submission": submission})
        return _from_document(document) if document else None

    @_store_errors
    async def record(
        self,
        entry: HistoryEntry,
        changes: dict[str, Any] | None = None,
        audit_line: dict[str, Any] | None = None,
    ) -> bool:
        """Apply ``changes`` (field -> value) and append ``entry`` (and its ``audit_line``),
        atomically; False when there is no such ticket (nothing written)."""
        update: dict[str, Any] = {"$push": {"history": _entry_document(entry)}}
        if audit_line is not None:
            update["$push"][PENDING] = audit_line
        update["$set"] = {"updated_at": entry.at, **_encode(changes or {})}
        if is_card_change(entry, changes):
            update["$set"]["last_change"] = _entry_document(entry)
        result = await self._tickets.update_one({"_id": entry.ticket_id}, update)
        return result.matched_count == 1

    @_store_errors
    async def update_if(
        self,
        condition: dict[str, Any],
        entry: HistoryEntry,
        changes: dict[str, Any],
        add: dict[str, Sequence[str]] | None = None,
        remove: dict[str, Sequence[str]] | None = None,
        audit_line: dict[str, Any] | None = None,
        push: dict[str, Sequence[Any]] | None = None,
    ) -> Ticket | None:
        """Apply ``changes`` and append ``entry`` only if the ticket still matches ``condition``.

        ``condition`` is a field -> expected value mapping (``None`` means unset); ``add`` and
        ``remove`` put values into (once) and take them out of list fields, ``push`` appends
        values to list fields (the last ``KEPT_PUSHED`` kept), in the same atomic update.
        Returns the updated ticket, or ``None`` when someone else changed it first (nothing is
        written). ``audit_line`` rides on the ticket in the same update until it is
        copied to the audit log (``storage/audit.py``).
        """
        query: dict[str, Any] = {"_id": entry.ticket_id}
        for key, value in _encode(condition).items():
            query[key] = value
        update: dict[str, Any] = {
            "$set": {"updated_at": entry.at, **_encode(changes)},
            "$push": {"history": _entry_document(entry)},
        }
        if audit_line is not None:
            update["$push"][PENDING] = audit_line
        if is_card_change(entry, changes):  # what the card tells, read with the ticket
            update["$set"]["last_change"] = _entry_document(entry)
        if add:
            update["$addToSet"] = {key: {"$each": list(values)} for key, values in add.items()}
        if remove:
            update["$pull"] = {key: {"$in": list(values)} for key, values in remove.items()}
        for key, values in (push or {}).items():
            each = [codec.plain(value) for value in values]
            update["$push"][key] = {"$each": each, "$slice": -KEPT_PUSHED}
        document = await self._tickets.find_one_and_update(
            query, update, projection={"history": 0}, return_document=ReturnDocument.AFTER
        )
        return _from_document(document) if document else None

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
