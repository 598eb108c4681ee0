"""The outbox: every message the scheduler sends, stored before it is sent.

An item is ``pending`` until delivered (``sent``, with where it landed), given up (``failed``)
or no longer wanted (``cancelled``). Its id is chosen by the caller and derived from what it
carries, so queuing the same message twice keeps one. Delivery claims an item by moving its
``next_attempt_at`` forward (a lease) in one conditional update, so two replicas never send the
same item; a replica that dies mid-send leaves the lease to expire and the item to be retried.
Finished items are kept ``RETENTION``, then purged by the scheduler with its own clock. A
delivered item is kept ``SENT_RETENTION`` only, unless later work finds it again by where it
landed (``kept_longer``: the pages of an emergency are updated when it is acknowledged, an
approver's DM when the approval is decided, a problem's thread replies list their incidents);
and once Slack took it, what it said (a saved reply's text, a relayed reply) is dropped in the
same update that marks it sent: Slack has it, and a lookup after a lost answer happens before.

No TTL index does it on MongoDB: the server's TTL monitor reads its own clock, the tests and
the sandbox an injected one (a test dated in the past would see its delivered items vanish
under it), and one rule on both stores is easier to trust; the purge is indexed (``finished``).

Delivering at once what was just stored (``add_leased``) inserts the item already leased to the
caller, so a message costs two writes (stored leased, then marked) instead of three.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from pymongo import ASCENDING, ReturnDocument
from pymongo.errors import BulkWriteError

from bot.domain.models import MessageRef, Outgoing, OutgoingKind
from bot.domain.outbox import OutboxItem, OutboxState
from storage import codec
from storage.client import Database, store_errors
from storage.decoding import each_decoded, first_decoded
from storage.indexes import ensure_index

RETENTION = timedelta(days=30)
SENT_RETENTION = timedelta(days=7)
PAYLOAD = (
    "message.text",
    "message.reply",
    "message.files",
)  # what a delivered item no longer needs
KEPT_LONGER = frozenset({OutgoingKind.PAGE, OutgoingKind.LINKED, OutgoingKind.APPROVAL_ASK})
"""Delivered items found again later by where they landed (``sent_for``, ``sent_together``)."""
FAILURES_SHOWN = timedelta(days=1)
DUPLICATE_KEY = 11000
OUTBOX = "outbox"


class OutboxRepository:
    def __init__(self, database: Database) -> None:
        self._items = database.handle[OUTBOX]

    @store_errors
    async def create_indexes(self) -> None:
        await ensure_index(
            self._items, [("state", ASCENDING), ("next_attempt_at", ASCENDING)], name="due"
        )
        await ensure_index(
            self._items,
            [("message.ticket_id", ASCENDING), ("message.kind", ASCENDING)],
            name="by_ticket",
        )
        await ensure_index(self._items, [("expires_at", ASCENDING)], name="expiry", sparse=True)
        await ensure_index(
            self._items, [("state", ASCENDING), ("finished_at", ASCENDING)], name="finished"
        )
        await ensure_index(
            self._items,
            [
                ("state", ASCENDING),
                ("message.kind", ASCENDING),
                ("message.about", ASCENDING),
                ("next_attempt_at", ASCENDING),
            ],
            name="by_kind",
        )

    @store_errors
    async def add(
        self, items: Sequence[tuple[str, Outgoing]], now: datetime, due: datetime | None = None
    ) -> int:
        """Queue ``(id, message)`` pairs, due at once (or at ``due``); ids already queued are
        kept as they are. Returns how many were new. ``created_at`` stays ``now`` whenever the item
        falls due: a retry looks from then on for a post whose answer was lost."""
        if not items:
            return 0
        documents = [
            {
                "_id": item_id,
                "message": codec.plain(message),
                "state": OutboxState.PENDING.value,
                "attempts": 0,
                "next_attempt_at": due or now,
                "created_at": now,
                "last_error": None,
                "sent": None,
            }
            for item_id, message in items
        ]
        try:
            result = await self._items.insert_many(documents, ordered=False)
        except BulkWriteError as error:
            errors = error.details.get("writeErrors", [])
            if any(e.get("code") != DUPLICATE_KEY for e in errors):
                raise
            return int(error.details.get("nInserted", 0))
        return len(result.inserted_ids)

    @store_errors
    async def add_leased(
        self, items: Sequence[tuple[str, Outgoing]], now: datetime, lease_until: datetime
    ) -> list[OutboxItem]:
        """Queue ``(id, message)`` pairs already taken for a first delivery attempt by the
        caller, which delivers them at once: the insert is the claim (another replica sees them
        leased until ``lease_until``; a crash leaves the lease to expire and a later attempt to
        look for what this one may have posted). Returns the items inserted; an id already
        queued is left as it is, and out (deliver it the usual way)."""
        if not items:
            return []
        documents = [
            {
                "_id": item_id,
                "message": codec.plain(message),
                "state": OutboxState.PENDING.value,
                "attempts": 1,
                "next_attempt_at": lease_until,
                "created_at": now,
                "last_error": None,
                "sent": None,
            }
            for item_id, message in items
        ]
        refused: set[int] = set()
        try:
            await self._items.insert_many(documents, ordered=False)
        except BulkWriteError as error:
            errors = error.details.get("writeErrors", [])
            if any(e.get("code") != DUPLICATE_KEY for e in errors):
                raise
            refused = {int(e["index"]) for e in errors}
        return [
            OutboxItem(item_id, message, OutboxState.PENDING, 1, lease_until, now)
            for index, (item_id, message) in enumerate(items)
            if index not in refused
        ]

    @store_errors
    async def due(
        self,
        now: datetime,
        limit: int,
        kinds: Iterable[OutgoingKind] | None = None,
        except_kinds: Iterable[OutgoingKind] | None = None,
        bulk: bool | None = None,
    ) -> list[OutboxItem]:
        """Pending items due by ``now``, earliest first; only ``kinds`` / not ``except_kinds``
        when given, and only bulk ones (or only others) when ``bulk`` is given."""
        query: dict[str, Any] = {
            "state": OutboxState.PENDING.value,
            "next_attempt_at": {"$lte": now},
        }
        if kinds is not None:
            query["message.kind"] = {"$in": [kind.value for kind in kinds]}
        elif except_kinds is not None:
            query["message.kind"] = {"$nin": [kind.value for kind in except_kinds]}
        if bulk is not None:
            query["message.bulk"] = True if bulk else {"$ne": True}

        async def first(n: int) -> list[dict[str, Any]]:
            cursor = self._items.find(query).sort("next_attempt_at", ASCENDING).limit(n)
            return list(await cursor.to_list(n))

        return await first_decoded(OUTBOX, first, codec.outbox_item, limit)

    @store_errors
    async def backlog(self) -> int:
        """How many messages wait to be delivered (due now or later)."""
        return int(await self._items.count_documents({"state": OutboxState.PENDING.value}))

    @store_errors
    async def get(self, item_id: str) -> OutboxItem | None:
        document = await self._items.find_one({"_id": item_id})
        return codec.outbox_item(document) if document else None

    @store_errors
    async def queued_with(self, item: OutboxItem, kind: OutgoingKind) -> list[OutboxItem]:
        """The items of ``kind`` queued by the same hand-over as ``item`` (one scheduler round:
        their ids share its prefix, ``{ticket}:{token}:``), ``item`` among them."""
        prefix = item.id.rsplit(":", 1)[0] + ":"
        cursor = self._items.find(
            {"_id": {"$regex": "^" + re.escape(prefix)}, "message.kind": kind.value}
        )
        return [codec.outbox_item(document) for document in await cursor.to_list(200)]

    @store_errors
    async def claim_group(
        self, kind: OutgoingKind, about: str, now: datetime, lease_until: datetime, limit: int
    ) -> list[OutboxItem]:
        """Take up to ``limit`` due items of ``kind`` about ``about`` for one delivery attempt
        together (one message says them all), earliest first; those another replica took
        meanwhile are left out. One update for them all, marked with a token to read back; the
        items never tried before keep it as ``sent_as`` (their message's token)."""
        due = {
            "state": OutboxState.PENDING.value,
            "message.kind": kind.value,
            "message.about": about,
            "next_attempt_at": {"$lte": now},
        }
        cursor = self._items.find(due, {"_id": 1}).sort("next_attempt_at", ASCENDING).limit(limit)
        ids = [document["_id"] for document in await cursor.to_list(limit)]
        if not ids:
            return []
        token = uuid.uuid4().hex
        await self._items.update_many(
            {**due, "_id": {"$in": ids}},
            {
                "$set": {"next_attempt_at": lease_until, "claim": token},
                "$inc": {"attempts": 1},
            },
        )
        never_tried = {"_id": {"$in": ids}, "claim": token, "sent_as": None}
        await self._items.update_many(never_tried, {"$set": {"sent_as": token}})
        claimed = self._items.find({"_id": {"$in": ids}, "claim": token})  # by _id: indexed
        claimed = claimed.sort("created_at", ASCENDING)
        return each_decoded(OUTBOX, await claimed.to_list(limit), codec.outbox_item)

    @store_errors
    async def mark_sent_many(
        self,
        item_ids: Sequence[str],
        ref: MessageRef,
        at: datetime,
        kind: OutgoingKind | None = None,
    ) -> None:
        """Items said together by one message (``claim_group``), delivered (``kind``: theirs,
        as in ``mark_sent``)."""
        await self._finish_many(item_ids, OutboxState.SENT, at, {"sent": codec.plain(ref)}, kind)

    @store_errors
    async def cancel_many(self, item_ids: Sequence[str], at: datetime) -> None:
        await self._finish_many(item_ids, OutboxState.CANCELLED, at, {})

    async def _finish_many(
        self,
        item_ids: Sequence[str],
        state: OutboxState,
        at: datetime,
        extra: dict[str, Any],
        kind: OutgoingKind | None = None,
    ) -> None:
        await self._items.update_many(
            {"_id": {"$in": list(item_ids)}, "state": OutboxState.PENDING.value},
            _finishing(state, at, extra, kind),
        )

    @store_errors
    async def claim(self, item: OutboxItem, lease_until: datetime) -> OutboxItem | None:
        """Take ``item`` for one delivery attempt; ``None`` when another replica took it."""
        document = await self._items.find_one_and_update(
            {
                "_id": item.id,
                "state": OutboxState.PENDING.value,
                "next_attempt_at": item.next_attempt_at,
            },
            {"$set": {"next_attempt_at": lease_until}, "$inc": {"attempts": 1}},
            return_document=ReturnDocument.AFTER,
        )
        return codec.outbox_item(document) if document else None

    @store_errors
    async def mark_sent(
        self, item_id: str, ref: MessageRef, at: datetime, kind: OutgoingKind | None = None
    ) -> None:
        """Delivered, where ``ref`` says; ``kind`` (the item's) sets how long it is kept
        (unknown: as long as any delivered item)."""
        await self._finish(item_id, OutboxState.SENT, at, {"sent": codec.plain(ref)}, kind)

    @store_errors
    async def mark_failed(
        self, item_id: str, error: str, at: datetime, *, maybe_sent: bool = False
    ) -> None:
        """Given up; ``maybe_sent``: its attempts' answers were lost, it may have arrived."""
        extra: dict[str, Any] = {"last_error": error}
        if maybe_sent:
            extra["maybe_sent"] = True
        await self._finish(item_id, OutboxState.FAILED, at, extra)

    @store_errors
    async def cancel(self, item_id: str, at: datetime) -> None:
        await self._finish(item_id, OutboxState.CANCELLED, at, {})

    @store_errors
    async def retry_at(self, item_id: str, at: datetime, error: str, refund: bool = False) -> None:
        """Try again at ``at``; ``refund`` gives the attempt back (Slack asked to slow down:
        the message is not at fault, and must not run out of attempts for it)."""
        update: dict[str, Any] = {"$set": {"next_attempt_at": at, "last_error": error}}
        if refund:
            update["$inc"] = {"attempts": -1}
        await self._items.update_one({"_id": item_id, "state": OutboxState.PENDING.value}, update)

    @store_errors
    async def cancel_pending(
        self,
        ticket_id: str,
        kinds: Iterable[OutgoingKind],
        at: datetime,
        until: datetime | None = None,
    ) -> int:
        """Cancel what is still queued for a ticket (pages once it is acknowledged); with
        ``until``, only what was queued then or before."""
        query: dict[str, Any] = {
            "message.ticket_id": ticket_id,
            "message.kind": {"$in": [kind.value for kind in kinds]},
            "state": OutboxState.PENDING.value,
        }
        if until is not None:
            query["created_at"] = {"$lte": until}
        result = await self._items.update_many(
            query,
            {"$set": _finished(OutboxState.CANCELLED, at)},
        )
        return int(result.modified_count)

    @store_errors
    async def sent_for(
        self, ticket_id: str, kinds: Iterable[OutgoingKind], until: datetime | None = None
    ) -> list[tuple[Outgoing, MessageRef]]:
        """The messages of those kinds delivered for a ticket, and where they landed; with
        ``until``, only those queued then or before."""
        query: dict[str, Any] = {
            "message.ticket_id": ticket_id,
            "message.kind": {"$in": [kind.value for kind in kinds]},
            "state": OutboxState.SENT.value,
        }
        if until is not None:
            query["created_at"] = {"$lte": until}
        cursor = self._items.find(query).sort("created_at", ASCENDING)
        return await _delivered(cursor)

    @store_errors
    async def sent_about(self, kind: OutgoingKind, about: str) -> list[tuple[Outgoing, MessageRef]]:
        """The messages of ``kind`` about ``about`` delivered, and where they landed, oldest
        first (the possible-recurrence replies naming a problem; ``by_kind`` index)."""
        cursor = self._items.find(
            {"state": OutboxState.SENT.value, "message.kind": kind.value, "message.about": about}
        ).sort("created_at", ASCENDING)
        return await _delivered(cursor)

    @store_errors
    async def sent_together(self, kind: OutgoingKind, about: str, ref: MessageRef) -> list[str]:
        """The tickets of the items of ``kind`` about ``about`` delivered as the one message
        ``ref`` (a grouped message: the incidents one reply lists), oldest first."""
        cursor = self._items.find(
            {
                "state": OutboxState.SENT.value,
                "message.kind": kind.value,
                "message.about": about,
                "sent": codec.plain(ref),
            },
            {"message.ticket_id": 1},
        ).sort("created_at", ASCENDING)
        return [document["message"]["ticket_id"] for document in await cursor.to_list(1000)]

    @store_errors
    async def sent_refs(self, kind: OutgoingKind, about: str) -> list[MessageRef]:
        """Where the items of ``kind`` about ``about`` were delivered, each message once, oldest
        first (a grouped kind: the replies listing a problem's incidents; ``by_kind`` index)."""
        cursor = self._items.find(
            {"state": OutboxState.SENT.value, "message.kind": kind.value, "message.about": about},
            {"sent": 1},
        ).sort("created_at", ASCENDING)
        refs: dict[MessageRef, None] = {}  # in order, each once
        for document in await cursor.to_list(10_000):
            sent = document.get("sent")
            if isinstance(sent, dict):
                refs[MessageRef(str(sent.get("channel")), str(sent.get("ts")))] = None
        return list(refs)

    @store_errors
    async def purge(self, now: datetime) -> int:
        """Delete the items finished more than ``RETENTION`` ago."""
        result = await self._items.delete_many({"expires_at": {"$lte": now}})
        return int(result.deleted_count)

    @store_errors
    async def failures(self, now: datetime, limit: int = 10) -> dict[str, Any]:
        """What ``/healthz`` shows of the messages given up on in the last day: how many, and
        the latest (ticket, kind, why, when, and whether it may have arrived all the same)."""
        query = {"state": OutboxState.FAILED.value, "finished_at": {"$gte": now - FAILURES_SHOWN}}
        count = await self._items.count_documents(query)
        cursor = self._items.find(query).sort("finished_at", -1).limit(limit)
        latest = [
            {
                "ticket_id": document["message"]["ticket_id"],
                "kind": document["message"]["kind"],
                "reason": document.get("last_error"),
                "at": codec.aware(document["finished_at"]).isoformat(),
                "maybe_sent": bool(document.get("maybe_sent", False)),
            }
            for document in await cursor.to_list(limit)
        ]
        return {"failed_last_day": int(count), "latest_failures": latest}

    @store_errors
    async def for_ticket(self, ticket_id: str) -> list[OutboxItem]:
        cursor = self._items.find({"message.ticket_id": ticket_id}).sort("created_at", ASCENDING)
        return [codec.outbox_item(document) for document in await cursor.to_list(1000)]

    async def _finish(
        self,
        item_id: str,
        state: OutboxState,
        at: datetime,
        extra: dict[str, Any],
        kind: OutgoingKind | None = None,
    ) -> None:
        await self._items.update_one(
            {"_id": item_id, "state": OutboxState.PENDING.value},
            _finishing(state, at, extra, kind),
        )


def kept_for(state: OutboxState, kind: OutgoingKind | None) -> timedelta:
    """How long a finished item is kept: a delivered one ``SENT_RETENTION``, unless it is of a
    kind found again later by where it landed (or of a kind not known); others ``RETENTION``."""
    if state is OutboxState.SENT and kind is not None and kind not in KEPT_LONGER:
        return SENT_RETENTION
    return RETENTION


def _finishing(
    state: OutboxState, at: datetime, extra: dict[str, Any], kind: OutgoingKind | None
) -> dict[str, Any]:
    """The one update that finishes an item: its state, when it goes and, delivered, without
    what it said."""
    update: dict[str, Any] = {"$set": {**_finished(state, at, kept_for(state, kind)), **extra}}
    if state is OutboxState.SENT:
        update["$unset"] = dict.fromkeys(PAYLOAD, "")
        if kind is OutgoingKind.FORGOTTEN_MESSAGES:  # the last trace of a forgotten requester
            update["$set"]["message.recipient"] = None
    return update


def _finished(state: OutboxState, at: datetime, kept: timedelta = RETENTION) -> dict[str, Any]:
    return {
        "state": state.value,
        "next_attempt_at": None,
        "finished_at": at,
        "expires_at": at + kept,
    }


async def _delivered(cursor: Any) -> list[tuple[Outgoing, MessageRef]]:
    """The messages of the outbox items ``cursor`` reads, each with where it landed (at most
    1,000; an item without its place is left out)."""
    found = []
    for document in await cursor.to_list(1000):
        item = codec.outbox_item(document)
        if item.sent is not None:
            found.append((item.message, item.sent))
    return found
