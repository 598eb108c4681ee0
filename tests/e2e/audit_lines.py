"""What the audit log holds, for the end-to-end tests: its lines as stored, in order."""

from __future__ import annotations

from typing import Any

from tests.e2e.harness import Harness

FIELDS = ("actor", "action", "outcome", "surface", "ticket_id", "note")


async def audit_lines(bot: Harness, **match: Any) -> list[tuple[Any, ...]]:
    """The lines matching ``match`` (stored field -> value), oldest first, as ``FIELDS``; none
    may stay waiting on a document (each is copied just after its change, which a test may
    see stored a moment before: one never copied fails here after the harness's wait)."""
    handle = bot.guichet.database.handle
    for holder in ("tickets", "articles", "suggestions"):

        async def copied(holder: str = holder) -> bool:
            query = {"audit_pending.id": {"$exists": True}}
            return await handle[holder].count_documents(query) == 0

        await bot.eventually(copied, f"no line left on {holder}")
    documents = await handle["audit"].find(match).sort("at", 1).to_list(1000)
    return [tuple(d.get(field) for field in FIELDS) for d in documents]


async def refusals(bot: Harness, actor: str) -> list[tuple[Any, ...]]:
    return await audit_lines(bot, actor=actor, outcome="refused")
