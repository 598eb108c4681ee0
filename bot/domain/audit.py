"""One line of the audit log: who did (or was refused) what, when, on which ticket, from where.

The audit log answers "who changed this, and who tried to" long after the ticket's own history
was anonymised or deleted (``retention:``), and in one place for every ticket. An entry is
written once and never changed, except by the privacy commands that anonymise a person.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Outcome(StrEnum):
    DONE = "done"  # the change was written
    REFUSED = "refused"  # the person was told why nothing changed


SYSTEM_SURFACE = "system"  # no Slack request: the scheduler, start-up, an import


@dataclass(frozen=True)
class AuditEntry:
    """``action`` is the ticket history's action for a change (``claimed``) or what was tried
    for a refusal (the button or command, ``ticket_claim``); ``surface`` is the kind of Slack
    request and its name (``block_actions:ticket_claim``, ``command:/ticket``) or ``system``."""

    id: str
    at: datetime
    actor: str
    action: str
    outcome: Outcome
    surface: str = SYSTEM_SURFACE
    ticket_id: str | None = None
    before: str | None = None
    after: str | None = None
    note: str | None = None


def new_id() -> str:
    """A fresh entry id: the same entry written twice (a retry, a sweep) stays one line."""
    return uuid.uuid4().hex
