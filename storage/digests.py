"""Who posts each weekly digest: one document per (service, week), claimed before posting.

Every replica runs the digest job at the same minute. Each one *claims* the digest of a service
for the week with one atomic upsert: the first creates the document and posts; the others find
it there (their upsert collides with its ``_id``) and skip. A claim holds a lease: a replica
that dies midway leaves the lease to expire, and a claim whose post failed may be taken again
by a retry, a few times. The message posted is recorded as soon as it is, so a retry after a
failed chart upload does not post the figures twice.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from bot.domain.digests import DigestClaim
from bot.domain.models import MessageRef
from storage.client import Database, store_errors
from storage.codec import maybe_aware

MAX_ATTEMPTS = 3


class DigestState(StrEnum):
    CLAIMED = "claimed"
    POSTED = "posted"
    FAILED = "failed"


class DigestClaims:
    def __init__(self, database: Database) -> None:
        self._digests = database.handle["digests"]

    @staticmethod
    def key(service: str, week_start: str) -> str:
        return f"{service}:{week_start}"

    @store_errors
    async def claim(
        self, key: str, owner: str, now: datetime, lease: timedelta
    ) -> DigestClaim | None:
        """Take the digest ``key`` for ``owner`` until ``now + lease``; ``None`` when it is
        posted, held by someone else, or failed ``MAX_ATTEMPTS`` times."""
        takeable = [
            {"state": DigestState.CLAIMED.value, "lease_until": {"$lte": now}},
            {"state": DigestState.FAILED.value, "attempts": {"$lt": MAX_ATTEMPTS}},
        ]
        try:
            document = await self._digests.find_one_and_update(
                {"_id": key, "$or": takeable},
                {
                    "$set": {
                        "state": DigestState.CLAIMED.value,
                        "owner": owner,
                        "claimed_at": now,
                        "lease_until": now + lease,
                    },
                    "$inc": {"attempts": 1},
                    "$setOnInsert": {"first_claimed_at": now},
                },
                upsert=True,
                return_document=ReturnDocument.AFTER,
            )
        except DuplicateKeyError:  # the document exists and is not takeable
            return None
        message = document.get("message")
        attempts = int(document.get("attempts", 1))
        first = document.get("first_claimed_at")
        return DigestClaim(
            key=key,
            attempts=attempts,
            message=MessageRef(**message) if message else None,
            since=maybe_aware(first) if attempts > 1 else None,
        )

    @store_errors
    async def record_message(self, key: str, owner: str, message: MessageRef) -> None:
        await self._digests.update_one(
            {"_id": key, "owner": owner}, {"$set": {"message": asdict(message)}}
        )

    @store_errors
    async def finish(self, key: str, owner: str, now: datetime, error: str | None = None) -> None:
        """Posted (``error`` is ``None``) or failed; only the claim's owner may say so."""
        changes: dict[str, Any] = {
            "state": (DigestState.FAILED if error else DigestState.POSTED).value,
            "finished_at": now,
            "error": error,
        }
        await self._digests.update_one(
            {"_id": key, "owner": owner, "state": DigestState.CLAIMED.value}, {"$set": changes}
        )

    @store_errors
    async def state(self, key: str) -> DigestState | None:
        document = await self._digests.find_one({"_id": key}, {"state": 1})
        return DigestState(document["state"]) if document else None
