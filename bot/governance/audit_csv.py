"""The audit log as a CSV file (``/ticket audit``): one line per decision or refusal, headers and
actions in the reader's language (``audit_actions.py``; the stored action code in the last
column), times in UTC, people as Slack user ids, the separator of the reader's spreadsheet
(``;`` in French) and every cell safe from spreadsheet formulas (``bot/domain/spreadsheet.py``,
as the tickets' export)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC

from bot.domain.audit import AuditEntry
from bot.domain.models import Language
from bot.domain.spreadsheet import csv_bytes
from bot.governance.audit_actions import action_name
from bot.locales.i18n import t

COLUMNS = (
    "at", "actor", "outcome", "action", "ticket", "surface", "before", "after", "note", "code"
)  # fmt: skip


def row(entry: AuditEntry, language: Language) -> list[str]:
    """The cells of one line, in ``COLUMNS`` order."""
    return [
        entry.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        entry.actor,
        t(language, f"governance.audit.outcome.{entry.outcome.value}"),
        action_name(entry.action, language),
        entry.ticket_id or "",
        entry.surface,
        entry.before or "",
        entry.after or "",
        entry.note or "",
        entry.action,
    ]


def audit_csv(entries: Iterable[AuditEntry], language: Language) -> bytes:
    header = [t(language, f"governance.audit.column.{column}") for column in COLUMNS]
    return csv_bytes(header, (row(entry, language) for entry in entries), language)
