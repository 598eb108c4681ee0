"""Suggestions shown before a ticket (``deflections``): what was asked, which articles were shown,
and what came of it (answered, or a ticket filed anyway).

One document per suggestion; its outcome is set once by a conditional update (``answered`` and
``ticket`` start ``None``), so a button pressed twice, or on two replicas, counts once.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from pymongo import ASCENDING

from bot.domain.knowledge import DeflectionCounts
from storage.client import Database, aggregate, store_errors
from storage.indexes import ensure_index


class DeflectionRepository:
    def __init__(self, database: Database) -> None:
        self._deflections = database.handle["deflections"]

    @store_errors
    async def create_indexes(self) -> None:
        await ensure_index(self._deflections, [("at", ASCENDING)], name="by_time")

    @store_errors
    async def shown(
        self, user: str, question: str, articles: list[str], surface: str, at: datetime
    ) -> str:
        """Record suggestions shown to ``user``; returns the suggestion's id (for its buttons)."""
        deflection_id = secrets.token_hex(8)
        await self._deflections.insert_one(
            {
                "_id": deflection_id,
                "user": user,
                "question": question,
                "articles": articles,
                "surface": surface,
                "at": at,
                "answered": None,
                "ticket": None,
            }
        )
        return deflection_id

    @store_errors
    async def get(self, deflection_id: str) -> dict[str, Any] | None:
        return await self._deflections.find_one({"_id": deflection_id})

    @store_errors
    async def answered(self, deflection_id: str, user: str, article: str) -> bool:
        """Record "this answered my question" (once, by the person it was shown to)."""
        result = await self._deflections.update_one(
            {"_id": deflection_id, "user": user, "answered": None, "ticket": None},
            {"$set": {"answered": article}},
        )
        return result.modified_count == 1

    @store_errors
    async def ticket_filed(self, deflection_id: str, user: str, ticket_id: str) -> bool:
        """Record that ``user`` filed ``ticket_id`` after this suggestion (once)."""
        result = await self._deflections.update_one(
            {"_id": deflection_id, "user": user, "ticket": None},
            {"$set": {"ticket": ticket_id}},
        )
        return result.modified_count == 1

    @store_errors
    async def counts(self, since: datetime, worst: int = 3) -> DeflectionCounts:
        """The figures since ``since``: shown, answered, tickets after, unhelpful articles."""
        pipeline: list[dict[str, Any]] = [
            {"$match": {"at": {"$gte": since}}},
            {
                "$group": {
                    "_id": None,
                    "shown": {"$sum": 1},
                    # answered *without a ticket*: one filed after the answer (from a form
                    # opened before it) says the article did not do after all
                    "answered": {
                        "$sum": {
                            "$cond": [
                                {
                                    "$and": [
                                        {"$ne": ["$answered", None]},
                                        {"$eq": ["$ticket", None]},
                                    ]
                                },
                                1,
                                0,
                            ]
                        }
                    },
                    "tickets": {"$sum": {"$cond": [{"$ne": ["$ticket", None]}, 1, 0]}},
                }
            },
        ]
        totals = await aggregate(self._deflections, pipeline, 1)
        unhelpful = await aggregate(
            self._deflections,
            [
                {"$match": {"at": {"$gte": since}, "ticket": {"$ne": None}}},
                {"$unwind": "$articles"},
                {"$group": {"_id": "$articles", "count": {"$sum": 1}}},
                {"$sort": {"count": -1, "_id": 1}},
                {"$limit": worst},
            ],
            worst,
        )
        if not totals:
            return DeflectionCounts()
        row = totals[0]
        return DeflectionCounts(
            shown=int(row["shown"]),
            answered=int(row["answered"]),
            tickets_after=int(row["tickets"]),
            unhelpful=tuple((str(r["_id"]), int(r["count"])) for r in unhelpful),
        )
