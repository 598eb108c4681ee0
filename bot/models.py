"""The ticket and the vocabulary around it (types, services, impact, urgency, priority, status)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class TicketType(StrEnum):
    INCIDENT = "incident"
    SERVICE_REQUEST = "service_request"
    PROBLEM = "problem"
    INFORMATION_REQUEST = "information_request"
    IMPROVEMENT_REQUEST = "improvement_request"
    TRAINING_REQUEST = "training_request"
    EMERGENCY = "emergency"


# Prefix of the human-readable id of each type: INC-42, REQ-7, ...
TYPE_PREFIX: dict[TicketType, str] = {
    TicketType.INCIDENT: "INC",
    TicketType.SERVICE_REQUEST: "REQ",
    TicketType.PROBLEM: "PRB",
    TicketType.INFORMATION_REQUEST: "INF",
    TicketType.IMPROVEMENT_REQUEST: "IMP",
    TicketType.TRAINING_REQUEST: "TRN",
    TicketType.EMERGENCY: "EMG",
}


class Level(StrEnum):
    """Impact and urgency are both rated on this scale."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Priority(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"
    P5 = "P5"


class Status(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING_ON_REQUESTER = "waiting_on_requester"
    RESOLVED = "resolved"
    CLOSED = "closed"
    CANCELLED = "cancelled"


OPEN_STATUSES: frozenset[Status] = frozenset(
    {Status.NEW, Status.IN_PROGRESS, Status.WAITING_ON_REQUESTER}
)


class Language(StrEnum):
    FR = "fr"
    EN = "en"


@dataclass(frozen=True)
class MessageRef:
    """Where a ticket's message was posted in Slack."""

    channel: str
    ts: str


@dataclass(frozen=True)
class Origin:
    """The Slack message a ticket was made from (message shortcut or reaction).

    ``key`` is set when at most one ticket may ever come from that message (a reaction, which
    Slack may deliver again): the store keeps it unique.
    """

    channel: str
    ts: str
    permalink: str | None = None
    key: str | None = None


@dataclass(frozen=True)
class Classification:
    """The classifier's verdict: the service, how sure it is, and why."""

    service: str
    confidence: float
    reasons: tuple[str, ...] = ()


@dataclass
class NewTicket:
    """What a requester submits; the store turns it into a Ticket with an id."""

    type: TicketType
    title: str
    description: str
    impact: Level
    urgency: Level
    priority: Priority
    service: str
    requester: str
    language: Language
    classification: Classification
    created_at: datetime
    source: str = "modal"
    origin: Origin | None = None


@dataclass
class Ticket:
    id: str
    type: TicketType
    title: str
    description: str
    impact: Level
    urgency: Level
    priority: Priority
    service: str
    status: Status
    requester: str
    language: Language
    created_at: datetime
    updated_at: datetime
    classification: Classification
    assignee: str | None = None
    message: MessageRef | None = None
    source: str = "modal"
    origin: Origin | None = None
    # The requester's DM thread where the team's replies are relayed (opened on the first one).
    requester_thread: MessageRef | None = None
    satisfaction: int | None = None  # the requester's 1-5 rating once closed
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class HistoryEntry:
    """One change to a ticket: who, when, what, from -> to. Append-only."""

    ticket_id: str
    at: datetime
    actor: str
    action: str
    before: str | None = None
    after: str | None = None
    note: str | None = None
