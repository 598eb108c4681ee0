"""The audit log's CSV: headers in the reader's language, UTC times, formulas shown as text."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta, timezone

from bot.domain.audit import AuditEntry, Outcome
from bot.domain.models import Language
from bot.governance.audit_csv import audit_csv


def test_lines_are_read_back_as_written_and_never_as_formulas() -> None:
    paris = timezone(timedelta(hours=1))
    entries = [
        AuditEntry(
            id="a1",
            at=datetime(2026, 3, 2, 10, 30, tzinfo=paris),
            actor="U0AGENT",
            action="status",
            outcome=Outcome.DONE,
            surface="block_actions:ticket_status",
            ticket_id="INC-7",
            before="new",
            after='=HYPERLINK("http://evil")',
        ),
        AuditEntry(
            id="a2",
            at=datetime(2026, 3, 2, 11, 0, tzinfo=UTC),
            actor="U0OUT",
            action="ticket_claim",
            outcome=Outcome.REFUSED,
        ),
    ]
    data = audit_csv(entries, Language.FR)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        "date (UTC)", "personne", "issue", "action", "ticket", "depuis", "avant", "après", "note"
    ]  # fmt: skip
    assert rows[1] == [
        "2026-03-02 09:30:00",
        "U0AGENT",
        "fait",
        "status",
        "INC-7",
        "block_actions:ticket_status",
        "new",
        '\'=HYPERLINK("http://evil")',
        "",
    ]
    assert rows[2][:5] == ["2026-03-02 11:00:00", "U0OUT", "refusé", "ticket_claim", ""]
    assert rows[2][5] == "system"
