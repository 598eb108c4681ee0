"""The ticket repository, on the in-memory store (and a real server when MONGODB_URI is set)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.domain.models import (
    Classification,
    HistoryAction,
    HistoryEntry,
    Language,
    Level,
    MessageRef,
    NewTicket,
    Priority,
    Status,
    Ticket,
    TicketType,
)
from storage.client import Database
from storage.dm_erasures import card_places
from storage.ticket_documents import EARLIER_CARDS, KEPT_PUSHED
from storage.tickets import TicketRepository

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _new(
    ticket_type: TicketType = TicketType.INCIDENT, requester: str = "U1", **kw: Any
) -> NewTicket:
    values: dict[str, Any] = {
        "type": ticket_type,
        "title": "Printer jam",
        "description": "Floor 3 printer jams on every page",
        "impact": Level.MEDIUM,
        "urgency": Level.LOW,
        "priority": Priority.P4,
        "service": "internal_it",
        "requester": requester,
        "language": Language.FR,
        "classification": Classification("internal_it", 0.8, ("printer",)),
        "created_at": T0,
    }
    values.update(kw)
    return NewTicket(**values)


async def test_ids_count_per_type(database: Database) -> None:
    repo = TicketRepository(database)
    await repo.create_indexes()
    first = await repo.create(_new())
    second = await repo.create(_new())
    emergency = await repo.create(_new(TicketType.EMERGENCY))
    request = await repo.create(_new(TicketType.SERVICE_REQUEST))
    assert [first.id, second.id, emergency.id, request.id] == ["INC-1", "INC-2", "EMG-1", "REQ-1"]


async def test_concurrent_ids_are_unique(database: Database) -> None:
    repo = TicketRepository(database)
    tickets = await asyncio.gather(*(repo.create(_new()) for _ in range(25)))
    assert len({ticket.id for ticket in tickets}) == 25


async def test_round_trip(database: Database) -> None:
    repo = TicketRepository(database)
    created = await repo.create(_new(title="Écran noir <!channel> 😱"))
    loaded = await repo.get(created.id)
    assert loaded == created
    assert loaded is not None
    assert loaded.status is Status.NEW
    assert loaded.created_at == T0
    assert loaded.created_at.tzinfo is not None
    assert loaded.classification.reasons == ("printer",)
    assert await repo.get("INC-999") is None


async def test_history_starts_with_creation(database: Database) -> None:
    repo = TicketRepository(database)
    ticket = await repo.create(_new())
    history = await repo.history(ticket.id)
    assert [(e.action, e.actor) for e in history] == [("created", "U1")]


async def test_record_appends_and_changes_atomically(database: Database) -> None:
    repo = TicketRepository(database)
    ticket = await repo.create(_new())
    at = T0 + timedelta(minutes=1)
    entry = HistoryEntry(ticket.id, at, "guichet", HistoryAction.POSTED, after="C1")
    await repo.record(entry, {"message": MessageRef("C1", "1.2")})
    loaded = await repo.get(ticket.id)
    assert loaded is not None
    assert loaded.message == MessageRef("C1", "1.2")
    assert loaded.updated_at == at
    assert [e.action for e in await repo.history(ticket.id)] == ["created", "posted"]


async def test_conditional_update_has_one_winner(database: Database) -> None:
    repo = TicketRepository(database)
    ticket = await repo.create(_new())

    async def claim(user: str) -> Ticket | None:
        entry = HistoryEntry(ticket.id, T0, user, HistoryAction.CLAIMED, after=user)
        return await repo.update_if(
            {"assignee": None, "status": Status.NEW},
            entry,
            {"assignee": user, "status": Status.IN_PROGRESS},
        )

    results = await asyncio.gather(claim("U7"), claim("U8"))
    winners = [r for r in results if r is not None]
    assert len(winners) == 1
    loaded = await repo.get(ticket.id)
    assert loaded is not None
    assert loaded.assignee == winners[0].assignee
    assert loaded.status is Status.IN_PROGRESS
    claims = [e for e in await repo.history(ticket.id) if e.action == "claimed"]
    assert len(claims) == 1


async def test_a_move_keeps_the_card_it_leaves_the_last_ones_only(database: Database) -> None:
    """``push`` appends in the same conditional update (nothing when the condition fails) and
    keeps the last ``KEPT_PUSHED`` values: a ticket moved many times stays bounded; the places
    read back as ``card_places`` (earlier ones, then the current card)."""
    repo = TicketRepository(database)
    ticket = await repo.create(_new())
    for n in range(KEPT_PUSHED + 2):
        entry = HistoryEntry(ticket.id, T0, "U7", HistoryAction.REASSIGNED, after="security")
        card = MessageRef("C1", f"{n}.0")
        moved = await repo.update_if({}, entry, {"message": None}, push={EARLIER_CARDS: [card]})
        assert moved is not None
    stale = HistoryEntry(ticket.id, T0, "U8", HistoryAction.REASSIGNED, after="app_dev")
    refused = await repo.update_if(
        {"service": "app_dev"}, stale, {}, push={EARLIER_CARDS: [MessageRef("C9", "9.0")]}
    )
    assert refused is None
    await repo.update_if({}, stale, {"message": MessageRef("C2", "99.0")})
    stored = await database.handle["tickets"].find_one({"_id": ticket.id})
    assert stored is not None
    kept = [f"{n}.0" for n in range(2, KEPT_PUSHED + 2)]
    assert [ref["ts"] for ref in stored[EARLIER_CARDS]] == kept
    assert [ref.ts for ref in card_places(stored)] == [*kept, "99.0"]


async def test_lists(database: Database) -> None:
    repo = TicketRepository(database)
    a = await repo.create(_new(requester="U1", created_at=T0))
    b = await repo.create(_new(requester="U1", created_at=T0 + timedelta(hours=1)))
    await repo.create(_new(requester="U2", service="security"))
    entry = HistoryEntry(a.id, T0, "U9", HistoryAction.STATUS, before="new", after="closed")
    await repo.record(entry, {"status": Status.CLOSED})
    mine = await repo.list_for_requester("U1", [Status.NEW, Status.IN_PROGRESS])
    assert [t.id for t in mine] == [b.id]
    queue = await repo.list_for_service("internal_it", [Status.NEW])
    assert [t.id for t in queue] == [b.id]
    assert len(await repo.list_by_status([Status.NEW, Status.CLOSED])) == 3


async def test_a_request_held_for_approval_is_awaiting_it_from_its_insert(
    database: Database,
) -> None:
    repo = TicketRepository(database)
    held = await repo.create(_new(TicketType.SERVICE_REQUEST, approval="pending"))
    plain = await repo.create(_new(TicketType.SERVICE_REQUEST))
    assert held.awaiting_approval and not plain.awaiting_approval  # as returned by the insert
    stored = await database.handle["tickets"].find_one({"_id": held.id})
    assert stored is not None and stored["approval"] == "pending"
    assert [entry["action"] for entry in stored["history"]] == ["created"]  # one write: the insert
    loaded, other = await repo.get(held.id), await repo.get(plain.id)
    assert loaded is not None and loaded.awaiting_approval and loaded.announce_at == T0
    assert other is not None and other.approval is None


async def test_a_history_entry_conditioned_on_its_absence_is_written_once(
    database: Database,
) -> None:
    repo = TicketRepository(database)
    ticket = await repo.create(_new(TicketType.SERVICE_REQUEST, approval="pending"))
    condition = {"approval": "pending", "history.action": {"$ne": "approval_requested"}}

    async def record(at: datetime) -> Ticket | None:
        entry = HistoryEntry(ticket.id, at, "guichet", HistoryAction.APPROVAL_REQUESTED, after="U1")
        return await repo.update_if(condition, entry, {"approval": "pending"})

    first, again = await asyncio.gather(record(T0), record(T0 + timedelta(seconds=1)))
    assert [first is None, again is None].count(True) == 1  # one writes, the other finds it
    history = [e.action for e in await repo.history(ticket.id)]
    assert history == ["created", "approval_requested"]
    assert await record(T0 + timedelta(minutes=1)) is None
