"""A month of tickets whose figures are worked out by hand (see ``DESK``, ``INFRA``, ``WEEK_*``).

The services are the tests' (``tests/data/services.yml``) with the service desk on office hours
(``tests/e2e/office_hours.py``: Paris, Monday to Friday 09:00-12:30 and 13:30-18:00, that is
08:00-11:30 and 12:30-17:00 UTC in January; French holidays; P4 targets 2 h / 8 h), the
infrastructure 24/7 and IT security private. ``NOW`` is Monday 2 February 2026, 09:00 UTC (10:00
in Paris, an hour after the digest time): ``/ticket stats 30d`` covers the tickets filed from
3 January 09:00 UTC, the digest the week of Monday 26 January to Sunday 1 February in Paris
(25 January 23:00 UTC to 1 February 23:00 UTC).

Each ticket's clocks, and what each ran (``sla_ran``, which MTTA and MTTR count), are made by the
product's own SLA arithmetic (``bot/domain/sla.py``, through the desk's change hook in
``bot/domain/due_times.py``) from the events listed (claim, status changes), on its service's
calendar, as the bot stores them.
All times UTC; "bt" is business time (the desk's opening hours), what MTTA and MTTR count.

Service desk (office hours), filed in the 30 days:

| id    | type     | P | filed       | first response | resolved        | now      | missed | ★ |
|-------|----------|---|-------------|----------------|-----------------|----------|--------|---|
| INC-1 | incident |P3 | 01-06 08:00 | 08:30 (30 min) | 10:00 (2 h)     | closed   | -      | 4 |
| INC-2 | incident |P3 | 01-07 11:00 | 12:45 (45 min) | 8th 09:00 (6 h) | resolved | -      | 2 |
| REQ-1 | service  |P4 | 01-12 09:00 | cancelled 10:00                  | cancel.  | (none) |   |
| INC-3 | incident |P2 | 01-13 09:00 | 11:00 (2 h)    | 15:00 (5 h)     | closed   | resp.  | 5 |
| INC-4 | incident |P2 | 01-13 09:30 | merged into INC-3 at 10:00       | closed   | (none) |   |
| INC-5 | incident |P3 | 01-14 08:00 | 08:15 (15 min) | 09:00, reopened | in prog. | resol. |   |
| INC-6 | incident |P3 | 01-20 10:00 | 10:30 (30 min) | waits from 14:00| waiting  | -      |   |
| INC-8 | incident |P3 | 01-21 10:00 | 11:00 (1 h)    | 13:00 (2 h)     | closed   | -      |   |
| INC-9 | incident |P3 | 01-24 10:00 | 26th 08:30 (30)| 26th 10:00 (2 h)| closed   | -      | 3 |
| INC-7 | incident |P4 | 01-27 09:00 |                |                 | new      | both   |   |
| REQ-2 | service  |P3 | 01-28 10:00 | 10:10 (10 min) | 16:00 (5 h)     | closed   | -      | 5 |
| INF-1 | info     |P4 | 01-29 08:00 | 08:05 (5 min)  | 08:24 (24 min)  | resolved | -      |   |
| IMP-1 | improve. |P5 | 01-30 13:00 | 13:54 (54 min) |                 | in prog. | -      |   |
| TRN-1 | training |P4 | 01-30 15:00 |                |                 | new      | resp.  |   |
| PRB-1 | problem  |P3 | 01-13 10:00 | 10:30 (30 min) |                 | in prog. | resol. |   |

January 24 is a Saturday: INC-9's clocks start on Monday 26 at 08:00 UTC (09:00 in Paris).

Durations in brackets are business time. INC-5 was resolved at 09:00 and reopened on Thursday at
08:00: its resolution due time moved out by the 7 open hours it spent resolved.

INC-3 and INC-5 are linked to PRB-1. INC-8 was filed with the infrastructure and moved to the
desk. INC-0 (12-20) is older than the month.

- 14 tickets (INC-4, a merged duplicate, is counted in none): incident 8, service request 2,
  problem 1, information 1, improvement 1, training 1; new 2, in progress 3, waiting 1,
  resolved 2, closed 5, cancelled 1.
- MTTA (bt) = (30 + 45 + 120 + 15 + 30 + 60 + 30 + 10 + 5 + 54 + 30) / 11 = 429 / 11 = 39 min.
- MTTR (bt) = (2 h + 6 h + 5 h + 2 h + 2 h + 5 h + 24 min) / 7 = 22 h 24 / 7 = 3 h 12 min.
- SLA: 5 of 13 (38.5 %): response 3 (INC-3, INC-7, TRN-1), resolution 3 (INC-5, INC-7, PRB-1).
- Satisfaction (4 + 2 + 5 + 3 + 5) / 5 = 3.8, 5 rated. Top problem PRB-1, 2 linked, 1 open.

Infrastructure (24/7): EMG-1, an emergency filed Tue 01-27 02:00, acknowledged at level 2 at
02:12, resolved 03:00; INC-10 (P3) filed Mon 01-26 10:00, first response 18:04 (both targets
missed, still in progress); INC-11 (P2) Sat 01-10 12:00, 12:20, resolved 16:00, rated 3.
MTTA (12 + 484 + 20) / 3 = 2 h 52 min; MTTR (1 h + 3 h 40) / 2 = 2 h 20 min; SLA 1 of 3.

IT security (private): INC-12 (P2, Wed 01-28 12:00, 12:05, resolved 13:05, rated 5, linked to
PRB-2), PRB-2 (its problem, 01-28 12:30, 12:40, in progress).

The digest's week, service desk: INC-7, REQ-2, INF-1, IMP-1, TRN-1 (INC-9 was filed on the
Saturday before): MTTA (10 + 5 + 54) / 3 = 23 min; MTTR (5 h + 24 min) / 2 = 2 h 42 min; SLA 2 of 5
(response 2, resolution 1); satisfaction 5.0, 1 rated. Infrastructure: EMG-1 and INC-10, MTTA
(12 + 484) / 2 = 4 h 8 min, MTTR 1 h, SLA 1 of 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from bot.domain import sla
from bot.domain.calendars import calendar_for
from bot.domain.config import ServicesConfig
from bot.domain.due_times import schedule_hook
from bot.domain.merging import MERGED_INTO
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

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
REQUESTER = "U0JOHN"
DESK_AGENT = "U0DESKAGENT"
INFRA_AGENT = "U0INFRA1"
INFRA_LEVEL_2 = "U0INFRA2"
SECURITY_AGENT = "U0SECONCALL"
COMMA_TITLE = 'Écran noir, "urgent"\nau 2e étage'
FORMULA_TITLE = '=HYPERLINK("http://evil.example","clic")'
MINUS_TITLE = "-5 °C dans la salle serveur"

Event = tuple[datetime, Status, str | None]


def at(month_day: str, hour: int = 0, minute: int = 0) -> datetime:
    """``"01-13"`` -> 2026-01-13 (``"12-20"`` -> 2025-12-20), UTC."""
    month, day = (int(part) for part in month_day.split("-"))
    return datetime(2026 if month < 12 else 2025, month, day, hour, minute, tzinfo=UTC)


def _ticket(
    config: ServicesConfig,
    ticket_id: str,
    ticket_type: TicketType,
    priority: Priority,
    service: str,
    created: datetime,
    events: Sequence[Event] = (),
    *,
    title: str | None = None,
    satisfaction: int | None = None,
    problem_id: str | None = None,
    extra: dict[str, object] | None = None,
) -> Ticket:
    """The ticket once ``events`` (moment, status, assignee) happened, its clocks as the bot's."""
    calendar = calendar_for(config, service, priority, ticket_type)
    clocks: SlaClocks = sla.start(created, config.sla_for(priority), calendar)
    filed = Ticket(
        id=ticket_id,
        type=ticket_type,
        title=title or f"Ticket {ticket_id}",
        description="Seeded for the month's figures.",
        impact=Level.MEDIUM,
        urgency=Level.MEDIUM,
        priority=priority,
        service=service,
        status=Status.NEW,
        requester=REQUESTER,
        language=Language.FR,
        created_at=created,
        updated_at=events[-1][0] if events else created,
        classification=Classification(service=service, confidence=1.0),
        assignee=None,
        satisfaction=satisfaction,
        problem_id=problem_id,
        extra=dict(extra or {}),
        sla=clocks,
    )
    return _after(config, filed, events)


