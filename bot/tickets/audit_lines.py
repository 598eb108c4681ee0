"""The audit line of a ticket's change, and the surface a decision came from.

The ticket desk writes a change's line in the change's own atomic update (``apply_change``);
refusals are written by ``bot/governance/audit.py``. Both name the surface the same way: the
kind of Slack request being served and its name, or ``system`` when no request is (the
scheduler's tick, start-up).
"""

from __future__ import annotations

from bot.domain.audit import SYSTEM_SURFACE, AuditEntry, Outcome, new_id
from bot.domain.models import HistoryEntry
from bot.telemetry.observability import current_request


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
