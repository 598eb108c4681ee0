"""A ticket's due times: set at filing, kept right by a change hook on every later change.

Three stored fields drive the scheduler: ``sla`` (the clocks, see ``bot/sla.py``), ``remind_at``
(the next stale-ticket reminder) and ``paging`` (see ``bot/paging.py``); ``next_ping_at`` is the
earliest of ``remind_at`` and ``paging.next_at``, the one indexed field the scheduler's tick
queries. Because the hook derives them from *any* change passed to ``TicketDesk.apply_change``
(claim, assign, a status change, an acknowledgement), every way a ticket changes keeps its
clocks and due times consistent without knowing about them. Taking the ticket (an assignee, or
leaving ``new``) and acknowledging its page both count as the first response. The clocks count
the business time of the ticket's calendar (``calendar_of``); a change of service, priority or
type (into or out of an emergency) that changes the calendar re-bases the running clocks on the
new one; a change of priority also gives them its targets, the business time already run kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.domain import oncall as paging_rules
from bot.domain import sla
from bot.domain.business_time import BusinessCalendar
from bot.domain.calendars import calendar_for
from bot.domain.config import ServicesConfig
from bot.domain.models import OPEN_STATUSES, Paging, Priority, SlaClocks, Status, Ticket, TicketType

ChangeHookResult = dict[str, Any]
Hook = Callable[[Ticket, dict[str, Any], datetime], ChangeHookResult]  # bot.desk.ChangeHook

EXPECT = "$expect"
"""A hook result's key for the conditions its other results were derived under: the desk adds
them to the update's own, so that what was read to derive them has not changed meanwhile (what
the SLA clocks ran is settled up to ``sla.ran_until``: a change counts the stretch since then
only if no other change counted it first)."""

# Changes that may move a due time. A change that sets ``next_ping_at`` itself is the
# scheduler's own and is left alone.
_WATCHED = frozenset({"status", "assignee", "paging", "remind_at", "service", "priority", "type"})


@dataclass(frozen=True)
class InitialSchedule:
    sla: SlaClocks
    paging: Paging | None
    remind_at: datetime | None
    next_ping_at: datetime | None


def initial(
    ticket_type: TicketType,
    priority: Priority,
    service: str,
    created_at: datetime,
    config: ServicesConfig,
) -> InitialSchedule:
    """The clocks and due times of a ticket being filed."""
    target = config.sla_for(priority)
    calendar = calendar_for(config, service, priority, ticket_type)
    clocks = sla.start(created_at, target, calendar)
    paging = None
    if service in config.services and paging_rules.pages(
        ticket_type, priority, config.service(service)
    ):
        paging = paging_rules.start(created_at)
    remind_at = sla.next_reminder(clocks, created_at, target.reminder_cadence, calendar)
    return InitialSchedule(
        sla=clocks,
        paging=paging,
        remind_at=remind_at,
        next_ping_at=earliest(remind_at, paging.next_at if paging else None),
    )


def calendar_of(config: ServicesConfig, ticket: Ticket) -> BusinessCalendar:
    """The calendar ``ticket``'s clocks run on now (its service's, its priority's, or 24/7)."""
    return calendar_for(config, ticket.service, ticket.priority, ticket.type)


def earliest(*times: datetime | None) -> datetime | None:
    present = [moment for moment in times if moment is not None]
    return min(present) if present else None


def schedule_hook(config: ServicesConfig) -> Hook:
    """The ``ChangeHook`` that keeps the SLA clocks and the due times consistent."""

    def derive(ticket: Ticket, changes: dict[str, Any], at: datetime) -> ChangeHookResult:
        if "next_ping_at" in changes or not _WATCHED & changes.keys():
            return {}
        status = Status(changes.get("status", ticket.status))
        assignee = changes.get("assignee", ticket.assignee)
        priority = Priority(changes.get("priority", ticket.priority))
        derived: ChangeHookResult = {}

        kind = TicketType(changes.get("type", ticket.type))  # an emergency's clocks run 24/7
        calendar = calendar_for(config, changes.get("service", ticket.service), priority, kind)
        old_target, new_target = config.sla_for(ticket.priority), config.sla_for(priority)
        old_calendar = calendar_of(config, ticket)
        clocks = sla.rebase(ticket.sla, at, old_calendar, calendar, old_target, new_target)
        clocks = sla.after_change(clocks, status, assignee, at, calendar)
        acked = changes.get("paging")
        if acked is not None and acked.acked_by and not (ticket.paging and ticket.paging.acked_by):
            clocks = sla.stop_response(clocks, at)  # a person acknowledged: that is a response
        remind_at = changes.get("remind_at", ticket.remind_at)
        if clocks != ticket.sla or calendar is not old_calendar:
            # what the clocks ran since last settled, on the calendar they ran on: counted once
            ran = sla.ran_since_settled(ticket.sla, at, old_calendar, ticket.created_at)
            clocks = replace(clocks, ran_until=sla.stored_instant(at))
            derived["sla_ran"] = sla.settle(ticket.sla_ran, ran)
            derived[EXPECT] = {"sla.ran_until": ticket.sla.ran_until}
            derived["sla"] = clocks
            cadence = config.sla_for(priority).reminder_cadence
            remind_at = sla.next_reminder(clocks, at, cadence, calendar)
            derived["remind_at"] = remind_at
        if status not in OPEN_STATUSES and remind_at is not None:
            remind_at = None
            derived["remind_at"] = None

        paging: Paging | None = changes.get("paging", ticket.paging)
        if paging is not None and paging.active and (assignee or status not in OPEN_STATUSES):
            paging = paging_rules.stop(paging, at)
            derived["paging"] = paging
        service = changes.get("service", ticket.service)
        here = config.services.get(service) if service == ticket.service else None
        retyped = (priority, kind) != (ticket.priority, ticket.type)
        # a page_p1 P1 lowered to P3 pages nobody any more (an emergency stays one: P1)
        if (
            paging
            and paging.active
            and here
            and retyped
            and not paging_rules.pages(kind, priority, here)
        ):
            paging = paging_rules.stop(paging, at)
            derived["paging"] = paging
        if paging is not None and paging.active and service != ticket.service:
            there = config.services.get(service)  # its on-call is paged now, from its level 1
            pages_there = there is not None and paging_rules.pages(kind, priority, there)
            paging = paging_rules.moved(paging, there, pages_there, at, ticket.service)
            derived["paging"] = paging

        derived["next_ping_at"] = earliest(remind_at, paging.next_at if paging else None)
        return derived

    return derive
