"""The catalogue's columns in the CSV export: which item a ticket was filed from, then one
column per field of the items the exported tickets come from (``Software licence · Seats``), so
a spreadsheet can sum seats or filter by software. No columns when no exported ticket came from
the catalogue: the export of a helpdesk without one is unchanged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.catalogue.answers import answer_text
from bot.domain.catalogue import CatalogueItem
from bot.domain.catalogue_request import CatalogueRequest
from bot.domain.models import Language
from bot.domain.spreadsheet import spreadsheet_number
from bot.locales.i18n import t


@dataclass(frozen=True)
class AnswerColumn:
    header: str
    item: str | None = None  # None: the column naming the item
    field: str | None = None


def catalogue_columns(
    requests: Sequence[CatalogueRequest | None],
    catalogue: Mapping[str, CatalogueItem],
    language: Language,
) -> list[AnswerColumn]:
    used = {request.item for request in requests if request is not None}
    items = [(item_id, item) for item_id, item in catalogue.items() if item_id in used]
    if not used:
        return []
    columns = [AnswerColumn(t(language, "catalogue.export.item"))]
    for item_id, item in items:
        name = item.name.in_language(language)
        columns += [
            AnswerColumn(f"{name} · {spec.label.in_language(language)}", item_id, field_id)
            for field_id, spec in item.fields.items()
        ]
    return columns


def catalogue_cells(
    request: CatalogueRequest | None,
    columns: Sequence[AnswerColumn],
    catalogue: Mapping[str, CatalogueItem],
    language: Language,
) -> list[str]:
    """The cells of one ticket under ``columns`` (plain text, not yet made formula-safe)."""
    item = catalogue.get(request.item) if request else None
    cells = []
    for column in columns:
        if request is None:
            cells.append("")
        elif column.item is None:
            cells.append(item.name.in_language(language) if item else request.item)
        elif column.item != request.item or item is None or column.field not in request.answers:
            cells.append("")
        else:
            spec = item.fields[str(column.field)]
            answer = request.answers[str(column.field)]
            if spec.type == "number" and isinstance(answer, int | float):
                cells.append(spreadsheet_number(answer, language))  # summable, in French too
            else:
                cells.append(answer_text(spec, answer, language, request))
    return cells
