"""A number field with decimals, read back: as the reader writes numbers on a card, and as
their spreadsheet reads a number in the export (French Excel took ``2.5`` for the 2nd of May,
and ``1.23457e+06`` lost digits everywhere)."""

from __future__ import annotations

import csv
import io

import pytest

from bot.catalogue.answers import answer_text, check_answers
from bot.catalogue.export import catalogue_cells, catalogue_columns
from bot.domain.catalogue import CatalogueItem
from bot.domain.catalogue_request import CatalogueRequest
from bot.domain.models import Language
from bot.domain.spreadsheet import csv_bytes, spreadsheet_number
from bot.locales.i18n import t
from handlers.catalogue.submission import written

BUDGET = CatalogueItem.model_validate(
    {
        "name": {"fr": "Achat", "en": "Purchase"},
        "service": "internal_it",
        "fields": {
            "amount": {
                "type": "number",
                "label": {"fr": "Montant (€)", "en": "Amount (€)"},
                "decimals": True,
            },
            "seats": {"type": "number", "label": {"fr": "Postes", "en": "Seats"}},
        },
    }
)
CATALOGUE = {"purchase": BUDGET}


def _stored(amount: str) -> CatalogueRequest:
    checked = check_answers("purchase", BUDGET, {"amount": amount, "seats": "3"})
    assert isinstance(checked, CatalogueRequest), checked
    return checked


@pytest.mark.parametrize(
    "typed,language,shown",
    [
        ("2,5", Language.FR, "2,5"),
        ("2.5", Language.EN, "2.5"),
        ("1\u00a0234\u00a0567,89", Language.FR, "1\u202f234\u202f567,89"),  # pasted from Excel
        ("1234567.89", Language.EN, "1,234,567.89"),
        ("0,0005", Language.FR, "0,0005"),
    ],
)
def test_a_decimal_answer_reads_as_the_reader_writes_numbers(
    typed: str, language: Language, shown: str
) -> None:
    request = _stored(typed)
    assert answer_text(BUDGET.fields["amount"], request.answers["amount"], language) == shown


@pytest.mark.parametrize(
    "language,amount,seats",
    [(Language.FR, "1234567,89", "3"), (Language.EN, "1234567.89", "3")],
)
def test_the_export_gives_the_spreadsheet_numbers_it_can_sum(
    language: Language, amount: str, seats: str
) -> None:
    request = _stored("1234567,89")
    columns = catalogue_columns([request], CATALOGUE, language)
    cells = catalogue_cells(request, columns, CATALOGUE, language)
    content = csv_bytes([c.header for c in columns], [cells], language)
    separator = ";" if language is Language.FR else ","
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=separator))
    assert rows[1] == [BUDGET.name.in_language(language), amount, seats]


def test_spreadsheet_numbers_have_no_exponent_and_no_grouping() -> None:
    assert spreadsheet_number(1e20, Language.FR) == "100000000000000000000"
    assert spreadsheet_number(100.0, Language.EN) == "100"
    assert spreadsheet_number(-3.25, Language.FR) == "-3,25"
    assert spreadsheet_number(12, Language.FR) == "12"


@pytest.mark.parametrize(
    ("typed", "language", "said"),
    [
        ("0,2", Language.FR, "Le minimum est 0,5."),
        ("0.2", Language.EN, "The minimum is 0.5."),
        ("20000", Language.FR, "Le maximum est 12\u202f500,75."),
        ("20000", Language.EN, "The maximum is 12,500.75."),
    ],
)
def test_a_limit_is_written_as_the_reader_writes_numbers(
    typed: str, language: Language, said: str
) -> None:
    """« Le minimum est 0.5. » read to a French requester (the limits were ``f"{x:g}"``)."""
    item = CatalogueItem.model_validate(
        {
            "name": {"fr": "Achat", "en": "Purchase"},
            "service": "internal_it",
            "fields": {
                "amount": {
                    "type": "number",
                    "label": {"fr": "Montant (€)", "en": "Amount (€)"},
                    "decimals": True,
                    "min": 0.5,
                    "max": 12500.75,
                }
            },
        }
    )
    checked = check_answers("purchase", item, {"amount": typed})
    assert isinstance(checked, dict)
    (error,) = checked.values()
    assert t(language, error.key, **written(language, error.params)) == said
