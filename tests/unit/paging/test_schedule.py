"""The due times set at filing, the change hook that keeps them right, and the tick's plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.domain import oncall as paging
from bot.domain.config import load_services_config
from bot.domain.due_times import initial, schedule_hook
from bot.domain.due_work import plan, still_wanted
from bot.domain.models import (
    Level,
    Outgoing,
    OutgoingKind,
    Priority,
    SlaClock,
    Status,
    Ticket,
    TicketType,
)
from bot.outbox.deliveries import BACKOFF_MAX, backoff
from tests.fakes import changed
from tests.fakes import ticket as fake_ticket

CONFIG = load_services_config(Path(__file__).parent.parent.parent / "data" / "services.yml")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
M = timedelta(minutes=1)
H = timedelta(hours=1)
hook = schedule_hook(CONFIG)


def _ticket(
    ticket_type: TicketType = TicketType.INCIDENT,
    priority: Priority = Priority.P2,
    service: str = "service_desk",
) -> Ticket:
    due = initial(ticket_type, priority, service, T0, CONFIG)
    return fake_ticket(
        at=T0,
        service=service,
        confidence=1.0,
        type=ticket_type,
        impact=Level.HIGH,
        priority=priority,
        requester="U0REQ",
        sla=due.sla,
        paging=due.paging,
        remind_at=due.remind_at,
        next_ping_at=due.next_ping_at,
    )


def _apply(ticket: Ticket, changes: dict, at: datetime) -> Ticket:
    """What ``TicketDesk.apply_change`` stores: the changes plus what the hook derives."""
    return changed(hook, ticket, changes, at)


def test_filing_sets_the_clocks_and_the_first_due_time() -> None:
    ticket = _ticket()
    assert ticket.sla.response_due == T0 + H and ticket.sla.resolution_due == T0 + 8 * H
    assert ticket.paging is None
    assert ticket.remind_at == ticket.next_ping_at == T0 + H


def test_an_emergency_pages_at_once() -> None:
    ticket = _ticket(TicketType.EMERGENCY, Priority.P1, "infra_network")
    assert ticket.paging is not None and ticket.paging.next_at == T0
    assert ticket.next_ping_at == T0
    assert ticket.remind_at == T0 + 15 * M


def test_a_p1_pages_only_where_the_service_says_so() -> None:
    assert _ticket(TicketType.INCIDENT, Priority.P1, "app_dev").paging is not None
    assert _ticket(TicketType.INCIDENT, Priority.P1, "internal_it").paging is None


def test_claiming_stops_the_response_clock_and_paging() -> None:
    ticket = _ticket(TicketType.EMERGENCY, Priority.P1, "infra_network")
    claimed = _apply(ticket, {"assignee": "U0A", "status": Status.IN_PROGRESS}, T0 + 5 * M)
    assert claimed.sla.responded_at == T0 + 5 * M
    assert claimed.remind_at == T0 + 4 * H  # now the resolution target
    assert claimed.paging is not None and claimed.paging.stopped_at == T0 + 5 * M
    assert claimed.next_ping_at == T0 + 4 * H


def test_waiting_pauses_and_resuming_moves_the_reminder_out() -> None:
    claimed = _apply(_ticket(), {"assignee": "U0A", "status": Status.IN_PROGRESS}, T0)
    waiting = _apply(claimed, {"status": Status.WAITING_ON_REQUESTER}, T0 + 2 * H)
    assert waiting.remind_at is None and waiting.next_ping_at is None
    back = _apply(waiting, {"status": Status.IN_PROGRESS}, T0 + 12 * H)
    assert back.sla.resolution_due == T0 + 18 * H
    assert back.remind_at == back.next_ping_at == T0 + 18 * H


def test_resolving_ends_the_reminders() -> None:
    claimed = _apply(_ticket(), {"assignee": "U0A", "status": Status.IN_PROGRESS}, T0)
    resolved = _apply(claimed, {"status": Status.RESOLVED}, T0 + 20 * H)
    assert resolved.sla.resolved_at == T0 + 20 * H
    assert resolved.remind_at is None and resolved.next_ping_at is None


def test_a_paged_p1_lowered_stops_paging_an_emergency_does_not() -> None:
    p1 = _ticket(TicketType.INCIDENT, Priority.P1, "app_dev")  # page_p1: it pages
    assert p1.paging is not None and p1.paging.active
    lowered = _apply(p1, {"priority": Priority.P3}, T0 + 5 * M)  # before: paged on
    assert lowered.paging is not None and lowered.paging.stopped_at == T0 + 5 * M
    assert lowered.next_ping_at == lowered.remind_at == T0 + 4 * H  # P3's response target

    emergency = _ticket(TicketType.EMERGENCY, Priority.P1, "infra_network")
    retyped = _apply(emergency, {"type": TicketType.EMERGENCY}, T0 + 5 * M)
    assert retyped.paging is not None and retyped.paging.active  # type and P1 still page


def test_an_acknowledgement_is_the_response_and_ends_paging() -> None:
    ticket = _ticket(TicketType.EMERGENCY, Priority.P1, "infra_network")
    assert ticket.paging is not None
    acked = _apply(ticket, {"paging": paging.acknowledge(ticket.paging, "U0A", T0 + M)}, T0 + M)
    assert acked.sla.responded_at == T0 + M
    assert acked.remind_at == acked.next_ping_at == T0 + 4 * H  # the resolution target


def test_the_hook_leaves_other_changes_and_the_schedulers_own_alone() -> None:
    ticket = _ticket()
    assert hook(ticket, {"title": "x"}, T0) == {}
    assert hook(ticket, {"remind_at": None, "next_ping_at": T0}, T0) == {}


def test_plan_reminds_the_channel_then_the_assignee() -> None:
    ticket = _ticket()
    assert plan(ticket, T0 + 30 * M, CONFIG).messages == ()
    due = plan(ticket, T0 + H + M, CONFIG)
    assert due.messages == (
        Outgoing(OutgoingKind.REMINDER, "INC-1", None, clock=SlaClock.RESPONSE, due=T0 + H),
    )
    assert due.changes == {"remind_at": T0 + 2 * H}
    assert due.next_ping_at == T0 + 2 * H
    entry = due.history_entry("INC-1", T0 + H + M, "C0DESK")
    assert (entry.action, entry.after) == ("reminded", "C0DESK")

    claimed = _apply(ticket, {"assignee": "U0A", "status": Status.IN_PROGRESS}, T0 + 2 * H)
    late = plan(claimed, T0 + 9 * H, CONFIG)
    assert [(m.recipient, m.clock) for m in late.messages] == [("U0A", SlaClock.RESOLUTION)]


def test_plan_pages_and_records_who() -> None:
    ticket = _ticket(TicketType.EMERGENCY, Priority.P1, "infra_network")
    owed = plan(ticket, T0, CONFIG)
    assert [(m.kind, m.recipient) for m in owed.messages] == [(OutgoingKind.PAGE, "U0INFRA1")]
    assert owed.next_ping_at == T0 + 5 * M
    entry = owed.history_entry(ticket.id, T0, "C0INFRA")
    assert (entry.action, entry.after, entry.note) == ("paged", "U0INFRA1", "1")


def test_while_paging_the_channel_is_told_once_its_response_target_passed() -> None:
    ticket = _ticket(TicketType.EMERGENCY, Priority.P1, "infra_network")
    reminders = []
    at = T0
    for _ in range(12):  # a tick every 5 min for an hour, nobody acknowledging
        owed = plan(ticket, at, CONFIG)
        reminders += [m for m in owed.messages if m.kind is OutgoingKind.REMINDER]
        ticket = replace(ticket, **owed.changes)
        at += 5 * M
    assert [m.due for m in reminders] == [T0 + 15 * M]  # the one line, not one every 15 min

    # an overdue P2 declared an emergency later: its first reminder while paging still goes
    late = _ticket()
    declared = _apply(
        late,
        {"type": TicketType.EMERGENCY, "priority": Priority.P1, "paging": paging.start(T0 + 3 * H)},
        T0 + 3 * H,
    )
    assert declared.remind_at is not None
    owed = plan(declared, declared.remind_at, CONFIG)
    assert [m.kind for m in owed.messages].count(OutgoingKind.REMINDER) == 1


def test_a_queued_message_is_dropped_once_it_makes_no_sense() -> None:
    ticket = _ticket(TicketType.EMERGENCY, Priority.P1, "infra_network")
    page = Outgoing(OutgoingKind.PAGE, ticket.id, "U0INFRA1")
    reminder = Outgoing(OutgoingKind.REMINDER, ticket.id, None, clock=SlaClock.RESPONSE)
    assert still_wanted(page, ticket) and still_wanted(reminder, ticket)
    claimed = _apply(ticket, {"assignee": "U0A", "status": Status.IN_PROGRESS}, T0 + M)
    assert not still_wanted(page, claimed)
    assert not still_wanted(reminder, claimed)
    to_old_owner = Outgoing(OutgoingKind.REMINDER, ticket.id, "U0B", clock=SlaClock.RESOLUTION)
    assert not still_wanted(to_old_owner, claimed)


def test_backoff_doubles_up_to_a_cap() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(20) == BACKOFF_MAX


def test_paging_for_a_service_gone_from_the_file_ends_quietly() -> None:
    ticket = replace(_ticket(TicketType.EMERGENCY, Priority.P1, "infra_network"), service="gone")
    owed = plan(ticket, T0, CONFIG)
    assert owed.messages == ()
    assert owed.changes["paging"].stopped_at == T0
    assert owed.next_ping_at == T0 + 15 * M  # only the SLA reminder is left
