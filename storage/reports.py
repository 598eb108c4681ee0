"""What the reports read from the tickets collection: bounded projections, one aggregation.

Reports never load whole tickets: each query asks for the fields of ``TicketFacts`` only (no
description, no history) and for at most a given number of them, through the
``by_service_created`` index. A ticket linked to a problem carries the problem's id in a
``problem_id`` field; documents without it are simply linked to nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from pymongo import ASCENDING

from bot.domain.merging import MERGED_INTO, merged_into
from bot.domain.models import OPEN_STATUSES, Priority, Status, TicketType
from bot.domain.stats import TicketFacts
from storage import codec
from storage.client import Database, aggregate, store_errors
from storage.indexes import ensure_index

FACTS_PROJECTION: dict[str, int] = {
    field: 1
    for field in (
        "type",
        "title",
        "service",
        "priority",
        "status",
        "requester",
        "assignee",
        "created_at",
        "sla",
        "sla_ran",
        "satisfaction",
        "problem_id",
        "request",
        "approval",
        f"extra.{MERGED_INTO}",
    )
}
LINKS_MAX = 10_000  # distinct problems counted by one aggregation at most


class ReportStore:
    def __init__(self, database: Database) -> None:
        self._tickets = database.handle["tickets"]

    @store_errors
    async def create_indexes(self) -> None:
        await ensure_index(
            self._tickets,
            [("service", ASCENDING), ("created_at", ASCENDING)],
            name="by_service_created",
        )
        await ensure_index(self._tickets, [("created_at", ASCENDING)], name="by_created")

    @store_errors
    async def filed_between(
        self,
        start: datetime,
        end: datetime,
        services: Sequence[str] | None,
        limit: int,
        merged: bool = True,
    ) -> list[TicketFacts]:
        """Tickets filed in ``[start, end)`` (of ``services``, or all), oldest first, at most
        ``limit``; without the duplicates merged into another ticket unless ``merged``."""
        query: dict[str, Any] = {"created_at": {"$gte": start, "$lt": end}}
        if not merged:  # counted once, as the ticket they went into
            query[f"extra.{MERGED_INTO}"] = None
        if services is not None:
            query["service"] = {"$in": list(services)}
        cursor = self._tickets.find(query, FACTS_PROJECTION).sort("created_at", ASCENDING)
        return [_facts(document) for document in await cursor.limit(limit).to_list(limit)]

    @store_errors
    async def open_problems(self, services: Sequence[str] | None, limit: int) -> list[TicketFacts]:
        """Problem tickets still open (of ``services``, or all), oldest first."""
        query: dict[str, Any] = {
            "type": TicketType.PROBLEM.value,
            "status": {"$in": [status.value for status in OPEN_STATUSES]},
        }
        if services is not None:
            query["service"] = {"$in": list(services)}
        cursor = self._tickets.find(query, FACTS_PROJECTION).sort("created_at", ASCENDING)
        return [_facts(document) for document in await cursor.limit(limit).to_list(limit)]

    @store_errors
    async def by_ids(self, ticket_ids: Iterable[str]) -> list[TicketFacts]:
        wanted = sorted(set(ticket_ids))
        if not wanted:
            return []
        cursor = self._tickets.find({"_id": {"$in": wanted}}, FACTS_PROJECTION)
        return [_facts(document) for document in await cursor.to_list(len(wanted))]

    @store_errors
    async def links(self, problem_ids: Iterable[str]) -> dict[str, int]:
        """How many tickets are linked to each of ``problem_ids`` (absent: none), all time."""
        wanted = sorted(set(problem_ids))[:LINKS_MAX]
        if not wanted:
            return {}
        pipeline: list[dict[str, Any]] = [
            {"$match": {"problem_id": {"$in": wanted}}},
            {"$group": {"_id": "$problem_id", "linked": {"$sum": 1}}},
        ]
        rows = await aggregate(self._tickets, pipeline, len(wanted))
        return {str(row["_id"]): int(row["linked"]) for row in rows}


def _facts(document: dict[str, Any]) -> TicketFacts:
    clocks = codec.sla_clocks(document.get("sla"))
    ran = codec.sla_ran(document.get("sla_ran")) if clocks.ran_until else None
    problem = document.get("problem_id")
    return TicketFacts(
        id=document["_id"],
        type=TicketType(document["type"]),
        title=document.get("title", ""),
        service=document["service"],
        priority=Priority(document["priority"]),
        status=Status(document["status"]),
        requester=document["requester"],
        created_at=codec.aware(document["created_at"]),
        assignee=document.get("assignee"),
        responded_at=clocks.responded_at,
        resolved_at=clocks.resolved_at,
        response_due=clocks.response_due,
        resolution_due=clocks.resolution_due,
        paused_at=clocks.paused_at,
        started_at=clocks.started_at,
        ran=ran,
        satisfaction=document.get("satisfaction"),
        problem_id=str(problem) if problem else None,
        request=codec.catalogue_request(document.get("request")),
        approval=document.get("approval"),
        merged_into=merged_into(document.get("extra") or {}),
    )
