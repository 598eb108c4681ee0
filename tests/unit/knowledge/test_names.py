"""What the model reads of a question: the organisation's own names aside (``names``)."""

from __future__ import annotations

import numpy as np

from bot.knowledge.index import ArticleIndex
from bot.knowledge.names import without_names
from bot.knowledge.semantic import QUESTION_CHARACTERS, SemanticCheck
from tests.unit.knowledge.test_semantic import ARTICLES, _trigrams

KNOWN = {"outlook", "globalprotect", "vpn", "teams"}


def _unknown(word: str) -> bool:
    return len(word) > 1 and word.lower() not in KNOWN  # a single letter is no term


def test_words_written_as_names_that_no_article_has_are_left_out() -> None:
    assert without_names("impossible de me logger sur Hippo, trop de tentatives", _unknown) == (
        "impossible de me logger sur , trop de tentatives"
    )
    assert without_names("le lecteur S: sur SRV-ORMES-FS01 est en lecture seule", _unknown) == (
        "le lecteur S: sur est en lecture seule"
    )
    assert without_names("accès à PlanGarde depuis le 4B, demande du DG", _unknown) == (
        "accès à depuis le , demande du"
    )


def test_known_words_plain_words_and_first_words_stay() -> None:
    kept = "Outlook est plein. Hippo aussi, et le fax ne marche plus sur Teams"
    assert without_names(kept, _unknown) == kept  # known, lower case, or first of a sentence
    assert without_names("I need GlobalProtect on the VPN", _unknown) == (
        "I need GlobalProtect on the VPN"
    )
    assert without_names("GHVA SRV-01", _unknown) == "GHVA SRV-01"  # nothing would be left


def test_the_model_reads_the_question_without_them_and_the_words_read_it_all() -> None:
    handed: list[str] = []

    def questions(texts: list[str]) -> np.ndarray:
        handed.extend(texts)
        return _trigrams(texts)

    index = ArticleIndex(ARTICLES, semantic=SemanticCheck(questions, _trigrams))
    index.search("le vpn de Kerbrat coupe sans arrêt pour la cellule Qualité-Nord")
    assert handed == ["le vpn de coupe sans arrêt pour la cellule"]


def test_only_what_the_model_reads_is_looked_at() -> None:
    handed: list[str] = []

    def questions(texts: list[str]) -> np.ndarray:
        handed.extend(texts)
        return _trigrams(texts)

    index = ArticleIndex(ARTICLES, semantic=SemanticCheck(questions, _trigrams))
    dm = "vpn ko sur le site " + "de Kerbrat " * 4000  # Slack's longest message: 40,000 characters
    index.search(dm[:40_000])
    assert len(handed) == 1 and len(handed[0]) < QUESTION_CHARACTERS
    assert handed[0].startswith("vpn ko sur le site de de") and "Kerbrat" not in handed[0]
