"""The CSV export of tickets: one header line, then one row per ticket.

Made for a spreadsheet: UTF-8 with a byte order mark (so Excel reads accents right), the list
separator the reader's spreadsheet expects (``;`` in French, where Excel opens a comma file in one
column; ``,`` in English) and CRLF line ends (RFC 4180), headers and names in the reader's
language, times in UTC as ``YYYY-MM-DD HH:MM``, people as Slack user ids.

A cell a spreadsheet would take for a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) is prefixed with ``'`` so it is shown as text, never run (CSV/formula
injection). So is a trigger that follows, inside the text, either separator or a quote: a
spreadsheet set to the other separator (or a careless import) splits the cell there, and
``Printer;=HYPERLINK(...)`` would become a live formula in the next column. Tickets filed from
the catalogue add its columns (``bot/catalogue/export.py``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import UTC, datetime

from bot.catalogue.export import catalogue_cells, catalogue_columns
from bot.domain import stats
from bot.domain.config import ServicesConfig
from bot.domain.models import Language
from bot.domain.spreadsheet import BOM, SEPARATORS, safe_cell
from bot.domain.stats import TicketFacts
from bot.locales.i18n import status_name, t, type_name

COLUMNS = (
    "id",
    "type",
    "title",
    "service",
    "priority",
    "status",
    "requester",
    "assignee",
    "created",
    "first_response",
    "resolved",
    "sla_breached",
    "satisfaction",
    "problem",
    # Added with business calendars, after the others so existing columns keep their place.
    "response_due",
    "response_met",
    "resolution_due",
    "resolution_met",
    # A duplicate merged into another ticket: the ticket it went into. Its clocks stopped at the
    # merge, which is nobody's response nor resolution: its times and targets are left empty,
    # as for a cancelled ticket, and the figures of /ticket stats count it in nothing.
    "merged_into",
)


def _moment(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if value else ""


def _breach(facts: TicketFacts, now: datetime, language: Language) -> str:
    missed = stats.breach(facts, now)
    if missed is None:
        return ""
    if missed.response and missed.resolution:
        return t(language, "reports.export.breach_both")
    if missed.response:
        return t(language, "reports.export.breach_response")
    if missed.resolution:
        return t(language, "reports.export.breach_resolution")
    return t(language, "reports.export.breach_none")


def _met(due: datetime | None, done: datetime | None, now: datetime, language: Language) -> str:
    """Whether a clock met its target: ``yes`` / ``no``, or empty while it may still."""
    if due is None:
        return ""
    if done is None:
        return t(language, "reports.export.met_no") if now > due else ""
    return t(language, "reports.export.met_yes" if done <= due else "reports.export.met_no")


def row(facts: TicketFacts, now: datetime, config: ServicesConfig, language: Language) -> list[str]:
    """The cells of one ticket, in ``COLUMNS`` order (not yet made safe)."""
    live = not facts.cancelled and facts.merged_into is None
    responded = facts.responded_at if live else None
    resolved = facts.resolved_at if live and facts.status in stats.RESOLVED_STATUSES else None
    # The resolution clock of a ticket waiting on its requester stands where it paused.
    paused = facts.paused_at if facts.is_open and facts.paused_at else now
    return [
        facts.id,
        type_name(language, facts.type),
        facts.title,
        config.service_name(facts.service, language),
        facts.priority.value,
        status_name(language, facts.status, facts.awaiting_approval),
        facts.requester,
        facts.assignee or "",
        _moment(facts.created_at),
        _moment(responded),
        _moment(resolved),
        _breach(facts, now, language) if live else "",
        "" if facts.satisfaction is None else str(facts.satisfaction),
        facts.problem_id or "",
        _moment(facts.response_due),
        _met(facts.response_due, responded, now, language) if live else "",
        _moment(facts.resolution_due),
        _met(facts.resolution_due, resolved, paused, language) if live else "",
        facts.merged_into or "",
    ]


def tickets_csv(
    tickets: Iterable[TicketFacts], now: datetime, config: ServicesConfig, language: Language
) -> bytes:
    """The CSV file (bytes, UTF-8 with BOM) of ``tickets``, SLA breaches as of ``now``, with
    the separator of ``language``'s spreadsheets."""
    tickets = list(tickets)
    extra = catalogue_columns([f.request for f in tickets], config.catalogue, language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATORS[language], lineterminator="\r\n")
    headers = [t(language, f"reports.export.column.{column}") for column in COLUMNS]
    writer.writerow(headers + [safe_cell(column.header) for column in extra])
    for facts in tickets:
        cells = row(facts, now, config, language)
        cells += catalogue_cells(facts.request, extra, config.catalogue, language)
        writer.writerow([safe_cell(cell) for cell in cells])
    return (BOM + buffer.getvalue()).encode("utf-8")
