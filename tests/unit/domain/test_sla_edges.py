"""Business-time SLAs at their edges, as a service lead checks them: a desk on Paris office
hours (Mon-Fri 08:30-18:00, French public holidays) and a 24/7 service, with tickets filed just
before closing, on holidays, over a weekend, across the daylight-saving changes, overdue and then
waiting on the requester."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.domain.config import parse_services_config
from bot.domain.deadlines import DeadlineState, next_deadline
from bot.domain.due_times import initial, schedule_hook
from bot.domain.models import Priority, Status, Ticket, TicketType
from tests.fakes import changed
from tests.fakes import ticket as fake_ticket

H = timedelta(hours=1)
M = timedelta(minutes=1)
PARIS = ZoneInfo("Europe/Paris")
CONFIG = parse_services_config(
    """
default_service: service_desk
services:
  service_desk:
    name: {fr: "Centre de support", en: "Service desk"}
    channel: C0DESK
    calendar: office
  security:
    name: {fr: "Sécurité", en: "Security"}
    channel: C0SEC
  night:
    name: {fr: "Exploitation", en: "Operations"}
    channel: C0OPS
    calendar: every_day
calendars:
  office:
    timezone: Europe/Paris
    hours: {mon-fri: ["08:30-18:00"]}
    holidays: FR
  every_day:
    timezone: Europe/Paris
    hours: {mon-sun: ["00:00-24:00"]}
sla:
  P3: {response: 4h, resolution: 2d, remind_every: 2h}
"""
)
hook = schedule_hook(CONFIG)


def paris(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A wall time in Paris, as UTC (what the clocks store)."""
    return datetime(year, month, day, hour, minute, tzinfo=PARIS).astimezone(UTC)


def _filed(at: datetime, service: str = "service_desk", **fields: Any) -> Ticket:
    due = initial(TicketType.INCIDENT, Priority.P3, service, at, CONFIG)
    return fake_ticket(
        at=at,
        service=service,
        sla=due.sla,
        remind_at=due.remind_at,
        next_ping_at=due.next_ping_at,
        **fields,
    )


def _apply(ticket: Ticket, changes: dict[str, Any], at: datetime) -> Ticket:
    return changed(hook, ticket, changes, at)


@pytest.mark.parametrize(
    ("filed", "due", "why"),
    [
        (paris(2026, 12, 4, 17, 55), paris(2026, 12, 7, 12, 25), "Friday: 5 min, then Monday"),
        (paris(2026, 7, 14, 10, 0), paris(2026, 7, 15, 12, 30), "14 July"),
        (paris(2026, 5, 14, 10, 0), paris(2026, 5, 15, 12, 30), "Ascension Thursday"),
        (paris(2026, 5, 25, 10, 0), paris(2026, 5, 26, 12, 30), "Whit Monday"),
        (paris(2026, 12, 5, 10, 0), paris(2026, 12, 7, 12, 30), "a Saturday"),
        (paris(2026, 7, 13, 23, 59), paris(2026, 7, 15, 12, 30), "23:59 before 14 July"),
        (paris(2026, 3, 27, 17, 0), paris(2026, 3, 30, 11, 30), "over the March change"),
        (paris(2026, 10, 23, 17, 0), paris(2026, 10, 26, 11, 30), "over the October change"),
        # its open time runs out at closing time: due at the next opening, the last moment a
        # response meets it (none of Monday's open time used beyond it)
        (paris(2026, 12, 4, 14, 0), paris(2026, 12, 7, 8, 30), "ends at closing time"),
    ],
)
def test_a_4h_response_target_on_office_hours(filed: datetime, due: datetime, why: str) -> None:
    assert _filed(filed).sla.response_due == due, why


def test_2d_is_48_hours_of_opening_hours_as_the_readme_says() -> None:
    # Monday 08:30: 9 h 30 a day, so 48 h is five days and 30 min, the next Monday 09:00.
    assert _filed(paris(2026, 12, 7, 8, 30)).sla.resolution_due == paris(2026, 12, 14, 9, 0)


def test_the_daylight_saving_changes_inside_a_target_count_real_hours() -> None:
    # 24/7 (no calendar): 4 h from Sunday 00:00 is 05:00 after the March jump, 03:00 (the
    # second one) after the October one.
    assert _filed(paris(2026, 3, 29), "security").sla.response_due == paris(2026, 3, 29, 5, 0)
    october = _filed(paris(2026, 10, 25), "security").sla.response_due
    assert october is not None and october - paris(2026, 10, 25) == 4 * H
    assert october.astimezone(PARIS).hour == 3 and october.astimezone(PARIS).fold == 0
    # A calendar open every day, 00:00-24:00 local: the same, the short and the long day.
    assert _filed(paris(2026, 3, 29), "night").sla.response_due == paris(2026, 3, 29, 5, 0)
    assert _filed(paris(2026, 10, 25), "night").sla.response_due == october


def test_a_raised_priority_is_due_as_if_filed_with_it() -> None:
    filed = _filed(paris(2026, 12, 4, 17, 55))  # P3, response Monday 12:25
    # P2 (1 h response) on Monday 09:00: 35 min run (Friday 5, Monday 30), 25 min left.
    raised = _apply(filed, {"priority": Priority.P2}, paris(2026, 12, 7, 9, 0))
    assert raised.sla.response_due == paris(2026, 12, 7, 9, 25)


def test_an_overdue_ticket_put_on_hold_shows_it_is_late_not_time_left() -> None:
    ticket = _filed(paris(2026, 12, 7, 8, 30))  # resolution due Monday 14 09:00
    taken = _apply(ticket, {"assignee": "U0A", "status": Status.IN_PROGRESS}, paris(2026, 12, 7, 9))
    late_hold = paris(2026, 12, 14, 10, 0)  # an hour after it fell due
    waiting = _apply(taken, {"status": Status.WAITING_ON_REQUESTER}, late_hold)
    deadline = next_deadline(waiting, paris(2026, 12, 15, 10, 0), CONFIG)
    assert deadline is not None and deadline.state is DeadlineState.WAITING
    assert deadline.due == paris(2026, 12, 14, 9, 0)
    assert deadline.late == H and deadline.left == timedelta(0)
    # On time when put on hold: what is left, and not late.
    early = _apply(taken, {"status": Status.WAITING_ON_REQUESTER}, paris(2026, 12, 11, 9, 0))
    deadline = next_deadline(early, paris(2026, 12, 15, 10, 0), CONFIG)
    assert deadline is not None and deadline.late == timedelta(0)
    assert deadline.left == 9 * H + 30 * M
