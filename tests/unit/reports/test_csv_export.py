"""The CSV export: header, one row per ticket, safe cells, UTF-8 with BOM."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest

from bot.domain.config import load_services_config
from bot.domain.models import Language
from bot.domain.spreadsheet import FORMULA_STARTS, safe_cell
from bot.domain.stats import TicketFacts
from bot.reports.csv_export import COLUMNS, tickets_csv
from tests.report_dataset import LINKS, NOW, tickets

CONFIG = load_services_config(Path(__file__).parent.parent.parent / "data" / "services.yml")


def _rows(content: bytes, delimiter: str = ",") -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    text = io.StringIO(content.decode("utf-8-sig"), newline="")
    return list(csv.reader(text, delimiter=delimiter))


@pytest.mark.parametrize(
    "value,shown",
    [
        ("=1+1", "'=1+1"),
        ("+33 6 12", "'+33 6 12"),
        ("-2", "-2"),  # a negative number stays a number (summable)
        ("-2,5", "-2,5"),
        ("-2+3", "'-2+3"),  # a formula
        ("-A1", "'-A1"),
        ("-2\n=1+1", "'-2\n=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("VPN = down", "VPN = down"),
        (
            'Printer;=HYPERLINK("https://evil.example/x","Open")',
            'Printer;\'=HYPERLINK("https://evil.example/x","Open")',
        ),
        ("a, +1; @x", "a,' +1;' @x"),
        ("", ""),
    ],
)
def test_formula_cells_are_shown_as_text(value: str, shown: str) -> None:
    assert safe_cell(value) == shown


def test_header_and_one_row_per_ticket() -> None:
    facts = [TicketFacts.of(t, problem_id=LINKS.get(t.id)) for t in tickets()]
    content = tickets_csv(facts, NOW, CONFIG, Language.EN)
    assert b"\r\n" in content
    rows = _rows(content)
    assert rows[0] == [
        "ID",
        "Type",
        "Title",
        "Service",
        "Priority",
        "Status",
        "Requester",
        "Assignee",
        "Created (UTC)",
        "First response (UTC)",
        "Resolved (UTC)",
        "SLA breached",
        "Satisfaction",
        "Problem ID",
        "Response due (UTC)",
        "Response target met",
        "Resolution due (UTC)",
        "Resolution target met",
        "Merged into",
    ]
    assert len(rows[0]) == len(COLUMNS)
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert list(by_id) == [t.id for t in tickets()]
    first = by_id["INC-1"]
    assert first["Title"].startswith("'=HYPERLINK(")  # never a formula
    assert first["Created (UTC)"] == "2026-01-01 10:00"
    assert first["First response (UTC)"] == "2026-01-01 10:30"
    assert first["Resolved (UTC)"] == "2026-01-01 15:00"
    assert first["Satisfaction"] == "5" and first["SLA breached"] == "no"
    assert first["Service"] == "Service desk" and first["Status"] == "Closed"
    assert by_id["INC-2"]["Problem ID"] == "PRB-1" and by_id["INC-2"]["SLA breached"] == "response"
    assert by_id["INC-2"]["Title"] == "Écran noir, « urgent »"  # accents survive
    assert by_id["INC-4"]["SLA breached"] == "response and resolution"
    assert by_id["INC-4"]["Assignee"] == "" and by_id["INC-4"]["First response (UTC)"] == ""
    cancelled = by_id["INF-1"]
    assert cancelled["SLA breached"] == cancelled["Resolved (UTC)"] == ""
    assert cancelled["First response (UTC)"] == ""
    assert cancelled["Response target met"] == cancelled["Resolution target met"] == ""
    # The due times and whether each was met agree with the breach column.
    assert first["Response target met"] == first["Resolution target met"] == "yes"
    assert by_id["INC-2"]["Response target met"] == "no"
    assert by_id["INC-4"]["Response target met"] == by_id["INC-4"]["Resolution target met"] == "no"
    for row in by_id.values():
        if row["Response target met"]:
            assert row["Response due (UTC)"], row


def test_french_headers_and_names() -> None:
    facts = [TicketFacts.of(t) for t in tickets()[:2]]
    rows = _rows(tickets_csv(facts, NOW, CONFIG, Language.FR), ";")  # French Excel's separator
    assert rows[0][:3] == ["Numéro", "Type", "Titre"]
    assert rows[1][3] == "Centre de support" and rows[1][5] == "Clos"
    assert rows[2][11] == "réponse"


def test_no_tickets_is_a_header_alone() -> None:
    assert len(_rows(tickets_csv([], NOW, CONFIG, Language.EN))) == 1


HOSTILE_TITLES = [
    'Printer;=HYPERLINK("https://evil.example/x","Open")',
    "Screen,=cmd|' /C calc'!A0",
    'Quote"=1+1',
    "Spaced; -2+3",
    "Tab,\t=1",
    "@SUM(1)",
]


@pytest.mark.parametrize("language", [Language.FR, Language.EN])
def test_no_cell_starts_with_a_trigger_whichever_separator_reads_it(language: Language) -> None:
    facts = [
        replace(TicketFacts.of(ticket), title=title)
        for ticket, title in zip(tickets(), HOSTILE_TITLES, strict=False)
    ]
    content = tickets_csv(facts, NOW, CONFIG, language)
    expected = {Language.FR: ";", Language.EN: ","}[language]
    assert _rows(content, expected)[1][2] == safe_cell(HOSTILE_TITLES[0])  # read as written
    text = content.decode("utf-8-sig")
    for delimiter in (";", ","):
        for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_NONE):  # a careless import ignores quotes
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quoting=quoting)
            for row in reader:
                for cell in row:
                    assert not cell.lstrip(" ").startswith(FORMULA_STARTS), (delimiter, cell)
