"""How long Guichet keeps what it stores (``retention:`` in the services file).

Closed and cancelled tickets are anonymised (people, texts and answers removed; type, service,
priority, status, times and rating kept for the figures) or deleted ``closed_tickets`` after
they last changed; audit lines are deleted ``audit`` after they were written, suggestions shown
before a ticket (``deflections``, what the knowledge base learns from) ``deflections`` after
they were shown. Unset: kept. The
scheduler enforces it a batch at a time (``bot/governance/retention.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from bot.domain.durations import parse_duration

RetentionDuration = Annotated[timedelta, BeforeValidator(parse_duration)]

ANONYMOUS = "anonymous"
"""What stands for a person in an anonymised ticket (``retention``)."""


class ClosedTicketsAction(StrEnum):
    ANONYMISE = "anonymise"
    DELETE = "delete"


class RetentionConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    closed_tickets: RetentionDuration | None = None
    closed_tickets_action: ClosedTicketsAction = ClosedTicketsAction.ANONYMISE
    audit: RetentionDuration | None = None
    deflections: RetentionDuration | None = None
    """Suggestions shown (who asked, the question, what came of it): deleted after this. The
    deflection figures (``/ticket stats``, up to 30 days) need them until then."""
    batch: int = Field(default=200, ge=1, le=10_000)  # per scheduler tick


@dataclass(frozen=True)
class RetentionDone:
    """What retention did (a sweep's, or a day's sum): closed tickets anonymised or deleted,
    audit lines and suggestions shown deleted."""

    anonymised: int = 0  # closed tickets
    deleted: int = 0  # closed tickets
    audit: int = 0
    deflections: int = 0

    def __bool__(self) -> bool:
        return bool(self.anonymised or self.deleted or self.audit or self.deflections)
