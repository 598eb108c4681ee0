"""The audit log: one append-only collection, ``audit``, one document per decision or refusal.

A ticket's change and its audit line are written by the same atomic update: the line rides on
the ticket document (``audit_pending``) with the change and its history entry; it is then
copied here (an upsert on its id: copying twice keeps one line) and taken off the ticket. A
replica that stops between the two leaves it pending on the ticket, where the scheduler's
sweep finds it (``pending`` uses a sparse index: only tickets with lines waiting are in it).
So no line exists for a change that was not written, and no written change lacks its line.

Decisions about something other than a ticket ride the same way on the document they change:
an article of the knowledge base (``articles``), a problem suggestion (``suggestions``). Those
collections are the ``HOLDERS``; the sweep looks in each.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo import ASCENDING
from pymongo.errors import DuplicateKeyError

from bot.domain.audit import AuditEntry, Outcome
from storage import codec
from storage.client import Database, store_errors
from storage.decoding import first_decoded
from storage.indexes import ensure_index

PENDING = "audit_pending"
TICKETS = "tickets"
ARTICLES = "articles"
SUGGESTIONS = "suggestions"
HOLDERS = (TICKETS, ARTICLES, SUGGESTIONS)
"""The collections whose documents may carry pending lines."""


def pending_document(entry: AuditEntry) -> dict[str, Any]:
    """``entry`` as it rides on its ticket until it is copied to the log. Its fields named one
    by one: ``dataclasses.asdict`` deep-copied each (strings and a datetime, nothing to copy),
    21 -> 0.5 us, once per refusal and per change (``test_a_pending_document_holds_every_field``
    keeps the two in step)."""
    return {
        "id": entry.id,
        "at": entry.at,
        "actor": entry.actor,
        "action": entry.action,
        "outcome": entry.outcome.value,
        "surface": entry.surface,
        "ticket_id": entry.ticket_id,
        "before": entry.before,
        "after": entry.after,
        "note": entry.note,
    }


def _from_document(document: dict[str, Any]) -> AuditEntry:
    return AuditEntry(
        id=document.get("id") or document["_id"],
        at=codec.aware(document["at"]),
        actor=document["actor"],
        action=document["action"],
        outcome=Outcome(document["outcome"]),
        surface=document.get("surface") or "",
        ticket_id=document.get("ticket_id"),
        before=document.get("before"),
        after=document.get("after"),
        note=document.get("note"),
    )


def _pending_of(holder: str, document: dict[str, Any]) -> tuple[str, str, list[AuditEntry]]:
    """``(holder, document id, lines)`` of a document of ``holder`` with lines pending."""
    return holder, document["_id"], [_from_document(line) for line in document.get(PENDING) or []]


class AuditLog:
    def __init__(self, database: Database) -> None:
        self._audit = database.handle["audit"]
        self._holders = {name: database.handle[name] for name in HOLDERS}

    @store_errors
    async def create_indexes(self) -> None:
        await ensure_index(self._audit, [("at", ASCENDING)], name="by_time")
        await ensure_index(
            self._audit, [("ticket_id", ASCENDING), ("at", ASCENDING)], name="by_ticket"
        )
        await ensure_index(self._audit, [("actor", ASCENDING)], name="by_actor")
        for holder in self._holders.values():
            await ensure_index(
                holder, [(f"{PENDING}.id", ASCENDING)], name="audit_pending", sparse=True
            )

    @store_errors
    async def append(self, entries: Sequence[AuditEntry]) -> None:
        """Add ``entries`` to the log; an entry already there is left as it is. Each is
        inserted, its id refused when it is there already (copied before: a sweep racing
        ``settle``, a copy cut short): what ``$setOnInsert`` with ``upsert`` did, without the
        look-up every upsert makes first (87 -> 27 us a line on the in-memory store; one per
        claim, one per filing)."""
        for entry in entries:  # one at a time: a sweep copies a ticket's few lines
            document = pending_document(entry)
            document["_id"] = document.pop("id")
            try:
                await self._audit.insert_one(document)
            except DuplicateKeyError:
                continue

    @store_errors
    async def add(self, entry: AuditEntry) -> None:
        """Add a line written once, never copied (a refusal, with its new id): inserted, without
        the look-up ``append``'s upsert does (a claim refused at saturation: 129 -> 55 us on the
        in-memory store)."""
        document = pending_document(entry)
        document["_id"] = document.pop("id")
        await self._audit.insert_one(document)

    @store_errors
    async def settle(
        self, document_id: str, entries: Sequence[AuditEntry], holder: str = TICKETS
    ) -> None:
        """Copy the lines that rode on ``document_id`` (of ``holder``) to the log, then take
        them off it."""
        await self.append(entries)
        await self.take_off(document_id, [entry.id for entry in entries], holder)

    @store_errors
    async def take_off(
        self, document_id: str, entry_ids: Sequence[str], holder: str = TICKETS
    ) -> None:
        """Take the lines ``entry_ids`` off ``document_id`` (of ``holder``): copied to the log,
        or given up (the log refused them: ``AuditTrail.sweep``)."""
        await self._holders[holder].update_one(
            {"_id": document_id}, {"$pull": {PENDING: {"id": {"$in": list(entry_ids)}}}}
        )

    @store_errors
    async def pending(self, limit: int) -> list[tuple[str, str, list[AuditEntry]]]:
        """``(holder, document id, lines)`` of documents whose lines were written with their
        change but not yet copied here, at most ``limit`` per holder."""
        found: list[tuple[str, str, list[AuditEntry]]] = []
        for name, holder in self._holders.items():

            async def first(n: int, holder: Any = holder) -> list[dict[str, Any]]:
                cursor = holder.find({f"{PENDING}.id": {"$exists": True}}, {PENDING: 1})
                return list(await cursor.limit(n).to_list(n))

            decode = functools.partial(_pending_of, name)
            found += await first_decoded(name, first, decode, limit)
        return found

    @store_errors
    async def between(
        self,
        start: datetime,
        end: datetime,
        limit: int,
        ticket_id: str | None = None,
        person: str | None = None,
    ) -> list[AuditEntry]:
        """The lines from ``start`` (included) to ``end`` (excluded), oldest first; only those
        of ``ticket_id`` (through ``by_ticket``), only those where ``person`` acted or is the
        value before or after (the period's lines read through ``by_time``, then filtered)."""
        query: dict[str, Any] = {"at": {"$gte": start, "$lt": end}}
        if ticket_id is not None:
            query["ticket_id"] = ticket_id
        if person is not None:
            query["$or"] = [{field: person} for field in ("actor", "before", "after")]
        cursor = self._audit.find(query).sort([("at", ASCENDING), ("_id", ASCENDING)])
        return [_from_document(d) for d in await cursor.limit(limit).to_list(limit)]
