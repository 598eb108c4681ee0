"""The audit log as a CSV file (``/ticket audit``): one line per decision or refusal, headers,
actions, where each came from and why a refusal was refused in the reader's language
(``audit_actions.py``; the stored codes in the last three columns: action, origin, refusal),
times in UTC, people as Slack user ids, the separator of the reader's spreadsheet (``;`` in
French) and every cell safe from spreadsheet formulas (``bot/domain/spreadsheet.py``, as the
tickets' export)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC

from bot.domain.audit import AuditEntry, Outcome
from bot.domain.models import Language
from bot.domain.spreadsheet import csv_bytes
from bot.governance.audit_actions import action_name, refusal_note, split_note, surface_name
from bot.locales.i18n import t

COLUMNS = (
    "at", "actor", "outcome", "action", "ticket", "surface", "before", "after", "note", "code",
    "surface_code", "reason_code",
)  # fmt: skip


def row(entry: AuditEntry, language: Language) -> list[str]:
    """The cells of one line, in ``COLUMNS`` order."""
    refused = entry.outcome is Outcome.REFUSED and bool(entry.note)
    note = entry.note or ""
    return [
        entry.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        entry.actor,
        t(language, f"governance.audit.outcome.{entry.outcome.value}"),
        action_name(entry.action, language),
        entry.ticket_id or "",
        surface_name(entry.surface, language),
        entry.before or "",
        entry.after or "",
        refusal_note(note, language) if refused else note,  # a change's note is a person's
        entry.action,
        entry.surface,
        split_note(note)[0] if refused else "",
    ]


def audit_csv(entries: Iterable[AuditEntry], language: Language) -> bytes:
    header = [t(language, f"governance.audit.column.{column}") for column in COLUMNS]
    return csv_bytes(header, (row(entry, language) for entry in entries), language)
