"""The members of the Slack user groups the services file names, as last synced from Slack.

One document per group (``_id`` is the group's ``S…`` id, ``users`` its members), replaced
whole at each sync: Slack's ``usergroups.users.list`` is the truth, and a replaced list cannot
drift the way applied deltas can when events arrive out of order. Every replica reads the same
documents, so a change synced by one takes effect on all at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from pymongo import ASCENDING

from storage.client import Database, store_errors
from storage.indexes import ensure_index


class UserGroupStore:
    def __init__(self, database: Database) -> None:
        self._groups = database.handle["usergroups"]

    @store_errors
    async def create_indexes(self) -> None:
        # "which of these groups is this person in": a multikey index on the members (named
        # as MongoDB names it by default: the name it always had)
        await ensure_index(self._groups, [("users", ASCENDING)], name="users_1")

    @store_errors
    async def replace(self, group: str, users: Iterable[str], at: datetime) -> None:
        """Record ``users`` as the whole membership of ``group``, synced ``at``."""
        await self._groups.update_one(
            {"_id": group},
            {"$set": {"users": sorted(set(users)), "synced_at": at}},
            upsert=True,
        )

    @store_errors
    async def groups_of(self, user: str, among: Iterable[str]) -> frozenset[str]:
        """The groups of ``among`` that ``user`` belongs to."""
        wanted = list(among)
        if not wanted:
            return frozenset()
        cursor = self._groups.find({"_id": {"$in": wanted}, "users": user}, {"_id": 1})
        return frozenset(document["_id"] for document in await cursor.to_list(len(wanted)))

    @store_errors
    async def members(self, group: str) -> list[str]:
        """The members of ``group`` (empty when never synced)."""
        document = await self._groups.find_one({"_id": group}, {"users": 1})
        return list(document["users"]) if document else []
