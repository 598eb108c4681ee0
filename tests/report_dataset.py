"""A seeded set of tickets whose statistics are worked out by hand (see ``EXPECTED``).

``NOW`` is the harness clock's start (Monday 2026-01-05 09:00 UTC); ``/ticket stats 7d`` then
covers tickets filed from 2025-12-29 09:00. Targets are the default SLA of each priority
(P2: respond 1 h, resolve 8 h; P3: 4 h, 2 days; P4: 1 day, 5 days).

Service desk, filed in the 7 days (``problem_id`` links in brackets):

| id    | type        | prio | filed       | response | resolved | status       | missed     |
|-------|-------------|------|-------------|----------|----------|--------------|------------|
| INC-1 | incident    | P3   | 01-01 10:00 | +30 min  | +5 h     | closed, 5/5  | -          |
| INC-2 | incident    | P3   | 01-02 09:00 | +5 h     | +1 day   | resolved, 3/5| response   |
| REQ-1 | service req | P3   | 01-03 12:00 | +1 h     |          | in progress  | -          |
| INC-3 | incident    | P2   | 01-03 00:00 | +30 min  | (paused) | waiting      | -          |
| INC-4 | incident    | P2   | 01-04 00:00 |          |          | new          | both       |
| INF-1 | info req    | P4   | 01-04 20:00 | (cancelled after 1 h)          | excluded   |
| PRB-1 | problem     | P3   | 01-02 10:00 | +2 h     |          | in progress  | resolution |

INC-2, INC-3 and INC-4 are linked to PRB-1 (``problem_id``); INC-3 was paused at +6 h, before its
resolution due time (+8 h).
MTTA = (30 min + 5 h + 1 h + 30 min + 2 h) / 5 = 1 h 48 min; MTTR = (5 h + 24 h) / 2 = 14 h 30;
SLA: 3 of 6 missed (50 %), 2 response, 2 resolution; satisfaction (5 + 3) / 2 = 4.0 of 2 rated.
Also: INC-5 (service desk, filed 2025-12-20, outside the week) linked to PRB-2, an open problem
filed 2025-12-01; INC-6, an infrastructure incident filed 01-04 12:00 (P3, no response yet).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.config import DEFAULT_SLA
from bot.domain.models import (
    Classification,
    Language,
    Level,
    Priority,
    SlaClocks,
    Status,
    Ticket,
    TicketType,
)

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
REQUESTER = "U0JOHN"
AGENT = "U0DESKAGENT"

LINKS: dict[str, str] = {"INC-2": "PRB-1", "INC-3": "PRB-1", "INC-4": "PRB-1", "INC-5": "PRB-2"}

EXPECTED = {
    "total": 7,
    "by_type": {
        TicketType.INCIDENT: 4,
        TicketType.SERVICE_REQUEST: 1,
        TicketType.PROBLEM: 1,
        TicketType.INFORMATION_REQUEST: 1,
    },
    "by_status": {
        Status.NEW: 1,
        Status.IN_PROGRESS: 2,
        Status.WAITING_ON_REQUESTER: 1,
        Status.RESOLVED: 1,
        Status.CLOSED: 1,
        Status.CANCELLED: 1,
    },
    "mtta": timedelta(hours=1, minutes=48),
    "responded": 5,
    "mttr": timedelta(hours=14, minutes=30),
    "resolved": 2,
    "with_targets": 6,
    "breached": 3,
    "response_breaches": 2,
    "resolution_breaches": 2,
    "satisfaction": 4.0,
    "rated": 2,
}


def at(month_day: str, hour: int = 0, minute: int = 0) -> datetime:
    """``"01-03"`` -> 2026-01-03 (``"12-20"`` -> 2025-12-20), UTC."""
    month, day = (int(part) for part in month_day.split("-"))
    return datetime(2026 if month == 1 else 2025, month, day, hour, minute, tzinfo=UTC)


def make_ticket(
    ticket_id: str,
    ticket_type: TicketType,
    created: datetime,
    status: Status,
    *,
    priority: Priority = Priority.P3,
    service: str = "service_desk",
    response: timedelta | None = None,
    resolved: timedelta | None = None,
    paused: timedelta | None = None,
    satisfaction: int | None = None,
    title: str | None = None,
    assignee: str | None = AGENT,
) -> Ticket:
    target = DEFAULT_SLA[priority]
    sla = SlaClocks(
        response_due=created + target.response,
        resolution_due=created + target.resolution,
        responded_at=created + response if response is not None else None,
        resolved_at=created + resolved if resolved is not None else None,
        paused_at=created + paused if paused is not None else None,
    )
    return Ticket(
        id=ticket_id,
        type=ticket_type,
        title=title or f"Ticket {ticket_id}",
        description="Seeded for the reports.",
        impact=Level.MEDIUM,
        urgency=Level.MEDIUM,
        priority=priority,
        service=service,
        status=status,
        requester=REQUESTER,
        language=Language.EN,
        created_at=created,
        updated_at=created,
        classification=Classification(service=service, confidence=1.0),
        assignee=assignee if response is not None else None,
        satisfaction=satisfaction,
        sla=sla,
    )


def tickets() -> list[Ticket]:
    hour = timedelta(hours=1)
    half = timedelta(minutes=30)
    incident, problem = TicketType.INCIDENT, TicketType.PROBLEM
    return [
        make_ticket(
            "INC-1",
            incident,
            at("01-01", 10),
            Status.CLOSED,
            response=half,
            resolved=5 * hour,
            satisfaction=5,
            title='=HYPERLINK("http://evil.example","click")',
        ),
        make_ticket(
            "INC-2",
            incident,
            at("01-02", 9),
            Status.RESOLVED,
            response=5 * hour,
            resolved=24 * hour,
            satisfaction=3,
            title="Écran noir, « urgent »",
        ),
        make_ticket(
            "REQ-1",
            TicketType.SERVICE_REQUEST,
            at("01-03", 12),
            Status.IN_PROGRESS,
            response=hour,
        ),
        make_ticket(
            "INC-3",
            incident,
            at("01-03"),
            Status.WAITING_ON_REQUESTER,
            priority=Priority.P2,
            response=half,
            paused=6 * hour,
        ),
        make_ticket("INC-4", incident, at("01-04"), Status.NEW, priority=Priority.P2),
        make_ticket(
            "INF-1",
            TicketType.INFORMATION_REQUEST,
            at("01-04", 20),
            Status.CANCELLED,
            priority=Priority.P4,
            response=hour,
            resolved=hour,
        ),
        make_ticket(
            "PRB-1",
            problem,
            at("01-02", 10),
            Status.IN_PROGRESS,
            response=2 * hour,
            title="VPN drops for everyone",
        ),
        make_ticket(
            "INC-5",
            incident,
            at("12-20", 9),
            Status.CLOSED,
            response=hour,
            resolved=2 * hour,
        ),
        make_ticket(
            "PRB-2",
            problem,
            at("12-01", 9),
            Status.IN_PROGRESS,
            response=hour,
            title="Printers forget their queue",
        ),
        make_ticket("INC-6", incident, at("01-04", 12), Status.NEW, service="infra_network"),
    ]


DESK_WEEK = ["INC-1", "INC-2", "REQ-1", "INC-3", "INC-4", "INF-1", "PRB-1"]
