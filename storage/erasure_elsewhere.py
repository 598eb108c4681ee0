"""Erasing a person outside the tickets and the audit log (``/ticket privacy erase``):

- ``approvals``: requester, approvers, everyone asked and who decided become
  ``former_employee``; the reasons they gave go, their mentions leave the others' reasons;
- ``deflections`` (suggestions shown before a ticket): the person and the question they typed;
- ``articles`` / ``article_history``: the author and who changed an article, their mentions in
  the text;
- ``suggestions`` (problems): who decided;
- ``outbox``: the messages owed to them or sent by them (DMs, pages, article replies) are
  deleted, pending (counted as ``outbox``: never sent now) or sent (``outbox_sent``: the
  records of what was sent): nothing more goes to a person who is gone;
- ``usergroups``: they leave the synced member lists (Slack's own list is the truth: a person
  still in a Slack group comes back at the next sync, and so does their access).

Every write is conditional on what was read or a single ``update_many`` on the person's id, so
running it twice, or on two replicas, changes nothing the second time. The indexes these
queries use are created by ``storage/personal_data.py``."""

from __future__ import annotations

import re
from typing import Any

from bot.domain.outbox import OutboxState
from bot.domain.scrubbing import Scrubber
from storage.client import Database, store_errors

MAX_DOCUMENTS = 10_000


class ElsewhereErasure:
    def __init__(self, database: Database) -> None:
        handle = database.handle
        self._approvals = handle["approvals"]
        self._deflections = handle["deflections"]
        self._articles = handle["articles"]
        self._article_history = handle["article_history"]
        self._suggestions = handle["suggestions"]
        self._outbox = handle["outbox"]
        self._groups = handle["usergroups"]

    @store_errors
    async def erase(self, scrub: Scrubber) -> dict[str, int]:
        """What changed, per collection (documents rewritten or deleted)."""
        person, former = scrub.person, scrub.replacement
        counts = {"approvals": await self._erase_approvals(scrub)}
        result = await self._deflections.update_many(
            {"user": person}, {"$set": {"user": former, "question": None}}
        )
        counts["deflections"] = int(result.modified_count)
        counts["articles"] = await self._erase_articles(scrub)
        result = await self._suggestions.update_many(
            {"decided_by": person}, {"$set": {"decided_by": former}}
        )
        counts["suggestions"] = int(result.modified_count)
        theirs = {"$or": [{"message.recipient": person}, {"message.actor": person}]}
        waiting = {**theirs, "state": OutboxState.PENDING.value}
        result = await self._outbox.delete_many(waiting)  # not sent yet: never sent now
        counts["outbox"] = int(result.deleted_count)
        result = await self._outbox.delete_many(theirs)  # the records of those sent or given up
        counts["outbox_sent"] = int(result.deleted_count)
        result = await self._groups.update_many({"users": person}, {"$pull": {"users": person}})
        counts["usergroups"] = int(result.modified_count)
        return counts

    async def _erase_approvals(self, scrub: Scrubber) -> int:
        person = scrub.person
        mention = {"decisions.reason": {"$regex": re.escape(f"<@{person}") + "[|>]"}}
        query = {"$or": [{"requester": person}, {"asked": person}, mention]}
        changed = 0
        for document in await self._approvals.find(query).to_list(MAX_DOCUMENTS):
            changes = _approval(document, scrub)
            result = await self._approvals.update_one(
                {  # as it was read: a decision made meanwhile is not overwritten
                    "_id": document["_id"],
                    "state": document.get("state"),
                    "step": document.get("step"),
                    "decisions": {"$size": len(document.get("decisions") or [])},
                },
                {"$set": changes},
            )
            changed += int(result.modified_count)
        return changed

    async def _erase_articles(self, scrub: Scrubber) -> int:
        """How many articles named them (as a person counts: an article and the line of its
        history that says who published it are one article, not two documents)."""
        person, former = scrub.person, scrub.replacement
        written = await self._articles.find({"author": person}, {"_id": 1}).to_list(MAX_DOCUMENTS)
        changes = await self._article_history.find({"actor": person}, {"article_id": 1}).to_list(
            MAX_DOCUMENTS
        )
        named = {str(d["_id"]) for d in written} | {str(d["article_id"]) for d in changes}
        await self._articles.update_many({"author": person}, {"$set": {"author": former}})
        await self._article_history.update_many({"actor": person}, {"$set": {"actor": former}})
        mention = {"body": {"$regex": re.escape(f"<@{person}") + "[|>]"}}
        for article in await self._articles.find(mention, {"body": 1}).to_list(MAX_DOCUMENTS):
            result = await self._articles.update_one(
                {"_id": article["_id"], "body": article["body"]},
                {"$set": {"body": scrub.text(article["body"])}},
            )
            if result.modified_count:
                named.add(str(article["_id"]))
        return len(named)


def _approval(document: dict[str, Any], scrub: Scrubber) -> dict[str, Any]:
    person, former = scrub.person, scrub.replacement

    def swap(value: Any) -> Any:
        return former if value == person else value

    decisions = [
        {
            **decision,
            "by": swap(decision.get("by")),
            "reason": None if decision.get("by") == person else scrub.deep(decision.get("reason")),
        }
        for decision in document.get("decisions") or []
    ]
    return {
        "requester": swap(document.get("requester")),
        "approvers": [swap(a) for a in document.get("approvers") or []],
        "asked": [swap(a) for a in document.get("asked") or []],
        "decisions": decisions,
    }
