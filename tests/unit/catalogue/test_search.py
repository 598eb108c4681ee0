"""The catalogue's search as people type: folded words in both languages, every typed word the
start of a word of the item, names first, the services file's order, within the limit."""

from __future__ import annotations

from bot.catalogue.search import CatalogueSearch
from bot.domain.catalogue import CatalogueItem


def _item(fr: str, en: str, keywords: list[str] | None = None, about: str = "") -> CatalogueItem:
    raw: dict = {
        "name": {"fr": fr, "en": en},
        "service": "it",
        "keywords": keywords or [],
        "fields": {"x": {"type": "short_text", "label": {"fr": "X", "en": "X"}}},
    }
    if about:
        raw["description"] = {"fr": about, "en": about}
    return CatalogueItem.model_validate(raw)


SEARCH = CatalogueSearch(
    {
        "vpn": _item("Accès VPN", "VPN access", about="Travailler depuis un écran à la maison"),
        "screen": _item("Écran", "Screen", ["monitor"]),
        "laptop": _item("Ordinateur portable", "Laptop"),
    }
)


def test_nothing_typed_finds_everything_in_order() -> None:
    assert SEARCH.find("", 10) == ["vpn", "screen", "laptop"]
    assert SEARCH.find("", 2) == ["vpn", "screen"]


def test_folded_prefixes_in_both_languages_names_first() -> None:
    assert SEARCH.find("ÉCR", 10) == ["screen", "vpn"]  # vpn only by its description
    assert SEARCH.find("ordi port", 10) == ["laptop"]
    assert SEARCH.find("monit", 10) == ["screen"]  # a keyword
    assert SEARCH.find("laptop vpn", 10) == []  # every word must be found
