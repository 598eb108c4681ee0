"""An item's form as answered: each field's raw value checked against the item, then stored
as typed answers (``CatalogueRequest``), and read back as text in a reader's language.

The raw values are what the handlers flattened from Slack's form (text, option ids, user and
channel ids, a date); Slack checks some limits in the browser (a number's min and max), but a
submission is never trusted: every limit is checked again here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from babel.numbers import format_decimal

from bot.domain.catalogue import CatalogueField, CatalogueItem
from bot.domain.catalogue_request import Answer, CatalogueRequest, FileRef
from bot.domain.models import Language
from bot.filing.drafts import FieldError
from bot.locales.i18n import date_text, t
from bot.locales.plurals import LOCALES

Raw = str | list[str] | None
USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,}$")
FILE_ID = re.compile(r"^F[A-Z0-9]{2,}$")
CHECKED = "yes"  # the value of a checkbox field's single option


def _clean(text: str) -> str:
    return "".join(ch for ch in text if ch in "\n\t" or ch.isprintable()).strip()


def _number(spec: CatalogueField, raw: str) -> Answer | FieldError:
    try:
        value = float(re.sub(r"[ \u00a0\u202f]", "", raw).replace(",", "."))
    except ValueError:
        return FieldError("catalogue.error.not_a_number")
    if value != value or value in (float("inf"), float("-inf")):
        return FieldError("catalogue.error.not_a_number")
    if not spec.decimals and not value.is_integer():
        return FieldError("catalogue.error.whole_number")
    if spec.min is not None and value < spec.min:
        return FieldError("catalogue.error.too_small", {"min": float(spec.min)})
    if spec.max is not None and value > spec.max:
        return FieldError("catalogue.error.too_large", {"max": float(spec.max)})
    return value if spec.decimals else int(value)


def _one(spec: CatalogueField, raw: Raw) -> Answer | FieldError | None:
    """The answer to one field, ``None`` when unanswered, or what is wrong with it."""
    items = [v for v in raw if v] if isinstance(raw, list) else []
    text = _clean(raw) if isinstance(raw, str) else ""
    if spec.type == "checkbox":
        return CHECKED in items
    if spec.type in ("short_text", "long_text"):
        if spec.type == "short_text":
            text = " ".join(text.split())
        if len(text) > spec.text_limit:
            return FieldError(
                "catalogue.error.too_long", {"max": spec.text_limit, "length": len(text)}
            )
        return text or None
    if spec.type == "number":
        return _number(spec, text) if text else None
    if spec.type == "date":
        if not text:
            return None
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return FieldError("catalogue.error.not_a_date")
    if spec.type == "select":
        if not text:
            return None
        return text if text in spec.options else FieldError("catalogue.error.unknown_option")
    if spec.type == "multi_select":
        if any(item not in spec.options for item in items):
            return FieldError("catalogue.error.unknown_option")
        return items or None
    if spec.type == "file" and len(items) > spec.files_limit:
        return FieldError("catalogue.error.too_many_files", {"max": spec.files_limit})
    pattern = {"users": USER_ID, "channels": CHANNEL_ID, "file": FILE_ID}[spec.type]
    if any(not pattern.match(item) for item in items):
        return FieldError("catalogue.error.unknown_option")
    return items or None


def check_answers(
    item_id: str, item: CatalogueItem, raw: Mapping[str, Raw], files: Sequence[FileRef] = ()
) -> CatalogueRequest | dict[str, FieldError]:
    """The request, or the errors keyed by field id (shown under each field). ``files``: what
    Slack said of the files uploaded (their names and links), kept for those answered."""
    answers: dict[str, Answer] = {}
    errors: dict[str, FieldError] = {}
    for field_id, spec in item.fields.items():
        answer = _one(spec, raw.get(field_id))
        if isinstance(answer, FieldError):
            errors[field_id] = answer
        elif answer is None or answer == []:
            if spec.required:
                errors[field_id] = FieldError("catalogue.error.required")
        else:
            answers[field_id] = answer
    if errors:
        return errors
    attached = {
        file_id
        for field_id, spec in item.fields.items()
        if spec.type == "file"
        for file_id in answers.get(field_id) or []  # type: ignore[union-attr]
    }
    kept = tuple(ref for ref in files if ref.id in attached)
    return CatalogueRequest(item=item_id, answers=answers, files=kept)


def answer_text(
    spec: CatalogueField,
    answer: Answer,
    language: Language,
    request: CatalogueRequest | None = None,
) -> str:
    """An answer as plain text in ``language`` (option labels, a date as people write it, a
    file's name and link; user and channel ids as they are: the surfaces that can mention them
    do)."""
    if isinstance(answer, bool):
        return t(language, "catalogue.answer.yes" if answer else "catalogue.answer.no")
    if spec.type in ("select", "multi_select"):
        chosen = answer if isinstance(answer, list) else [str(answer)]
        return ", ".join(
            spec.options[o].in_language(language) if o in spec.options else o for o in chosen
        )
    if spec.type == "file" and isinstance(answer, list) and request is not None:
        refs = [request.file(file_id) for file_id in answer]
        return ", ".join(f"{r.name} ({r.permalink})" if r else "" for r in refs).strip(", ")
    if isinstance(answer, list):
        return ", ".join(answer)
    if spec.type == "date":
        try:
            return date_text(language, date.fromisoformat(str(answer)))
        except ValueError:
            return str(answer)
    if isinstance(answer, float):
        # as the reader writes it, every digit kept: « 1 234 567,89 », not « 1.23457e+06 »
        return format_decimal(answer, locale=LOCALES[language], decimal_quantization=False)
    return str(answer)


def labelled_answers(
    item: CatalogueItem, request: CatalogueRequest, language: Language
) -> list[tuple[str, CatalogueField, Answer]]:
    """The answered fields in the item's order: (label in ``language``, field, answer)."""
    return [
        (spec.label.in_language(language), spec, request.answers[field_id])
        for field_id, spec in item.fields.items()
        if field_id in request.answers
    ]


def description_of(item: CatalogueItem, request: CatalogueRequest, language: Language) -> str:
    """The ticket's description: one line per answer, so every surface that reads a ticket's
    text (similarity, the relay, the Home tab) reads the request too."""
    lines = [
        t(
            language,
            "catalogue.answers.plain",
            label=label,
            value=answer_text(spec, answer, language),
        )
        for label, spec, answer in labelled_answers(item, request, language)
    ]
    if lines:
        return "\n".join(lines)
    return (
        item.description.in_language(language)
        if item.description
        else item.name.in_language(language)
    )
