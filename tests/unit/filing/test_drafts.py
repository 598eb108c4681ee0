"""Validation of what a requester typed in the form."""

from __future__ import annotations

from bot.domain.models import Level, TicketType
from bot.filing.drafts import DESCRIPTION_MAX, TITLE_MAX, Draft, ValidDraft, validate


def _draft(**overrides: str | None) -> Draft:
    values: dict[str, str | None] = {
        "type": "incident",
        "title": "VPN drops",
        "description": "Every hour since Monday",
        "impact": "low",
        "urgency": "high",
    }
    values.update(overrides)
    return Draft(**values)


def test_valid_draft() -> None:
    result = validate(_draft(title="  VPN   drops \n"))
    assert result == ValidDraft(
        TicketType.INCIDENT, "VPN drops", "Every hour since Monday", Level.LOW, Level.HIGH
    )


def test_everything_missing() -> None:
    result = validate(Draft(None, None, None, None, None))
    assert isinstance(result, dict)
    assert {k: e.key for k, e in result.items()} == {
        "type": "filing.error.type_missing",
        "title": "filing.error.title_missing",
        "impact": "filing.error.impact_missing",
        "urgency": "filing.error.urgency_missing",
    }


def test_blank_and_control_characters_only() -> None:
    result = validate(_draft(title=" \u0000\u0007 ", description="\u200b"))
    assert isinstance(result, dict)
    assert set(result) == {"title"}


def test_the_description_is_optional_the_title_says_it() -> None:
    result = validate(_draft(title="my VPN drops every hour", description=" \n "))
    assert isinstance(result, ValidDraft)
    assert result.description == "my VPN drops every hour"


def test_too_long() -> None:
    result = validate(_draft(title="x" * (TITLE_MAX + 1), description="y" * (DESCRIPTION_MAX + 5)))
    assert isinstance(result, dict)
    assert result["title"].key == "filing.error.title_too_long"
    assert result["title"].params == {"max": TITLE_MAX, "length": TITLE_MAX + 1}
    assert result["description"].params["length"] == DESCRIPTION_MAX + 5


def test_unknown_choices_are_errors_not_crashes() -> None:
    result = validate(_draft(type="outage", impact="huge", urgency="1"))
    assert isinstance(result, dict)
    assert set(result) == {"type", "impact", "urgency"}


def test_text_is_kept_as_written() -> None:
    text = "Écran noir 😱 <!channel> שלום\nligne 2"
    result = validate(_draft(description=text))
    assert isinstance(result, ValidDraft)
    assert result.description == text
