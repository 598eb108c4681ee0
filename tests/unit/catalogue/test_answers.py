"""An item's answers: each kind of field checked again on the server, stored typed, read back
in the reader's language; and which item ``/ticket <text>`` is about."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.catalogue.answers import Raw, answer_text, check_answers, description_of
from bot.catalogue.matching import CatalogueMatcher
from bot.domain.catalogue import CatalogueItem
from bot.domain.catalogue_request import CatalogueRequest, FileRef
from bot.domain.models import Language

CATALOGUE = yaml.safe_load(
    (Path(__file__).parents[2] / "data" / "catalogue.yml").read_text(encoding="utf-8")
)["catalogue"]
ITEMS = {item_id: CatalogueItem.model_validate(raw) for item_id, raw in CATALOGUE.items()}
LICENCE = ITEMS["software_licence"]
LAPTOP = ITEMS["new_laptop"]


def _errors(item: CatalogueItem, raw: dict) -> dict[str, str]:
    checked = check_answers("x", item, raw)
    assert isinstance(checked, dict), checked
    return {field: error.key.rpartition(".")[2] for field, error in checked.items()}


def test_answers_are_stored_typed() -> None:
    raw: dict[str, Raw] = {
        "software": "acrobat",
        "seats": " 12 ",
        "cost_centre": "  44   10 ",
        "for_whom": [],
    }
    assert check_answers("software_licence", LICENCE, raw) == CatalogueRequest(
        "software_licence", {"software": "acrobat", "seats": 12, "cost_centre": "44 10"}
    )


@pytest.mark.parametrize(
    "seats,error",
    [
        ("0", "too_small"),
        ("21", "too_large"),
        ("2.5", "whole_number"),
        ("two", "not_a_number"),
        ("nan", "not_a_number"),
        ("1e400", "not_a_number"),
    ],
)
def test_numbers_are_checked_against_the_item(seats: str, error: str) -> None:
    raw = {"software": "visio", "seats": seats, "cost_centre": "1"}
    assert _errors(LICENCE, raw) == {"seats": error}


def test_forged_values_are_refused_field_by_field() -> None:
    raw = {
        "model": "gold_plated",
        "needed_by": "31/12/2026",
        "accessories": ["dock", "jetpack"],
        "returns_old": ["yes"],
    }
    assert _errors(LAPTOP, raw) == {
        "model": "unknown_option",
        "needed_by": "not_a_date",
        "accessories": "unknown_option",
    }
    people = {"software": "visio", "seats": "1", "cost_centre": "1", "for_whom": ["<!here>"]}
    assert _errors(LICENCE, people) == {"for_whom": "unknown_option"}


def test_required_fields_and_text_limits() -> None:
    assert _errors(LICENCE, {}) == {
        "software": "required",
        "seats": "required",
        "cost_centre": "required",
    }
    long = {"software": "visio", "seats": "1", "cost_centre": "x" * 151}
    assert _errors(LICENCE, long) == {"cost_centre": "too_long"}


def test_an_unticked_box_is_an_answer() -> None:
    raw = {"model": "standard", "needed_by": "2026-01-05"}
    checked = check_answers("new_laptop", LAPTOP, raw)
    assert isinstance(checked, CatalogueRequest)
    assert checked.answers == {"model": "standard", "needed_by": "2026-01-05", "returns_old": False}


def test_answers_read_in_each_language() -> None:
    request = CatalogueRequest(
        "new_laptop",
        {
            "model": "standard",
            "needed_by": "2026-01-05",
            "accessories": ["screen"],
            "returns_old": False,
        },
    )
    assert description_of(LAPTOP, request, Language.EN) == (
        "Model: Standard 14-inch\nNeeded by: 2026-01-05\nAccessories: Screen\n"
        "I will return the old one: no"
    )
    assert description_of(LAPTOP, request, Language.FR) == (
        "Modèle\u00a0: Standard 14 pouces\nPour le\u00a0: 05/01/2026\nAccessoires\u00a0: Écran\n"
        "Je rends l’ancien\u00a0: non"
    )
    assert answer_text(LICENCE.fields["seats"], 2.5, Language.EN) == "2.5"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("I need a Visio licence", "software_licence"),
        ("Il me faut une licence Acrobat", "software_licence"),
        ("mon ordinateur portable est trop vieux", "new_laptop"),
        ("new laptops for the interns", "new_laptop"),
        ("accès VPN pour un prestataire", "vpn_access"),
        ("the printer on floor 2 is jammed", None),
        ("please", None),
    ],
)
def test_the_closest_item(text: str, expected: str | None) -> None:
    assert CatalogueMatcher(ITEMS).closest(text) == expected


def test_only_the_files_answered_are_kept() -> None:
    bug = CatalogueItem.model_validate(
        {
            "name": {"fr": "Bogue", "en": "Bug"},
            "service": "app_dev",
            "fields": {
                "shots": {"type": "file", "label": {"fr": "F", "en": "F"}, "max_files": 1},
            },
        }
    )
    sent = [FileRef("F0A", "a.png", "https://x/a"), FileRef("F0B", "b.png", "https://x/b")]
    checked = check_answers("bug", bug, {"shots": ["F0A"]}, sent)
    assert isinstance(checked, CatalogueRequest) and checked.files == (sent[0],)
    assert answer_text(bug.fields["shots"], ["F0A"], Language.EN, checked) == "a.png (https://x/a)"
    assert _errors(bug, {"shots": ["F0A", "F0B"]}) == {"shots": "too_many_files"}
    assert _errors(bug, {"shots": ["../etc/passwd"]}) == {"shots": "unknown_option"}
