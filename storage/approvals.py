"""Approvals of catalogue requests: one document per ticket (``_id`` is the ticket's id).

A decision is one conditional update: it applies only while the approval is pending at that
step and the presser is one of that step's approvers, so two approvers pressing at once get one
winner (the other's update matches nothing). The requester's withdrawal is conditional on the
same pending state, so a decision and a withdrawal at the same instant get one winner too. The
scheduler's reminders and fallbacks are claimed the same way, on ``due_at``, so two replicas
never send the same reminder twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from bot.domain.approvals import Approval, ApprovalState, Chase, Decision
from storage import codec
from storage.client import Database, store_errors
from storage.decoding import first_decoded
from storage.indexes import ensure_index

APPROVALS = "approvals"
MAX_DUE = 100


class ApprovalRepository:
    def __init__(self, database: Database) -> None:
        self._approvals = database.handle[APPROVALS]

    @store_errors
    async def create_indexes(self) -> None:
        await ensure_index(
            self._approvals, [("state", ASCENDING), ("due_at", ASCENDING)], name="pending_by_due"
        )
        # decisions whose follow-up is not recorded yet: few, and only for a moment
        await ensure_index(
            self._approvals,
            [("settled", ASCENDING)],
            name="unsettled",
            partialFilterExpression={"settled": False},
        )

    @store_errors
    async def create(self, approval: Approval) -> Approval:
        """Store ``approval``, unless its ticket has one already (a start cut short, done
        again by the scheduler's sweep): then the stored one stands, and is returned."""
        try:
            await self._approvals.insert_one(_document(approval))
        except DuplicateKeyError:
            document = await self._approvals.find_one({"_id": approval.ticket_id})
            if document is None:  # cannot happen: the insert failed on it
                raise
            return _approval(document)
        return approval

    @store_errors
    async def get(self, ticket_id: str) -> Approval | None:
        document = await self._approvals.find_one({"_id": ticket_id})
        return _approval(document) if document else None

    @store_errors
    async def decide(
        self, approval: Approval, decision: Decision, changes: dict[str, Any]
    ) -> Approval | None:
        """Record ``decision`` (and ``changes``: the next step, or the outcome) if the approval
        still waits for that step and its decider is one of the step's approvers."""
        document = await self._approvals.find_one_and_update(
            {
                "_id": approval.ticket_id,
                "state": ApprovalState.PENDING.value,
                "step": decision.step,
                "approvers": decision.by,
            },
            # settled once what follows the decision is recorded (``settle``)
            {
                "$set": {**changes, "settled": False, "decided_at": decision.at},
                "$push": {"decisions": codec.plain(decision)},
            },
            return_document=ReturnDocument.AFTER,
        )
        return _approval(document) if document else None

    @store_errors
    async def withdraw(self, ticket_id: str, at: datetime) -> Approval | None:
        """Close the approval as withdrawn by its requester if it still waits (at any step):
        the same condition as a decision's, so of a withdrawal and a decision at the same
        instant exactly one applies. Unsettled until the ticket is cancelled and the
        approvers' DMs queued (``settle``); a later tick finishes it otherwise."""
        document = await self._approvals.find_one_and_update(
            {"_id": ticket_id, "state": ApprovalState.PENDING.value},
            {
                "$set": {
                    "state": ApprovalState.WITHDRAWN.value,
                    "due_at": None,
                    "withdrawn_at": at,
                    "settled": False,
                    "decided_at": at,
                }
            },
            return_document=ReturnDocument.AFTER,
        )
        return _approval(document) if document else None

    @store_errors
    async def settle(self, approval: Approval) -> None:
        """Mark settled what ``approval`` (as read after its decision or withdrawal) says
        happened: only while nothing happened since (the same state, the same decisions). A
        withdrawal or a next step's decision made meanwhile keeps its own follow-up unsettled
        until it is recorded (or the sweep finishes it), not settled by the earlier one's."""
        await self._approvals.update_one(
            {
                "_id": approval.ticket_id,
                "state": approval.state.value,
                "decisions": {"$size": len(approval.decisions)},
            },
            {"$set": {"settled": True}},
        )

    @store_errors
    async def unsettled(self, decided_before: datetime) -> list[Approval]:
        """Approvals whose last decision, made before ``decided_before``, is not settled."""
        query = {"settled": False, "decided_at": {"$lt": decided_before}}
        return await self._first(query, "_id")

    @store_errors
    async def due(self, now: datetime) -> list[Approval]:
        query = {"state": ApprovalState.PENDING.value, "due_at": {"$lte": now}}
        return await self._first(query, "due_at")

    async def _first(self, query: dict[str, Any], order: str) -> list[Approval]:
        """The first ``MAX_DUE`` approvals of ``query`` by ``order`` that can be decoded (those
        that cannot are moved past: ``storage/decoding.py``)."""

        async def first(n: int) -> list[dict[str, Any]]:
            cursor = self._approvals.find(query).sort(order, ASCENDING)
            return list(await cursor.limit(n).to_list(n))

        return await first_decoded(APPROVALS, first, _approval, MAX_DUE)

    @store_errors
    async def claim(self, approval: Approval, changes: dict[str, Any]) -> Approval | None:
        """Move a due approval on (reminded, fallback asked, the chase whose asks are to be
        stored, next due time) if nobody did yet: the condition is the due time it was read
        with."""
        document = await self._approvals.find_one_and_update(
            {
                "_id": approval.ticket_id,
                "state": ApprovalState.PENDING.value,
                "step": approval.step,
                "due_at": approval.due_at,
            },
            {"$set": codec.plain(changes)},  # a ``Chase`` as its fields
            return_document=ReturnDocument.AFTER,
        )
        return _approval(document) if document else None

    @store_errors
    async def chased(self, approval: Approval, due_at: datetime | None) -> None:
        """The asks of ``approval``'s chase are stored: forget the chase and set the next due
        time, unless the approval moved on meanwhile (decided, withdrawn, another step)."""
        chase = approval.chase
        if chase is None:
            return
        await self._approvals.update_one(
            {
                "_id": approval.ticket_id,
                "state": ApprovalState.PENDING.value,
                "step": chase.step,
                "chase.at": chase.at,
            },
            {"$set": {"chase": None, "due_at": due_at}},
        )


def _chase(document: dict[str, Any] | None) -> Chase | None:
    if not document:
        return None
    return Chase(
        what=str(document["what"]),
        at=codec.aware(document["at"]),
        step=int(document["step"]),
        newcomers=tuple(document.get("newcomers") or ()),
    )


def _document(approval: Approval) -> dict[str, Any]:
    document = codec.plain(approval)
    document["_id"] = document.pop("ticket_id")
    document["approvers"] = list(approval.approvers)
    document["asked"] = list(approval.asked)
    return document


def _approval(document: dict[str, Any]) -> Approval:
    return Approval(
        ticket_id=document["_id"],
        requester=document["requester"],
        item=document["item"],
        step=int(document["step"]),
        steps=int(document["steps"]),
        approvers=tuple(document.get("approvers") or ()),
        state=ApprovalState(document["state"]),
        asked_at=codec.aware(document["asked_at"]),
        due_at=codec.maybe_aware(document.get("due_at")),
        reminded=bool(document.get("reminded")),
        fallback_asked=bool(document.get("fallback_asked")),
        asked=tuple(document.get("asked") or ()),
        withdrawn_at=codec.maybe_aware(document.get("withdrawn_at")),
        chase=_chase(document.get("chase")),
        decisions=tuple(
            Decision(
                step=int(d["step"]),
                by=d["by"],
                approved=bool(d["approved"]),
                at=codec.aware(d["at"]),
                reason=d.get("reason"),
            )
            for d in document.get("decisions") or []
        ),
    )
