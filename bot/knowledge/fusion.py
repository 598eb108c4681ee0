"""Ranking by meaning and words together, once the meaning check has said to answer.

The model alone puts the right article first for 88-94 % of every labelled part's questions;
adding BM25's score, scaled by the best one so that it means the same whatever the question
and the size of the base, takes it to 92-97 %: the two make different mistakes (the model
confuses neighbouring topics, "VPN on the phone" and "VPN on the laptop"; the words name the
device). ``WORD_WEIGHT`` is small because cosines of this model spread over a few hundredths
(0.80-0.92) while the scaled word score runs from 0 to 1: chosen leave-one-part-out over the
labelled parts (0.02 to 0.2 rank alike; README, *Knowledge benchmark*).

Pure: arrays in, positions out (``bot/knowledge/index.py`` maps them to articles).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

WORD_WEIGHT = 0.05


def fused(similarities: np.ndarray, word_scores: np.ndarray) -> np.ndarray:
    """Each article's score: its cosine with the question plus ``WORD_WEIGHT`` times its word
    score over the best one (nothing when no article holds a word of the question)."""
    best = float(word_scores.max()) if len(word_scores) else 0.0
    words = word_scores / best if best > 0 else np.zeros_like(similarities)
    return similarities + WORD_WEIGHT * words


def one_per_topic(
    order: Sequence[int], topics: Sequence[str], limit: int, preferred: Sequence[bool]
) -> list[int]:
    """The first ``limit`` topics of ``order`` (positions, best first), each by its best
    position, or by its first position that is ``preferred`` (the asker's language) when it
    has one: a question finds an article in the language it was asked in, wherever that
    translation ranked."""
    chosen: dict[str, int] = {}
    for position in order:
        topic = topics[position]
        if topic not in chosen:
            if len(chosen) == limit:
                continue
            chosen[topic] = position
        elif preferred[position] and not preferred[chosen[topic]]:
            chosen[topic] = position
    return list(chosen.values())


def topic_similarity(similarities: np.ndarray, topics: np.ndarray, topic: str) -> float:
    """How similar the question is to ``topic`` (``topics``: each article's): its most
    similar translation."""
    return float(similarities[topics == topic].max())
