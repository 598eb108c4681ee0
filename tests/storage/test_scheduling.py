"""The scheduler's storage: the due query, the hand-over bookkeeping and the outbox (in memory,
and on a real server when MONGODB_URI is set)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain import oncall as paging
from bot.domain.config import ServiceConfig
from bot.domain.models import (
    Handover,
    HistoryAction,
    HistoryEntry,
    MessageRef,
    Outgoing,
    OutgoingKind,
    SlaClock,
)
from bot.domain.outbox import OutboxState
from storage.client import Database
from storage.outbox import RETENTION, OutboxRepository
from storage.tickets import DUE_INDEX, TicketRepository
from tests.storage.test_tickets import _new

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
M = timedelta(minutes=1)


async def test_scheduler_fields_round_trip(database: Database) -> None:
    repo = TicketRepository(database)
    started = paging.step("EMG-1", paging.start(T0), _oncall(), T0)
    created = await repo.create(_new(next_ping_at=T0, remind_at=T0 + M, paging=started.paging))
    handover = Handover("tok", started.messages, T0 + 5 * M)
    entry = HistoryEntry(created.id, T0, "guichet", HistoryAction.PAGED, after="U0A")
    updated = await repo.update_if({"next_ping_at": T0}, entry, {"handover": handover})
    assert updated is not None and updated.handover == handover
    loaded = await repo.get(created.id)
    assert loaded is not None
    assert loaded.paging == started.paging and loaded.handover == handover
    assert loaded.remind_at == T0 + M


async def test_due_finds_only_what_fell_due_earliest_first(database: Database) -> None:
    repo = TicketRepository(database)
    await repo.create_indexes()
    late = await repo.create(_new(next_ping_at=T0 - 10 * M))
    later = await repo.create(_new(next_ping_at=T0))
    await repo.create(_new(next_ping_at=T0 + M))
    await repo.create(_new(next_ping_at=None))
    due = await repo.due(T0, limit=10)
    assert [t.id for t in due] == [late.id, later.id]
    assert [t.id for t in await repo.due(T0, limit=1)] == [late.id]


async def test_due_query_is_an_index_range_scan(database: Database) -> None:
    if not database.persistent:
        pytest.skip("explain needs a real MongoDB server (MONGODB_URI)")
    repo = TicketRepository(database)
    await repo.create_indexes()
    first = await repo.create(_new())
    later = [replace(first, id=f"INC-{n}", next_ping_at=T0 + n * M) for n in range(2, 300)]
    closed = [replace(first, id=f"INC-{n}", next_ping_at=None) for n in range(300, 600)]
    await repo.import_tickets([*later, *closed])
    plan = await repo.explain_due(T0 + 10 * M, limit=500)
    assert plan.index == DUE_INDEX
    assert plan.returned == 9 and plan.docs_examined == 9  # INC-2 .. INC-10, nothing else


async def test_finish_handover_keeps_a_due_time_set_meanwhile(database: Database) -> None:
    repo = TicketRepository(database)
    lease = T0 + M
    handover = Handover("tok", (), T0 + 5 * M)
    a = await repo.create(_new(next_ping_at=lease))
    b = await repo.create(_new(next_ping_at=lease))
    for ticket in (a, b):
        entry = HistoryEntry(ticket.id, T0, "guichet", HistoryAction.PAGED)
        await repo.update_if({}, entry, {"handover": handover})
    # b changed meanwhile (say, acknowledged): its own due time stands
    entry = HistoryEntry(b.id, T0, "U0A", HistoryAction.ACKNOWLEDGED)
    await repo.update_if({}, entry, {"next_ping_at": T0 + 3 * M})
    await repo.finish_handover(a.id, "tok", lease, T0 + 5 * M)
    await repo.finish_handover(b.id, "tok", lease, T0 + 5 * M)
    loaded_a, loaded_b = await repo.get(a.id), await repo.get(b.id)
    assert loaded_a is not None and loaded_b is not None
    assert (loaded_a.handover, loaded_a.next_ping_at) == (None, T0 + 5 * M)
    assert (loaded_b.handover, loaded_b.next_ping_at) == (None, T0 + 3 * M)


async def test_an_expired_handover_is_taken_over_once(database: Database) -> None:
    repo = TicketRepository(database)
    ticket = await repo.create(_new(next_ping_at=T0))
    entry = HistoryEntry(ticket.id, T0, "guichet", HistoryAction.PAGED)
    await repo.update_if({}, entry, {"handover": Handover("tok", (), None)})
    results = await asyncio.gather(
        repo.extend_lease(ticket.id, T0, T0 + M), repo.extend_lease(ticket.id, T0, T0 + 2 * M)
    )
    assert sorted(results) == [False, True]


def _page(ticket_id: str = "EMG-1", user: str = "U0A") -> Outgoing:
    return Outgoing(OutgoingKind.PAGE, ticket_id, user, number=1)


async def test_outbox_keeps_one_copy_of_each_id(database: Database) -> None:
    outbox = OutboxRepository(database)
    await outbox.create_indexes()
    assert await outbox.add([("EMG-1:tok:0", _page()), ("EMG-1:tok:1", _page(user="U0B"))], T0)
    assert await outbox.add([("EMG-1:tok:0", _page()), ("EMG-1:tok:2", _page(user="U0C"))], T0) == 1
    items = await outbox.for_ticket("EMG-1")
    assert [i.id for i in items] == ["EMG-1:tok:0", "EMG-1:tok:1", "EMG-1:tok:2"]
    assert {i.state for i in items} == {OutboxState.PENDING}


async def test_outbox_claims_each_item_once(database: Database) -> None:
    outbox = OutboxRepository(database)
    await outbox.add([("EMG-1:tok:0", _page())], T0)
    (item,) = await outbox.due(T0, 10)
    claims = await asyncio.gather(outbox.claim(item, T0 + M), outbox.claim(item, T0 + M))
    won = [c for c in claims if c is not None]
    assert len(won) == 1 and won[0].attempts == 1
    assert await outbox.due(T0 + M - timedelta(seconds=1), 10) == []  # leased
    assert [i.id for i in await outbox.due(T0 + M, 10)] == ["EMG-1:tok:0"]  # lease ran out


async def test_outbox_lifecycle(database: Database) -> None:
    outbox = OutboxRepository(database)
    reminder = Outgoing(OutgoingKind.REMINDER, "EMG-1", None, clock=SlaClock.RESPONSE, due=T0)
    await outbox.add(
        [("a", _page()), ("b", _page(user="U0B")), ("c", _page(user="U0C")), ("r", reminder)],
        T0,
    )
    await outbox.mark_sent("a", MessageRef("DU0A", "1.1"), T0)
    await outbox.retry_at("b", T0 + 30 * timedelta(seconds=1), "ratelimited")
    assert await outbox.cancel_pending("EMG-1", [OutgoingKind.PAGE], T0) == 2
    states = {i.id: i for i in await outbox.for_ticket("EMG-1")}
    assert states["a"].state is OutboxState.SENT and states["a"].sent == MessageRef("DU0A", "1.1")
    assert states["b"].state is OutboxState.CANCELLED and states["b"].last_error == "ratelimited"
    assert states["r"].state is OutboxState.PENDING
    assert states["r"].message == reminder
    assert await outbox.sent_for("EMG-1", [OutgoingKind.PAGE]) == [
        (_page(), MessageRef("DU0A", "1.1"))
    ]
    await outbox.mark_failed("r", "channel_not_found", T0)
    await outbox.mark_sent("r", MessageRef("C", "2"), T0)  # a finished item stays finished
    failed = {i.id: i for i in await outbox.for_ticket("EMG-1")}["r"]
    assert failed.state is OutboxState.FAILED and failed.last_error == "channel_not_found"


async def test_finished_items_are_purged_after_the_retention(database: Database) -> None:
    outbox = OutboxRepository(database)
    await outbox.add([("done", _page()), ("pending", _page(user="U0B"))], T0)
    await outbox.mark_sent("done", MessageRef("DU0A", "1.1"), T0)
    assert await outbox.purge(T0 + RETENTION - M) == 0
    assert await outbox.purge(T0 + RETENTION) == 1
    assert [i.id for i in await outbox.for_ticket("EMG-1")] == ["pending"]


async def test_bulk_import(database: Database) -> None:
    repo = TicketRepository(database)
    first = await repo.create(_new())
    copies = [replace(first, id=f"INC-{n}") for n in range(100, 130)]
    assert await repo.import_tickets(copies, batch=7) == 30
    assert (await repo.get("INC-129")) is not None


def _oncall() -> ServiceConfig:
    return ServiceConfig.model_validate(
        {
            "name": {"fr": "Infra", "en": "Infra"},
            "channel": "C0INFRA",
            "oncall": [{"users": ["U0A"]}, {"users": ["U0B"], "after": "10m"}],
        }
    )
