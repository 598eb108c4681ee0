"""Receipts: what the bot has received from Slack and acted on, so that a redelivery (Slack
retries an event it thinks unanswered, with the same ``event_id``) is acted on once.

A receipt is taken (``in_progress``, with a lease) before the side effect and marked ``done``
after it, in single-document atomic writes: the ``_id`` is the delivery's key, so two replicas
receiving the same event at once get one receipt between them. A receipt left in progress by a
process that died is taken over once its lease has run out. Receipts are deleted ``RETENTION``
after they were taken, by ``purge`` with the bot's clock (not a TTL index: the server's wall
clock would disagree with an injected one).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pymongo import ASCENDING
from pymongo.errors import DuplicateKeyError

from storage.client import Database, store_errors
from storage.indexes import ensure_index

RETENTION = timedelta(days=2)
IN_PROGRESS = "in_progress"
DONE = "done"


class ReceiptRepository:
    def __init__(self, database: Database) -> None:
        self._receipts = database.handle["receipts"]

    @store_errors
    async def create_indexes(self) -> None:
        await ensure_index(self._receipts, [("expires_at", ASCENDING)], name="expiry")

    @store_errors
    async def purge(self, now: datetime) -> int:
        """Delete the receipts past their retention."""
        result = await self._receipts.delete_many({"expires_at": {"$lte": now}})
        return int(result.deleted_count)

    @store_errors
    async def take(self, key: str, now: datetime, lease_until: datetime) -> bool:
        """Take the receipt of ``key`` (True), unless another delivery holds it or is done
        with it (False)."""
        try:
            await self._receipts.insert_one(
                {
                    "_id": key,
                    "state": IN_PROGRESS,
                    "lease_until": lease_until,
                    "taken_at": now,
                    "expires_at": now + RETENTION,
                }
            )
            return True
        except DuplicateKeyError:
            pass
        taken_over = await self._receipts.find_one_and_update(
            {"_id": key, "state": IN_PROGRESS, "lease_until": {"$lte": now}},
            {"$set": {"lease_until": lease_until, "taken_at": now}},
        )
        return taken_over is not None

    @store_errors
    async def done(self, key: str, now: datetime) -> None:
        await self._receipts.update_one(
            {"_id": key}, {"$set": {"state": DONE, "done_at": now, "lease_until": None}}
        )
