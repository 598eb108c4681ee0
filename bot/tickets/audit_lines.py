"""The audit line of a ticket's change, and the surface a decision came from.

The ticket desk writes a change's line in the change's own atomic update (``apply_change``);
refusals are written by ``bot/governance/audit.py``. Both name the surface the same way: the
kind of Slack request being served and its name, or ``system`` when no request is (the
scheduler's tick, start-up).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from bot.domain.audit import SYSTEM_SURFACE, AuditEntry, Outcome, new_id
from bot.domain.errors import StoreUnavailable
from bot.domain.models import HistoryEntry
from bot.telemetry.observability import current_request
from storage.audit import TICKETS, AuditLog

log = logging.getLogger(__name__)


def current_surface() -> str:
    """``block_actions:ticket_claim``, ``command:/ticket``, ``view_submission:…``, or
    ``system``."""
    record = current_request()
    if record is None:
        return SYSTEM_SURFACE
    return f"{record.kind}:{record.name}" if record.name else record.kind


def change_line(entry: HistoryEntry) -> AuditEntry:
    """The audit line of a written change (its history entry)."""
    return AuditEntry(
        id=new_id(),
        at=entry.at,
        actor=entry.actor,
        action=str(entry.action),
        outcome=Outcome.DONE,
        surface=current_surface(),
        ticket_id=entry.ticket_id,
        before=entry.before,
        after=entry.after,
        note=entry.note,
    )


def decision_line(
    actor: str,
    action: str,
    at: datetime,
    *,
    ticket_id: str | None = None,
    after: str | None = None,
    note: str | None = None,
) -> AuditEntry:
    """The audit line of a decision about something other than a ticket's fields (an article
    published, a problem suggestion dismissed); it rides on the document it changes."""
    return AuditEntry(
        id=new_id(),
        at=at,
        actor=actor,
        action=action,
        outcome=Outcome.DONE,
        surface=current_surface(),
        ticket_id=ticket_id,
        after=after,
        note=note,
    )


async def settle(
    audit: AuditLog | None, document_id: str, lines: Sequence[AuditEntry], holder: str = TICKETS
) -> None:
    """Copy lines written with their change to the log; when the database fails now, the
    scheduler's sweep copies them later, or gives up a line the log refuses
    (``bot/governance/audit.py``)."""
    if audit is None or not lines:
        return
    try:
        await audit.settle(document_id, lines, holder)
    except StoreUnavailable as error:
        log.warning("audit line(s) of %s left for the sweep: %s", document_id, error)
