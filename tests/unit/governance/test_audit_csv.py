"""The audit log's CSV: headers in the reader's language, its spreadsheet's separator, UTC times,
formulas shown as text."""

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
    # French spreadsheets split at « ; » (Excel opens a comma file in one column), as the export
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
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


def test_an_english_reader_gets_commas_and_a_title_with_separators_stays_one_cell() -> None:
    entry = AuditEntry(
        id="a3",
        at=datetime(2026, 3, 2, 11, 0, tzinfo=UTC),
        actor="U0AGENT",
        action="edited",
        outcome=Outcome.DONE,
        ticket_id="INC-8",
        after='Printer; "jammed", floor 2',
    )
    english = audit_csv([entry], Language.EN).decode("utf-8-sig")
    assert english.splitlines()[0].startswith("time (UTC),person,")
    (row,) = list(csv.reader(io.StringIO(english)))[1:]
    assert row[7] == 'Printer; "jammed", floor 2'
    french = audit_csv([entry], Language.FR).decode("utf-8-sig")
    (row,) = list(csv.reader(io.StringIO(french), delimiter=";"))[1:]
    assert row[7] == 'Printer; "jammed", floor 2' and len(row) == 9
