"""What the scheduler owes a ticket whose ``next_ping_at`` has passed: pure, no I/O.

``plan`` decides the messages to send (a reminder, pages, the last-level notice) and the field
changes that record them; ``still_wanted`` tells, at delivery time, whether a queued message
still makes sense (a reminder for a ticket claimed meanwhile, a page after an acknowledgement,
do not go out).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.domain import oncall as paging_rules
from bot.domain import sla
from bot.domain.config import ServicesConfig
from bot.domain.due_times import calendar_of, earliest
from bot.domain.models import HistoryAction, HistoryEntry, Outgoing, OutgoingKind, SlaClock, Ticket
from bot.domain.oncall import Members

ACTOR = "guichet"


@dataclass(frozen=True)
class Plan:
    messages: tuple[Outgoing, ...]
    changes: dict[str, Any] = field(default_factory=dict)
    next_ping_at: datetime | None = None

    def history_entry(self, ticket_id: str, at: datetime, channel: str) -> HistoryEntry:
        """One entry recording what this plan sends (pages first: they matter most). ``after``
        lists who was reached: user ids, or ``channel`` for the service channel."""
        pages = [m for m in self.messages if m.kind is OutgoingKind.PAGE]
        if pages:
            who = ",".join(m.recipient or channel for m in pages)
            return HistoryEntry(
                ticket_id, at, ACTOR, HistoryAction.PAGED, after=who, note=str(pages[0].level + 1)
            )
        reminder = next(m for m in self.messages if m.kind is OutgoingKind.REMINDER)
        return HistoryEntry(
            ticket_id, at, ACTOR, HistoryAction.REMINDED, after=reminder.recipient or channel
        )


def plan(
    ticket: Ticket, now: datetime, config: ServicesConfig, members: Members | None = None
) -> Plan:
    """What is owed now (``members``: of the user groups the on-call levels name)."""
    messages: list[Outgoing] = []
    changes: dict[str, Any] = {}
    remind_at = ticket.remind_at
    if remind_at is not None and remind_at <= now:
        # A linked incident is worked through its problem: the problem is chased, not it.
        chased = sla.running(ticket.sla) if ticket.is_open else None
        cadence = config.sla_for(ticket.priority).reminder_cadence
        if chased is not None and ticket.problem_id is None:
            clock, due = chased
            recipient = ticket.assignee if clock is SlaClock.RESOLUTION else None
            if not _told_while_paging(ticket, clock, due, remind_at, cadence):
                messages.append(
                    Outgoing(
                        OutgoingKind.REMINDER, ticket.id, recipient=recipient, clock=clock, due=due
                    )
                )
        remind_at = None
        if ticket.is_open:
            remind_at = sla.next_reminder(ticket.sla, now, cadence, calendar_of(config, ticket))
        changes["remind_at"] = remind_at

    paging = ticket.paging
    if paging is not None and paging.next_at is not None and paging.next_at <= now:
        if ticket.service in config.services and ticket.is_open:
            service = config.service(ticket.service)
            step = paging_rules.step(ticket.id, paging, service, now, members)
            messages.extend(step.messages)
            paging = step.paging
        else:  # a service gone from the services file: nobody left to page
            paging = paging_rules.stop(paging, now)
        changes["paging"] = paging
    next_ping_at = earliest(remind_at, paging.next_at if paging else None)
    return Plan(tuple(messages), changes, next_ping_at)


def _told_while_paging(
    ticket: Ticket, clock: SlaClock, due: datetime, remind_at: datetime, cadence: timedelta
) -> bool:
    """Whether the channel already had its one line about a ticket whose on-call is being paged
    (a response reminder of this paging was due before this one): the pages call people, so
    the channel's thread is told once that the target passed, not at every cadence."""
    paging = ticket.paging
    if paging is None or not paging.active or clock is not SlaClock.RESPONSE:
        return False
    previous = remind_at - cadence
    return previous >= due and previous > paging.started_at


def still_wanted(message: Outgoing, ticket: Ticket) -> bool:
    """Whether a queued message should still go out, given the ticket as it is now."""
    if message.kind is OutgoingKind.REMINDER:
        if not ticket.is_open or ticket.problem_id is not None:
            return False
        chased = sla.running(ticket.sla)
        if chased is None or chased[0] is not message.clock:
            return False
        return message.recipient is None or message.recipient == ticket.assignee
    return ticket.paging is not None and ticket.paging.active
