"""The word search's tests of a good answer, and which answers only learned questions hold up.

An article answers a question when it covers ``min_coverage`` of the question's weight (its
terms weighted by how rare they are) with its whole text, more than ``min_heading`` with its
title and tags, and holds some of it in a title or tag word that is not a broad one
(``bot/knowledge/index.py`` says why each test).

Learned questions (``storage/learned_questions.py``) add their words to an article's text and,
when they agree, to its tags: an answer may then pass the tests **only because of them** (it
would not be shown with the article's own words). Such an answer needs the meaning check's
agreement when it is on: the model's most similar topic must be the article's, or within
``LEARNED_MARGIN`` of it (a near tie: "le copieur du couloir est en rade", learned twice for
the printer article, is 0.001 behind the leave article for the model). Measured
leave-one-part-out over the seven readable parts, each searched with the other parts'
questions learned (README, *Knowledge benchmark*): without it, the learned questions'
incidental words answering unrelated questions made 8 % false suggestions and the meaning
check's threshold, chosen within a 7 % budget, rose to avoid them: top-3 pooled 81 %,
``held_out_4`` 35 %; with it, 88 % and 59 % at 6 % false.
With the word search alone they are shown as before (a stricter test cost what it saved).
An answer whose title and tags name only broad words of the question, its body the specific one
(``answers_in_body``), needs the same agreement; the word search alone does not show it.
Margins from 0 to 0.01 measure the same; 0.02 adds a false suggestion.

Pure: sets and weights in, booleans out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from bot.knowledge.analysis import broad_terms
from bot.knowledge.fusion import topic_similarity

LEARNED_MARGIN = 0.005
"""How far behind the model's most similar topic an answer only learned words make may be."""


@dataclass(frozen=True)
class WordSets:
    """An article's terms as the tests read them."""

    terms: frozenset[str]
    """Everything searched: title, tags, body (and learned questions)."""
    heading: frozenset[str]
    """Its title and tags (and the learned words that count as tags)."""
    narrow: frozenset[str]
    """``heading`` without the broad concepts (a computer, a phone, Teams)."""
    specific: frozenset[str]
    """``terms`` without the broad concepts."""

    @classmethod
    def of(cls, terms: list[str], heading: frozenset[str]) -> WordSets:
        broad = broad_terms()
        return cls(frozenset(terms), heading, heading - broad, frozenset(terms) - broad)


def held(weights: Mapping[str, float], found: frozenset[str]) -> float:
    """The weight of the question's terms ``found`` holds."""
    return sum(weight for term, weight in weights.items() if term in found)


def answers(
    sets: WordSets, weights: Mapping[str, float], min_coverage: float, min_heading: float
) -> bool:
    """True when an article with ``sets`` passes the tests for a question of ``weights``."""
    total = sum(weights.values())
    return (
        held(weights, sets.terms) / total >= min_coverage
        and held(weights, sets.heading) / total > min_heading
        and held(weights, sets.narrow) > 0
    )


def answers_in_body(
    sets: WordSets, weights: Mapping[str, float], min_coverage: float, min_heading: float
) -> bool:
    """True when an article that fails ``answers`` only because its title and tags hold none
    but broad words of the question (``outlook``) passes with a word of its body that is not
    broad ("how to turn on online archiving in outlook": the mailbox article's body says how).
    Shown only when the model agrees (``index.py``)."""
    total = sum(weights.values())
    return (
        held(weights, sets.terms) / total >= min_coverage
        and held(weights, sets.heading) / total > min_heading
        and held(weights, sets.specific) > 0
    )


def held_up_by_learning(
    own: WordSets, weights: Mapping[str, float], min_coverage: float, min_heading: float
) -> bool:
    """True when an answer (that passed the tests with its learned words) fails them with its
    ``own`` words: the learned questions alone make it one."""
    return not answers(own, weights, min_coverage, min_heading)


def model_agrees(
    similarities: np.ndarray, topics: np.ndarray, topic: str, margin: float = 0.0
) -> bool:
    """True when the model's most similar article (``similarities``, each article's topic in
    ``topics``) is of ``topic``, or one of ``topic`` is within ``margin`` of it."""
    return topic_similarity(similarities, topics, topic) >= float(similarities.max()) - margin
