"""The emergency decisions' use case on its own: a declaration from any open ticket, an end to
an emergency whether it pages or not, and the one rule that a problem link keeps the type."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

import pytest

from bot.domain.errors import NoChange, StaleTicket, TypeHeldByLinks
from bot.domain.models import (
    NOT_EMERGENCY_BY,
    HistoryEntry,
    MessageRef,
    Outgoing,
    Paging,
    Priority,
    Status,
    Ticket,
    TicketType,
)
from bot.paging.emergency_calls import EmergencyCalls
from bot.tickets.ports import RequesterNotice
from storage.client import Database
from storage.outbox import OutboxRepository
from tests.fakes import T0, KnownAgents, RecordingHomes, RecordingNotifier, memory_desk, ticket
from tests.unit.working.test_reclassify import SnapshotReads

AGENT = "U0AGENT"


class PagesShown:
    """The ``Messenger`` port's page updates, recorded (nothing is sent here)."""

    def __init__(self) -> None:
        self.acknowledged: list[str] = []
        self.homes = RecordingHomes()  # the paged people's Home tabs published again

    async def send(self, message: Outgoing, ticket: Ticket, now: datetime) -> MessageRef:
        raise AssertionError("nothing is sent by a decision")

    async def find_sent(
        self, message: Outgoing, ticket: Ticket, since: datetime
    ) -> MessageRef | None:
        return None

    async def show_acknowledged(
        self, ticket: Ticket, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        self.acknowledged.append(ticket.id)

    async def show_ended(
        self, ticket: Ticket, entry: HistoryEntry, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        raise AssertionError("a decision does not end the ticket")

    async def show_answered(
        self, ticket: Ticket, sent: Sequence[tuple[Outgoing, MessageRef]]
    ) -> None:
        raise AssertionError("a decision answers no reminder")

    async def report_failure(
        self, message: Outgoing, ticket: Ticket, reason: str, *, maybe_sent: bool = False
    ) -> None:
        raise AssertionError("nothing is sent by a decision")


async def _calls(
    database: Database, stored: Ticket, seen: Ticket | None = None
) -> tuple[EmergencyCalls, list[int], PagesShown]:
    store = SnapshotReads(database, [seen] if seen else [])
    desk = await memory_desk(database, store=store, directory=KnownAgents(AGENT))
    await store.import_tickets([stored])
    woken: list[int] = []
    shown = PagesShown()
    calls = EmergencyCalls(
        desk, OutboxRepository(database), shown, lambda: woken.append(1), homes=shown.homes
    )
    return calls, woken, shown


async def test_an_ordinary_request_may_be_declared_and_pages_when_nobody_has_it(
    database: Database,
) -> None:
    request = ticket(id="REQ-3", type=TicketType.SERVICE_REQUEST, extra={NOT_EMERGENCY_BY: "U9"})
    calls, woken, _ = await _calls(database, request)
    declared = await calls.declare("REQ-3", AGENT, TicketType.SERVICE_REQUEST)
    assert (declared.type, declared.priority) == (TicketType.EMERGENCY, Priority.P1)
    assert declared.paging is not None and declared.paging.active and woken == [1]
    assert NOT_EMERGENCY_BY not in declared.extra  # the earlier decision is replaced
    notifier = calls.desk.notifier
    assert isinstance(notifier, RecordingNotifier)
    assert notifier.told == [("REQ-3", RequesterNotice.EMERGENCY_DECLARED)]


async def test_a_declaration_from_a_card_showing_another_type_is_stale(
    database: Database,
) -> None:
    calls, woken, _ = await _calls(database, ticket(id="INC-5", type=TicketType.PROBLEM))
    with pytest.raises(StaleTicket):
        await calls.declare("INC-5", AGENT, TicketType.INCIDENT)
    assert await calls.desk.tickets.history("INC-5") == [] and woken == []


async def test_a_linked_ticket_keeps_its_type_both_ways(database: Database) -> None:
    symptom = ticket(id="INC-5", problem_id="PRB-1")
    calls, woken, _ = await _calls(database, symptom)
    with pytest.raises(TypeHeldByLinks):
        await calls.declare("INC-5", AGENT, TicketType.INCIDENT)
    gathering = ticket(
        id="EMG-6", type=TicketType.EMERGENCY, priority=Priority.P1, linked_incidents=("INC-7",)
    )
    await calls.desk.tickets.import_tickets([gathering])
    with pytest.raises(TypeHeldByLinks):
        await calls.dismiss("EMG-6", AGENT, Priority.P3)
    assert await calls.desk.tickets.history("INC-5") == []
    assert await calls.desk.tickets.history("EMG-6") == [] and woken == []


async def test_a_link_made_between_the_read_and_the_write_wins(database: Database) -> None:
    incident = ticket(id="INC-5")
    calls, _, _ = await _calls(database, replace(incident, problem_id="PRB-1"), seen=incident)
    with pytest.raises(StaleTicket):
        await calls.declare("INC-5", AGENT, TicketType.INCIDENT)
    emergency = ticket(id="EMG-6", type=TicketType.EMERGENCY, priority=Priority.P1)
    gathered = replace(emergency, linked_incidents=("INC-9",))  # storm mode, meanwhile
    calls, _, _ = await _calls(database, gathered, seen=emergency)
    with pytest.raises(StaleTicket):
        await calls.dismiss("EMG-6", AGENT, Priority.P2)
    stored = await calls.desk.tickets.get("EMG-6")
    assert stored is not None and stored.type is TicketType.EMERGENCY


async def test_an_emergency_never_paged_or_acknowledged_ends_without_touching_its_pages(
    database: Database,
) -> None:
    acked = Paging(started_at=T0, next_at=None, acked_by="U0ON", acked_at=T0)
    for paging in (None, acked):
        taken = ticket(
            id="EMG-2",
            type=TicketType.EMERGENCY,
            priority=Priority.P1,
            status=Status.IN_PROGRESS,
            assignee="U0ON",
            paging=paging,
        )
        calls, _, shown = await _calls(database, taken)
        dismissed = await calls.dismiss("EMG-2", AGENT, Priority.P4)
        assert (dismissed.type, dismissed.priority) == (TicketType.INCIDENT, Priority.P4)
        assert dismissed.paging == paging and dismissed.extra[NOT_EMERGENCY_BY] == AGENT
        assert shown.acknowledged == []  # acknowledged pages already say who took it
        assert shown.homes.refreshed == []  # nor are they on anyone's Home tab
        with pytest.raises(NoChange):  # a second answer: it is no longer an emergency
            await calls.dismiss("EMG-2", AGENT, Priority.P3)
        await database.handle["tickets"].delete_many({})


async def test_an_emergency_that_pages_stops_and_its_pages_say_so(database: Database) -> None:
    paging = Paging(started_at=T0, next_at=T0, paged={"U0B": 2, "U0A": 1, "U0GONE": 0})
    emergency = ticket(id="EMG-2", type=TicketType.EMERGENCY, priority=Priority.P1, paging=paging)
    calls, _, shown = await _calls(database, emergency)
    dismissed = await calls.dismiss("EMG-2", AGENT, Priority.P2)
    assert dismissed.paging is not None and not dismissed.paging.active
    assert dismissed.paging.acked_by is None and shown.acknowledged == ["EMG-2"]
    # it leaves the Home of each person it paged, once (a page that failed for good: not shown)
    assert shown.homes.refreshed == [["U0A", "U0B"]]
