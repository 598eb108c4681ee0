"""What a requester typed in the filing form, and its validation (field -> error)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from bot.domain.models import Level, TicketType

E = TypeVar("E", TicketType, Level)

TITLE_MAX = 150
DESCRIPTION_MAX = 2800


@dataclass(frozen=True)
class FieldError:
    """An error to show under a form field: an i18n key and its parameters."""

    key: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Draft:
    """The raw form: every value may be missing or wrong."""

    type: str | None
    title: str | None
    description: str | None
    impact: str | None
    urgency: str | None


@dataclass(frozen=True)
class ValidDraft:
    """A fileable ticket: the description is the title when the person wrote none."""

    type: TicketType
    title: str
    description: str
    impact: Level
    urgency: Level


def _clean(text: str | None) -> str:
    """Trim, drop control characters (but keep new lines and tabs)."""
    if not text:
        return ""
    kept = "".join(ch for ch in text if ch in "\n\t" or (ch.isprintable() or ch == " "))
    return kept.strip()


def _choice(enum: type[E], value: str | None) -> E | None:
    try:
        return enum(value) if value else None
    except ValueError:
        return None


def validate(draft: Draft) -> ValidDraft | dict[str, FieldError]:
    """A ``ValidDraft``, or the errors keyed by field name (the modal's block ids)."""
    errors: dict[str, FieldError] = {}
    ticket_type = _choice(TicketType, draft.type)
    impact = _choice(Level, draft.impact)
    urgency = _choice(Level, draft.urgency)
    title = " ".join(_clean(draft.title).split())
    description = _clean(draft.description)
    if ticket_type is None:
        errors["type"] = FieldError("filing.error.type_missing")
    if not title:
        errors["title"] = FieldError("filing.error.title_missing")
    elif len(title) > TITLE_MAX:
        errors["title"] = FieldError(
            "filing.error.title_too_long", {"max": TITLE_MAX, "length": len(title)}
        )
    if not description:  # optional: "/ticket my VPN drops every hour" says it all
        description = title
    if len(description) > DESCRIPTION_MAX:
        errors["description"] = FieldError(
            "filing.error.description_too_long",
            {"max": DESCRIPTION_MAX, "length": len(description)},
        )
    if impact is None:
        errors["impact"] = FieldError("filing.error.impact_missing")
    if urgency is None:
        errors["urgency"] = FieldError("filing.error.urgency_missing")
    if errors:
        return errors
    assert ticket_type is not None and impact is not None and urgency is not None
    return ValidDraft(ticket_type, title, description, impact, urgency)
