"""Text folding, tokens and stems (bot.domain.text)."""

from __future__ import annotations

import pytest

from bot.domain import text
from bot.domain.text import Tokenized, fold, stem, tokens, words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("HAMEÇONNAGE", "hameconnage"),
        ("L’accès au «réseau» d'Île-de-France", "l acces au reseau d ile de france"),
        ("  Mot   de\tpasse\n oublié !!! ", "mot de passe oublie"),
        ("Cœur / Æther – straße", "coeur aether strasse"),
        ("srv_fichiers:8443 (v2.1)", "srv fichiers 8443 v2 1"),
        ("He said \u201cit's down\u201d\u2026", "he said it s down"),
        ("e\u0301cran", "ecran"),  # decomposed accent
        ("", ""),
        ("?!…", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert words(text) == folded.split()


def test_tokens_point_back_at_the_original_text() -> None:
    text = "Le PARE-FEU d’Orléans ½"
    found = tokens(text)
    assert [t.word for t in found] == ["le", "pare", "feu", "d", "orleans", "1", "2"]
    assert [text[t.start : t.end] for t in found] == ["Le", "PARE", "FEU", "d", "Orléans", "½", "½"]
    tokenized = Tokenized(text)
    assert tokenized.words == [t.word for t in found]
    assert tokenized.quote(1, 2) == "pare-feu"
    assert tokenized.quote(3, 4) == "d’orléans"


@pytest.mark.parametrize(
    ("forms", "why"),
    [
        (("imprimante", "imprimantes", "imprimer"), "French plural and verb"),
        (("reseau", "reseaux"), "French -aux plural"),
        (("server", "servers"), "English plural (French Snowball alone cuts 'server' to 'serv')"),
        (("switch", "switches"), "English -es plural"),
        (("policy", "policies"), "English -ies plural"),
        (("print", "printing"), "English -ing"),
        (("drop", "dropped", "dropping"), "English -ed/-ing with a doubled consonant"),
        (("batterie", "battery"), "the two languages' spellings meet"),
    ],
)
def test_stem_brings_forms_of_both_languages_together(forms: tuple[str, ...], why: str) -> None:
    assert len({stem(form) for form in forms}) == 1, why


@pytest.mark.parametrize(
    ("a", "b"),
    [("printer", "network"), ("panne", "pane"), ("compte", "comptabilite"), ("serveur", "service")],
)
def test_stem_keeps_different_words_apart(a: str, b: str) -> None:
    assert stem(a) != stem(b)


def test_a_number_is_its_own_stem_and_stays_out_of_the_cache() -> None:
    """As both stemmers leave it (checked on every seventh number below 100,000), without running
    them or taking a place among the cached stems of words."""
    for number in (str(n) for n in range(0, 100_000, 7)):
        assert text._FRENCH.stemWord(text._ENGLISH.stemWord(number)) == number
    before = text._stem.cache_info().currsize
    assert [stem(n) for n in ("8443", "0", "20261204")] == ["8443", "0", "20261204"]
    assert text._stem.cache_info().currsize == before
    assert stem("v2") == text._stem("v2") and stem("²") == text._stem("²")
