"""Finding tickets by their Slack messages, the unique origin key, assigned and queue lists
(in memory, and on a real server when MONGODB_URI is set)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest

from bot.domain.errors import AlreadyFiled
from bot.domain.models import (
    HistoryAction,
    HistoryEntry,
    MessageRef,
    Origin,
    Paging,
    Status,
)
from storage.client import Database
from storage.tickets import TicketRepository
from tests.storage.test_tickets import T0, _new


async def _repo(database: Database) -> TicketRepository:
    repo = TicketRepository(database)
    await repo.create_indexes()
    return repo


async def test_find_by_channel_message_and_requester_thread(database: Database) -> None:
    repo = await _repo(database)
    ticket = await repo.create(_new())
    other = await repo.create(_new())
    posted = HistoryEntry(ticket.id, T0, "guichet", HistoryAction.POSTED, after="C1")
    await repo.record(posted, {"message": MessageRef("C1", "100.1")})
    opened = HistoryEntry(ticket.id, T0, "guichet", HistoryAction.CONVERSATION_OPENED)
    changed = await repo.update_if(
        {"requester_thread": None}, opened, {"requester_thread": MessageRef("D1", "200.2")}
    )
    assert changed is not None and changed.requester_thread == MessageRef("D1", "200.2")
    by_message = await repo.find_by_message("C1", "100.1")
    assert by_message is not None and by_message.id == ticket.id
    assert await repo.find_by_message("C2", "100.1") is None  # same ts, another channel
    by_thread = await repo.find_by_requester_thread("D1", "200.2")
    assert by_thread is not None and by_thread.id == ticket.id
    assert await repo.find_by_requester_thread("D1", "100.1") is None
    # a second thread is refused: the first one stays
    again = await repo.update_if(
        {"requester_thread": None}, opened, {"requester_thread": MessageRef("D1", "300.3")}
    )
    assert again is None
    kept, untouched = await repo.get(ticket.id), await repo.get(other.id)
    assert kept is not None and kept.requester_thread == MessageRef("D1", "200.2")
    assert untouched is not None and untouched.requester_thread is None


async def test_one_ticket_per_origin_key(database: Database) -> None:
    repo = await _repo(database)
    origin = Origin("C1", "1.5", "https://x.slack.com/archives/C1/p15", key="T1/C1/1.5")
    first = await repo.create(_new(origin=origin))
    with pytest.raises(AlreadyFiled) as refused:
        await repo.create(_new(origin=origin))
    assert refused.value.origin_key == "T1/C1/1.5"
    results = await asyncio.gather(
        *(repo.create(_new(origin=origin)) for _ in range(3)), return_exceptions=True
    )
    assert all(isinstance(r, AlreadyFiled) for r in results)
    by_key = await repo.find_by_origin_key("T1/C1/1.5")
    assert by_key is not None and by_key.id == first.id
    loaded = await repo.get(first.id)
    assert loaded is not None and loaded.origin == origin
    # tickets without a key (the form, the message shortcut) are never refused
    await repo.create(_new())
    await repo.create(_new())
    shortcut = Origin("C1", "1.5", "https://x.slack.com/archives/C1/p15")
    await repo.create(_new(origin=shortcut))
    await repo.create(_new(origin=shortcut))
    by_origin = await repo.find_by_origin("C1", "1.5")
    assert by_origin is not None and by_origin.id == first.id  # the first made from it
    assert await repo.find_by_origin("C1", "9.9") is None


async def test_assigned_and_unassigned_lists(database: Database) -> None:
    repo = await _repo(database)
    old = await repo.create(_new(service="service_desk", created_at=T0))
    new = await repo.create(_new(service="service_desk", created_at=T0 + timedelta(hours=2)))
    mine = await repo.create(_new(service="service_desk", created_at=T0 + timedelta(hours=1)))
    await repo.create(_new(service="security", created_at=T0))
    done = await repo.create(_new(service="service_desk", created_at=T0))
    claim = HistoryEntry(mine.id, T0, "U5", HistoryAction.CLAIMED, after="U5")
    await repo.record(claim, {"assignee": "U5", "status": Status.IN_PROGRESS})
    close = HistoryEntry(done.id, T0, "U5", HistoryAction.STATUS, "new", "closed")
    await repo.record(close, {"assignee": "U5", "status": Status.CLOSED})
    assert [t.id for t in await repo.list_assigned("U5")] == [mine.id]
    queue = await repo.list_unassigned(["service_desk", "internal_it"])
    assert [t.id for t in queue] == [old.id, new.id]
    assert len(await repo.list_unassigned(["service_desk", "security"], limit=2)) == 2


async def test_live_pages_are_the_running_pagings_that_paged_the_person(
    database: Database,
) -> None:
    repo = await _repo(database)
    started = Paging(started_at=T0, next_at=T0 + timedelta(minutes=5), pages=1)
    paging_a = replace(started, paged={"U0A": 2, "U0B": 1})
    later = replace(started, started_at=T0 + timedelta(minutes=1), paged={"U0A": 1})
    cases = {
        "first": paging_a,
        "second": later,
        "acked": replace(paging_a, acked_by="U0B", acked_at=T0, next_at=None),
        "stopped": replace(paging_a, stopped_at=T0, next_at=None),
        "resolved": paging_a,
    }
    ids: dict[str, str] = {}
    for name, paging in cases.items():
        ticket = await repo.create(_new())
        ids[name] = ticket.id
        changes: dict[str, object] = {"paging": paging}
        if name == "resolved":
            changes["status"] = Status.RESOLVED
        entry = HistoryEntry(ticket.id, T0, "guichet", HistoryAction.PAGED, after="U0A")
        await repo.record(entry, changes)
    assert [t.id for t in await repo.live_pages("U0A")] == [ids["first"], ids["second"]]
    assert [t.id for t in await repo.live_pages("U0B")] == [ids["first"]]
    assert await repo.live_pages("U0C") == []
    assert await repo.live_pages("U0A.x") == []  # never a field path from elsewhere
    (first, _) = await repo.live_pages("U0A")
    assert first.paging is not None and first.paging.paged == {"U0A": 2, "U0B": 1}


async def test_a_page_uncounted_says_how_many_are_left(database: Database) -> None:
    """A page that failed for good: its reader's count goes down by one, and the count left
    says whether their Home still shows the paging (0: it does not); none to take, ``None``."""
    repo = await _repo(database)
    ticket = await repo.create(_new())
    paging = Paging(started_at=T0, next_at=T0, pages=2, paged={"U0A": 2, "U0B": 1})
    entry = HistoryEntry(ticket.id, T0, "guichet", HistoryAction.PAGED, after="U0A")
    await repo.record(entry, {"paging": paging})
    assert await repo.uncount_page(ticket.id, "U0B", T0) == 0
    assert await repo.live_pages("U0B") == []
    assert await repo.uncount_page(ticket.id, "U0B", T0) is None  # nothing left to take
    assert await repo.uncount_page(ticket.id, "U0A", T0) == 1
    earlier = T0 - timedelta(minutes=1)  # queued for a paging before this one (moved since)
    assert await repo.uncount_page(ticket.id, "U0A", earlier) is None
    assert await repo.uncount_page(ticket.id, "U0A.x", T0) is None
    stored = await repo.get(ticket.id)
    assert stored is not None and stored.paging is not None
    assert stored.paging.paged == {"U0A": 1, "U0B": 0}
