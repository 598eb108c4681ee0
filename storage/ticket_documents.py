"""The ticket document: how a ``Ticket`` and its history entries are stored in ``tickets``.

Shared by every repository of that collection (``storage/tickets.py``, ``storage/ticket_reads.py``,
``storage/ticket_schedule.py``, ``storage/problem_tickets.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from bot.domain.approvals import ApprovalState
from bot.domain.models import (
    Classification,
    HistoryAction,
    HistoryEntry,
    Language,
    Level,
    MessageRef,
    Origin,
    Priority,
    Status,
    Ticket,
    TicketType,
)
from storage import codec
from storage.decoding import first_decoded

TICKETS = "tickets"
MAX_LIST = 200
EARLIER_CARDS = "earlier_cards"
"""The places a ticket's card had before it moved to another team (``bot/working/work.py``
``reassign`` pushes the card it leaves, in the same update that clears ``message``): their
threads hold what the bot posted under them (copies of files, relays, notices), which
retention, the erasure and ``/ticket privacy export`` reach as they reach the current card's
(``storage/dm_erasures.py`` ``card_places``). Absent until a first move; read by storage only."""
KEPT_PUSHED = 20
"""A list ``update_if`` appends to (``push``) keeps its last 20 values: bounded."""
AT_WORK: dict[str, Any] = {"approval": {"$ne": ApprovalState.PENDING.value}}
"""A listing's condition for the tickets that are their service's work: not a catalogue request
still awaiting its approvers (``TicketDesk.refuse_awaiting_approval``), which no queue offers to
take and no problem or storm takes incidents into."""


async def _listed(cursor: Any, limit: int) -> list[Ticket]:
    """At most ``limit`` tickets from ``cursor`` (``limit()`` as well: the in-memory store's
    ``to_list`` ignores its length)."""
    return [_from_document(document) for document in await cursor.limit(limit).to_list(limit)]


async def _swept(find: Callable[[], Any], limit: int) -> list[Ticket]:
    """As ``_listed``, for the reads a scheduler step works through (``find`` makes the query's
    cursor, sorted): a ticket the code cannot decode is left out (and logged), not the whole
    read, and the read moves past it (``storage/decoding.py`` ``first_decoded``)."""

    async def first(n: int) -> list[dict[str, Any]]:
        return list(await find().limit(n).to_list(n))

    return await first_decoded(TICKETS, first, _from_document, limit)


def _encode(values: dict[str, Any]) -> dict[str, Any]:
    return {key: codec.plain(value) for key, value in values.items()}


def _to_document(ticket: Ticket) -> dict[str, Any]:
    return {
        "_id": ticket.id,
        "type": ticket.type.value,
        "title": ticket.title,
        "description": ticket.description,
        "impact": ticket.impact.value,
        "urgency": ticket.urgency.value,
        "priority": ticket.priority.value,
        "service": ticket.service,
        "status": ticket.status.value,
        "requester": ticket.requester,
        "assignee": ticket.assignee,
        "language": ticket.language.value,
        "created_at": ticket.created_at,
        "updated_at": ticket.updated_at,
        "message": asdict(ticket.message) if ticket.message else None,
        "source": ticket.source,
        "origin": _origin_document(ticket.origin),
        "requester_thread": asdict(ticket.requester_thread) if ticket.requester_thread else None,
        "satisfaction": ticket.satisfaction,
        "classification": {
            "service": ticket.classification.service,
            "confidence": ticket.classification.confidence,
            "reasons": list(ticket.classification.reasons),
        },
        "extra": dict(ticket.extra),
        "sla": codec.plain(ticket.sla),
        "paging": codec.plain(ticket.paging),
        "remind_at": ticket.remind_at,
        "next_ping_at": ticket.next_ping_at,
        "handover": codec.plain(ticket.handover),
        "problem_id": ticket.problem_id,
        "linked_incidents": list(ticket.linked_incidents),
        "fanout_at": ticket.fanout_at,
        "request": codec.plain(ticket.request),
        "approval": ticket.approval,
        "announce_at": ticket.announce_at,
        "last_change": _entry_document(ticket.last_change) if ticket.last_change else None,
    }


_aware = codec.aware


def _from_document(document: dict[str, Any]) -> Ticket:
    classification = document.get("classification") or {}
    message = document.get("message")
    origin = document.get("origin")
    thread = document.get("requester_thread")
    return Ticket(
        id=document["_id"],
        type=TicketType(document["type"]),
        title=document["title"],
        description=document["description"],
        impact=Level(document["impact"]),
        urgency=Level(document["urgency"]),
        priority=Priority(document["priority"]),
        service=document["service"],
        status=Status(document["status"]),
        requester=document["requester"],
        assignee=document.get("assignee"),
        language=Language(document.get("language", "en")),
        created_at=_aware(document["created_at"]),
        updated_at=_aware(document["updated_at"]),
        message=MessageRef(**message) if message else None,
        source=document.get("source", "modal"),
        origin=Origin(**origin) if origin else None,
        requester_thread=MessageRef(**thread) if thread else None,
        satisfaction=document.get("satisfaction"),
        classification=Classification(
            service=classification.get("service", document["service"]),
            confidence=float(classification.get("confidence", 0.0)),
            reasons=tuple(classification.get("reasons", ())),
        ),
        extra=dict(document.get("extra") or {}),
        sla=codec.sla_clocks(document.get("sla")),
        paging=codec.paging(document.get("paging")),
        remind_at=codec.maybe_aware(document.get("remind_at")),
        next_ping_at=codec.maybe_aware(document.get("next_ping_at")),
        handover=codec.handover(document.get("handover")),
        problem_id=document.get("problem_id"),
        linked_incidents=tuple(document.get("linked_incidents") or ()),
        fanout_at=codec.maybe_aware(document.get("fanout_at")),
        request=codec.catalogue_request(document.get("request")),
        approval=document.get("approval"),
        announce_at=codec.maybe_aware(document.get("announce_at")),
        last_change=_last_change(document),
    )


def _last_change(document: dict[str, Any]) -> HistoryEntry | None:
    """The ticket's last change (absent on tickets not changed since it was kept)."""
    entry = document.get("last_change")
    return _entry_from_document(document["_id"], entry) if entry else None


def _origin_document(origin: Origin | None) -> dict[str, Any] | None:
    """The origin sub-document; ``key`` is left out when unset so the unique index skips it."""
    if origin is None:
        return None
    return {k: v for k, v in asdict(origin).items() if v is not None or k != "key"}


def _entry_document(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "at": entry.at,
        "actor": entry.actor,
        "action": entry.action,
        "before": entry.before,
        "after": entry.after,
        "note": entry.note,
    }


def _entry_from_document(ticket_id: str, document: dict[str, Any]) -> HistoryEntry:
    return HistoryEntry(
        ticket_id=ticket_id,
        at=_aware(document["at"]),
        actor=document["actor"],
        action=HistoryAction(document["action"]),
        before=document.get("before"),
        after=document.get("after"),
        note=document.get("note"),
    )
