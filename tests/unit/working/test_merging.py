"""Merging when the tickets change between the agent's read and the writes: a kept ticket that
ended meanwhile refuses with nothing written, and so does one held for approval meanwhile (a
catalogue request's approval asked after the agent read it); a duplicate that changed meanwhile
(here: it took in the kept ticket, the other half of a simultaneous B-into-A merge) calls the
merge off, and the kept ticket's absorption is withdrawn, so no loop of merges can be made.
Neither side of a merge may be a request awaiting approval."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

import pytest

from bot.domain.errors import AwaitingApproval, StaleTicket
from bot.domain.merging import ABSORBED, absorbed, merged_into
from bot.domain.models import Outgoing, Status, Ticket
from bot.domain.outbox import Stored
from bot.working.merging import CannotMerge, MergeRefusal, Merging
from storage.client import Database
from storage.outbox import OutboxRepository
from storage.tickets import TicketRepository
from tests.fakes import KnownAgents, memory_desk, ticket

AGENT = "U0AGENT"


class SnapshotReads(TicketRepository):
    """Answers the first read of a ticket with an earlier ``snapshot`` of it (what the agent
    saw), the later reads with what is stored."""

    def __init__(self, database: Database, snapshots: Iterable[Ticket]) -> None:
        super().__init__(database)
        self.snapshots = {t.id: t for t in snapshots}

    async def get(self, ticket_id: str) -> Ticket | None:
        return self.snapshots.pop(ticket_id, None) or await super().get(ticket_id)


class Courier:
    def __init__(self) -> None:
        self.asked: list[str] = []

    async def deliver_now(self, item_ids: Iterable[str], now: datetime) -> int:
        self.asked += list(item_ids)
        return 0

    async def store_and_deliver(self, items: Sequence[tuple[str, Outgoing]], now: datetime) -> int:
        raise AssertionError("a merge delivers what it stored with deliver_now")

    async def store(self, items: Sequence[tuple[str, Outgoing]], now: datetime) -> Stored:
        raise AssertionError("a merge delivers what it stored with deliver_now")

    async def deliver_stored(self, stored: Stored, now: datetime) -> int:
        raise AssertionError("a merge delivers what it stored with deliver_now")


async def _merging(
    database: Database, stored: list[Ticket], seen: list[Ticket], courier: Courier | None = None
) -> Merging:
    store = SnapshotReads(database, seen)
    desk = await memory_desk(database, store=store, directory=KnownAgents(AGENT))
    await store.import_tickets(stored)
    return Merging(desk, OutboxRepository(database), courier or Courier())


DUPLICATE = ticket(id="INC-1", requester="U1")
KEPT = ticket(id="INC-2", requester="U2")


async def test_a_kept_ticket_that_ended_meanwhile_refuses_and_nothing_is_written(
    database: Database,
) -> None:
    ended = replace(KEPT, status=Status.CANCELLED)
    merging = await _merging(database, [DUPLICATE, ended], seen=[KEPT])
    with pytest.raises(CannotMerge) as refused:
        await merging.merge(DUPLICATE.id, KEPT.id, AGENT)
    assert refused.value.reason is MergeRefusal.TARGET_ENDED
    tickets = merging.desk.tickets
    for ticket_id in (DUPLICATE.id, KEPT.id):
        stored = await tickets.get(ticket_id)
        assert stored is not None and not stored.extra
        assert await tickets.history(ticket_id) == []
    duplicate = await tickets.get(DUPLICATE.id)
    assert duplicate is not None and duplicate.status is Status.NEW


async def test_a_duplicate_that_changed_meanwhile_calls_the_merge_off(database: Database) -> None:
    took_in = replace(DUPLICATE, extra={ABSORBED: [KEPT.id]})  # B into A, half done meanwhile
    courier = Courier()
    merging = await _merging(database, [took_in, KEPT], seen=[DUPLICATE], courier=courier)
    with pytest.raises(StaleTicket):
        await merging.merge(DUPLICATE.id, KEPT.id, AGENT)
    tickets = merging.desk.tickets
    kept, duplicate = await tickets.get(KEPT.id), await tickets.get(DUPLICATE.id)
    assert kept is not None and duplicate is not None
    assert absorbed(kept.extra) == [] and merged_into(duplicate.extra) is None
    assert duplicate.status is Status.NEW
    assert [e.action for e in await tickets.history(KEPT.id)] == ["absorbed", "absorb_undone"]
    assert await tickets.history(DUPLICATE.id) == []
    assert courier.asked == []  # nobody told


async def test_not_into_itself_and_not_into_a_duplicate(
    database: Database,
) -> None:
    merging = await _merging(database, [DUPLICATE, KEPT], seen=[])
    with pytest.raises(CannotMerge):
        await merging.merge(DUPLICATE.id, DUPLICATE.id.lower(), AGENT)
    merged = await merging.merge(DUPLICATE.id, KEPT.id.lower(), AGENT)
    assert merged.duplicate.ticket.status is Status.CLOSED
    assert merged_into(merged.duplicate.ticket.extra) == KEPT.id
    assert absorbed(merged.target.ticket.extra) == [DUPLICATE.id]
    with pytest.raises(CannotMerge):  # a duplicate is closed: nothing goes into it
        await merging.merge(KEPT.id, DUPLICATE.id, AGENT)


async def test_a_kept_ticket_held_for_approval_meanwhile_refuses_and_nothing_is_written(
    database: Database,
) -> None:
    held = replace(KEPT, id="REQ-2", approval="pending")
    courier = Courier()
    seen = [replace(held, approval=None)]
    merging = await _merging(database, [DUPLICATE, held], seen=seen, courier=courier)
    with pytest.raises(AwaitingApproval):
        await merging.merge(DUPLICATE.id, held.id, AGENT)
    tickets = merging.desk.tickets
    for ticket_id in (DUPLICATE.id, held.id):
        stored = await tickets.get(ticket_id)
        assert stored is not None and not stored.extra and stored.status is Status.NEW
        assert await tickets.history(ticket_id) == []
    assert courier.asked == []  # nobody told


async def test_neither_side_of_a_merge_may_await_approval(database: Database) -> None:
    held = replace(DUPLICATE, id="REQ-3", approval="pending")
    merging = await _merging(database, [held, KEPT], seen=[])
    with pytest.raises(AwaitingApproval):
        await merging.mergeable(held.id, AGENT)
    with pytest.raises(AwaitingApproval):
        await merging.merge(held.id, KEPT.id, AGENT)
    with pytest.raises(AwaitingApproval):
        await merging.merge(KEPT.id, held.id, AGENT)
    for ticket_id in (held.id, KEPT.id):
        assert await merging.desk.tickets.history(ticket_id) == []