def _after(config: ServicesConfig, ticket: Ticket, events: Sequence[Event]) -> Ticket:
    """``ticket`` once ``events`` happened, each change's clocks (and what they ran) derived by
    the bot's own hook (``bot/domain/due_times.py``), as the desk writes them."""
    hook = schedule_hook(config)
    for moment, status, assignee in events:
        derived = hook(ticket, {"status": status, "assignee": assignee}, moment)
        ticket = replace(
            ticket,
            status=status,
            assignee=assignee,
            sla=derived.get("sla", ticket.sla),
            sla_ran=derived.get("sla_ran", ticket.sla_ran),
        )
    return ticket


def tickets(config: ServicesConfig) -> list[Ticket]:
    inc, p2, p3, p4 = TicketType.INCIDENT, Priority.P2, Priority.P3, Priority.P4
    desk, infra, security = "service_desk", "infra_network", "security"
    done, closed = Status.RESOLVED, Status.CLOSED
    going, waiting = Status.IN_PROGRESS, Status.WAITING_ON_REQUESTER
    me = DESK_AGENT

    def ticket(*args: object, **kwargs: object) -> Ticket:
        return _ticket(config, *args, **kwargs)  # type: ignore[arg-type]

    seeded = [
        ticket("INC-0", inc, p3, desk, at("12-20", 9), [(at("12-20", 10), closed, me)]),
        ticket(
            "INC-1",
            inc,
            p3,
            desk,
            at("01-06", 8),
            [(at("01-06", 8, 30), going, me), (at("01-06", 10), closed, me)],
            satisfaction=4,
            title=FORMULA_TITLE,
        ),
        ticket(
            "INC-2",
            inc,
            p3,
            desk,
            at("01-07", 11),
            [(at("01-07", 12, 45), going, me), (at("01-08", 9), done, me)],
            satisfaction=2,
            title=COMMA_TITLE,
        ),
        ticket(
            "REQ-1",
            TicketType.SERVICE_REQUEST,
            p4,
            desk,
            at("01-12", 9),
            [(at("01-12", 10), Status.CANCELLED, None)],
        ),
        ticket(
            "INC-3",
            inc,
            p2,
            desk,
            at("01-13", 9),
            [(at("01-13", 11), going, me), (at("01-13", 15), closed, me)],
            satisfaction=5,
            problem_id="PRB-1",
        ),
        ticket(
            "INC-4",
            inc,
            p2,
            desk,
            at("01-13", 9, 30),
            [(at("01-13", 10), closed, me)],
            extra={MERGED_INTO: "INC-3"},
        ),
        ticket(
            "INC-5",
            inc,
            p3,
            desk,
            at("01-14", 8),
            [
                (at("01-14", 8, 15), going, me),
                (at("01-14", 9), done, me),
                (at("01-15", 8), going, me),  # reopened
            ],
            problem_id="PRB-1",
            title=MINUS_TITLE,
        ),
        ticket(
            "INC-6",
            inc,
            p3,
            desk,
            at("01-20", 10),
            [(at("01-20", 10, 30), going, me), (at("01-20", 14), waiting, me)],
        ),
        ticket(
            "INC-8",  # filed with the infrastructure, moved to the desk before anyone took it
            inc,
            p3,
            desk,
            at("01-21", 10),
            [(at("01-21", 11), going, me), (at("01-21", 13), closed, me)],
        ),
        ticket(
            "INC-9",
            inc,
            p3,
            desk,
            at("01-24", 10),  # a Saturday: the clocks start on Monday at 09:00 in Paris
            [(at("01-26", 8, 30), going, me), (at("01-26", 10), closed, me)],
            satisfaction=3,
        ),
        ticket("INC-7", inc, p4, desk, at("01-27", 9)),
        ticket(
            "REQ-2",
            TicketType.SERVICE_REQUEST,
            p3,
            desk,
            at("01-28", 10),
            [(at("01-28", 10, 10), going, me), (at("01-28", 16), closed, me)],
            satisfaction=5,
        ),
        ticket(
            "INF-1",
            TicketType.INFORMATION_REQUEST,
            p4,
            desk,
            at("01-29", 8),
            [(at("01-29", 8, 5), going, me), (at("01-29", 8, 24), done, me)],
        ),
        ticket(
            "IMP-1",
            TicketType.IMPROVEMENT_REQUEST,
            Priority.P5,
            desk,
            at("01-30", 13),
            [(at("01-30", 13, 54), going, me)],
        ),
        ticket("TRN-1", TicketType.TRAINING_REQUEST, p4, desk, at("01-30", 15)),
        ticket(
            "PRB-1",
            TicketType.PROBLEM,
            p3,
            desk,
            at("01-13", 10),
            [(at("01-13", 10, 30), going, me)],
            title="Imprimantes du 3e, files perdues",
        ),
        # --- infrastructure, around the clock --------------------------------------------------
        ticket(
            "EMG-1",
            TicketType.EMERGENCY,
            Priority.P1,
            infra,
            at("01-27", 2),
            [(at("01-27", 2, 12), going, INFRA_LEVEL_2), (at("01-27", 3), done, INFRA_LEVEL_2)],
            title="Core switch down",
        ),
        ticket(
            "INC-10",
            inc,
            p3,
            infra,
            at("01-26", 10),
            [(at("01-26", 18, 4), going, INFRA_AGENT)],
        ),
        ticket(
            "INC-11",
            inc,
            p2,
            infra,
            at("01-10", 12),
            [(at("01-10", 12, 20), going, INFRA_AGENT), (at("01-10", 15, 40), closed, None)],
            satisfaction=3,
        ),
        # --- IT security, private ---------------------------------------------------------------
        ticket(
            "INC-12",
            inc,
            p2,
            security,
            at("01-28", 12),
            [(at("01-28", 12, 5), going, SECURITY_AGENT), (at("01-28", 13, 5), closed, None)],
            satisfaction=5,
            problem_id="PRB-2",
            title="Phishing: the CFO's mailbox",
        ),
        ticket(
            "PRB-2",
            TicketType.PROBLEM,
            p3,
            security,
            at("01-28", 12, 30),
            [(at("01-28", 12, 40), going, SECURITY_AGENT)],
            title="Secret: spear-phishing campaign against finance",
        ),
    ]
    return seeded


DESK_MONTH = [
    "INC-1",
    "INC-2",
    "REQ-1",
    "INC-3",
    "INC-4",
    "PRB-1",
    "INC-5",
    "INC-6",
    "INC-8",
    "INC-9",
    "INC-7",
    "REQ-2",
    "INF-1",
    "IMP-1",
    "TRN-1",
]
"""The desk's tickets of the 30 days, in the order they were filed (INC-4, merged, included)."""
