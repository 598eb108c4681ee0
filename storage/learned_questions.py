"""The questions the organisation said an article answers, which the knowledge base's search
learns from (``bot/knowledge/index.py``):

- a person's "This answered my question" under suggested articles (``deflections``: the
  question they asked and the article they pressed it under);
- an agent's "Reply with an article" on a ticket (``tickets``: the article in the history as
  ``article_sent``, the ticket's title as the question): the requester's own words, for
  a question the search had not answered before a ticket was filed.

Read from those records, not copied elsewhere, so what erasure (``/ticket privacy erase``) and
retention take out of them (the question, the title) is no longer learned from; and so that the
tickets of a private service (``leaving_out``: they teach nothing, ``bot/governance/privacy.py``)
are never learned from, those learned before included. Bounded: the
``recent`` latest records of each kind, at most ``per_article`` questions an article, latest
first (``$push`` keeps the order of ``$sort``).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from pymongo import ASCENDING, DESCENDING

from storage.client import Database, aggregate, store_errors
from storage.indexes import ensure_index

RECENT = 5_000


class LearnedQuestionRepository:
    def __init__(self, database: Database) -> None:
        self._deflections = database.handle["deflections"]
        self._tickets = database.handle["tickets"]

    @store_errors
    async def create_indexes(self) -> None:
        await ensure_index(
            self._deflections, [("answered", ASCENDING), ("at", DESCENDING)], name="by_answer"
        )
        await ensure_index(
            self._tickets,
            [("history.action", ASCENDING), ("updated_at", DESCENDING)],
            name="by_history_action",
        )

    @store_errors
    async def learned(
        self, per_article: int, leaving_out: Collection[str] = (), recent: int = RECENT
    ) -> dict[str, list[str]]:
        """Article id -> the questions it answered, latest first: those of "This answered my
        question", then the titles of tickets it was sent on, but not of the services
        ``leaving_out``."""
        answered = await self._grouped(
            self._deflections,
            [
                {"$match": {"answered": {"$ne": None}, "question": {"$nin": [None, ""]}}},
                {"$sort": {"at": -1}},
                {"$limit": recent},
                {"$project": {"article": "$answered", "question": "$question"}},
            ],
            per_article,
        )
        sent = await self._grouped(
            self._tickets,
            [
                {
                    "$match": {
                        "history.action": "article_sent",
                        "title": {"$nin": [None, ""]},
                        "service": {"$nin": sorted(leaving_out)},
                    }
                },
                {"$sort": {"updated_at": -1}},
                {"$limit": recent},
                {"$unwind": "$history"},
                {"$match": {"history.action": "article_sent"}},
                {"$project": {"article": "$history.after", "question": "$title"}},
            ],
            per_article,
        )
        for article, questions in sent.items():
            answered[article] = [*answered.get(article, []), *questions][:per_article]
        return answered

    async def _grouped(
        self, collection: Any, pipeline: list[dict[str, Any]], per_article: int
    ) -> dict[str, list[str]]:
        rows = await aggregate(
            collection,
            [
                *pipeline,
                {"$group": {"_id": "$article", "questions": {"$push": "$question"}}},
                {"$project": {"questions": {"$slice": ["$questions", per_article]}}},
            ],
            RECENT,
        )
        return {str(r["_id"]): [str(q) for q in r["questions"]] for r in rows if r["_id"]}
