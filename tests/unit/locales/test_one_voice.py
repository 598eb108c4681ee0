"""The French texts speak with one voice: « vous » to everyone, the reader's gender unknown, the
words Slack's own French interface uses, French apostrophes. Each rule here was broken somewhere
before it was written down (« Êtes-vous satisfait », « message privé » beside « message
direct ») or is one a text copied from an English draft breaks first."""

from __future__ import annotations

import re

import pytest

from bot.domain.models import Language
from bot.locales.i18n import MESSAGES
from bot.locales.plurals import Plural


def _french() -> list[tuple[str, str]]:
    texts = []
    for key, both in MESSAGES.items():
        french = both[Language.FR]
        for variant in french.variants() if isinstance(french, Plural) else (french,):
            texts.append((key, variant))
    return texts


RULES = {
    "a straight apostrophe (French writes ’)": re.compile(r"\w'\w"),
    "« tu » (French texts say « vous »)": re.compile(
        r"(?i)(?<![\w’-])(?:tu|toi|ton|ta|tes|t’)(?![\w-])"
    ),
    "« message privé » (Slack’s French interface says « message direct »)": re.compile(
        r"(?i)messages? privés?"
    ),
    "the reader agreed in the masculine (« Êtes-vous satisfait », « je suis bloqué »)": re.compile(
        r"(?i)\b(?:êtes-vous|vous êtes|je suis|vous a(?: pas)?|vous avez été)\s+(?:\w+\s+)?"
        r"(?:satisfaite?|bloquée?|aidée?|prévenue?|invitée?|sûre?|connectée?|perdue?)\b"
    ),
    "an abbreviation of spoken French (« infos », « ça »)": re.compile(r"(?i)\b(?:infos?|ça)\b"),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_no_french_text_breaks(rule: str) -> None:
    broken = [(key, text) for key, text in _french() if RULES[rule].search(text)]
    assert not broken, f"{rule}: {broken}"


@pytest.mark.parametrize(
    "text",
    [
        "Êtes-vous satisfait de l’aide reçue ?",
        "Je suis bloqué, rien n’avance",
        "Si ma réponse ne vous a pas aidé, ouvrez un ticket",
        "La suite se passe en message privé.",
        "Ajouter des infos",
        "Ça répond à ma question",
        "Tu peux l'ouvrir",
    ],
)
def test_each_rule_catches_what_it_names(text: str) -> None:
    assert any(rule.search(text) for rule in RULES.values()), text
