"""French typography: a non-breaking space before « : ; ? ! » and inside « », applied to the
French texts once when they are collected; what people typed, put into a text, is left alone."""

from __future__ import annotations

import importlib
import pkgutil
import re

from bot import locales
from bot.domain.models import Language
from bot.locales.i18n import MESSAGES, NO_BREAK_SPACE, NOT_TEXTS, Text, french_spacing, t
from bot.locales.plurals import Plural

ORDINARY_SPACE_BEFORE = re.compile(r" (?=[:;?!»])(?!:[a-z0-9_+-]+:)|« ")
DOUBLED = re.compile(r"(?<!\n) [ \u00a0\u202f]|[\u00a0\u202f] ")
"""Two spaces in a row inside a line (an indent at a line's start is the CLI's layout)."""


def raw_texts() -> dict[str, dict[Language, Text]]:
    """The texts as the locale files hold them, before the loader spaces the French ones."""
    texts: dict[str, dict[Language, Text]] = {}
    for info in pkgutil.iter_modules(locales.__path__):
        if info.name not in NOT_TEXTS:
            texts.update(importlib.import_module(f"bot.locales.{info.name}").TEXTS)
    return texts


def test_the_spaces_french_punctuation_wants_do_not_break() -> None:
    nb = NO_BREAK_SPACE
    assert french_spacing("Statut : ouvert ; « VPN » ? Oui !") == (
        f"Statut{nb}: ouvert{nb}; «{nb}VPN{nb}»{nb}? Oui{nb}!"
    )


def test_an_emoji_code_and_text_without_spaces_are_left_alone() -> None:
    assert french_spacing("Fait :white_check_mark: à 10:30, voir https://x.fr/?a=1") == (
        "Fait :white_check_mark: à 10:30, voir https://x.fr/?a=1"
    )


def test_every_french_text_is_spaced_plurals_too() -> None:
    for key, texts in MESSAGES.items():
        french = texts[Language.FR]
        for variant in french.variants() if isinstance(french, Plural) else (french,):
            assert not ORDINARY_SPACE_BEFORE.search(variant), (key, variant)


def test_what_people_typed_keeps_its_spaces() -> None:
    values = {"ticket_id": "INC-1", "priority": "P2", "service": "Desk", "channel": "#desk"}
    text = t(Language.FR, "filing.dm.filed_late", title="VPN : ko ?", **values)
    assert f"«{NO_BREAK_SPACE}VPN : ko ?{NO_BREAK_SPACE}»" in text


def test_english_is_untouched() -> None:
    assert t(Language.EN, "filing.modal.suggested_no_reason", service="X") == "Likely team: *X*"


def test_the_locale_files_are_typed_with_ordinary_spaces() -> None:
    """The loader adds every non-breaking space: one typed in a file as well would be the only
    one a reader cannot see in review, and a text typed both ways would differ for nothing."""
    for key, texts in raw_texts().items():
        for language, text in texts.items():
            for variant in text.variants() if isinstance(text, Plural) else (text,):
                assert "\u00a0" not in variant and "\u202f" not in variant, (key, language)


def test_no_space_is_doubled() -> None:
    for key, texts in MESSAGES.items():
        for language, text in texts.items():
            for variant in text.variants() if isinstance(text, Plural) else (text,):
                assert not DOUBLED.search(variant.strip(" ")), (key, language, variant)
