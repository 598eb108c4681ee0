"""What every CSV Guichet sends shares: UTF-8 with a byte order mark (Excel reads accents right),
the list separator of the reader's spreadsheet (``;`` in French, where Excel opens a comma file
in one column; ``,`` in English), and cells a spreadsheet would take for a formula shown as
text instead (CSV/formula injection): a cell starting with a trigger, and a trigger that
follows, inside the text, either separator (``,`` or ``;``) or a quote, where a spreadsheet set
to the other separator would split the cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from bot.domain.models import Language

BOM = "\ufeff"
SEPARATORS = {Language.FR: ";", Language.EN: ","}
"""The list separator each language's spreadsheets split a line at."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SPLIT_TRIGGER = re.compile(r'([,;"])([ \t]*)(?=[=+\-@\t\r])')
"""A separator (either) or a quote, then spaces, just before a formula trigger."""


_NEGATIVE_NUMBER = re.compile(r"-\d+(?:[.,]\d+)?")
"""A negative number and nothing else (``-3``, ``-2,5``): a number to a spreadsheet, never a
formula, so it stays one (summable) where ``-2+3`` or ``-A1`` are shown as text."""


def safe_cell(value: str) -> str:
    """``value`` as a spreadsheet shows it, never as a formula, however it splits the line."""
    if _NEGATIVE_NUMBER.fullmatch(value):
        return value
    value = _SPLIT_TRIGGER.sub(r"\1'\2", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def spreadsheet_number(value: int | float, language: Language) -> str:
    """A number as ``language``'s spreadsheet reads it as one: every digit, no grouping, no
    exponent, the decimal mark of the language (French Excel reads ``2.5`` as the 2nd of May
    and ``1.23457e+06`` as text)."""
    if isinstance(value, int):
        return str(value)
    plain = format(Decimal(repr(value)).normalize(), "f")
    return plain.replace(".", ",") if language is Language.FR else plain


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]], language: Language) -> bytes:
    """A whole CSV file (RFC 4180 quoting, CRLF) with ``language``'s separator, every cell made
    safe."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=SEPARATORS[language], lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")
