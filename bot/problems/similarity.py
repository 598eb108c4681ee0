"""How alike two ticket texts are (French and English), to spot incidents with one cause.

Texts are folded (case, accents), stop words dropped, words stemmed (``bot.domain.text.stem``), and
common IT words of both languages (``bot/lexicon/similarity.yml``) mapped to one concept (``panne``
/ ``down`` / ``outage`` -> ``outage``), so a French and an English ticket about the same outage
share their words. The score blends a weighted Dice coefficient over those words with how much of
one text the other covers: a word counts as shared when the other text has it or a near spelling
(rapidfuzz ``ratio`` >= 85, for typos), and symptom words (``outage``, ``slow``, ``error``...) weigh
less than what they are about (``vpn``, ``printer``...), so "keyboard broken" and "VPN down" do not
meet on "broken/down" alone. A request for something new ("order a printer") is set apart from a
fault ("printer down").

Precision and recall on the labelled pairs of ``tests/data/similar_pairs.yml`` (printed by
``tests/unit/problems/test_similarity.py``): 1.00 / 0.83 on the held-out pairs never tuned on.

Why rapidfuzz rather than scikit-learn's TF-IDF: tickets are short (a title and a few lines),
there is no corpus to fit at start-up, and rapidfuzz is a small compiled wheel scoring a pair in
microseconds, where scikit-learn would pull numpy and scipy (~100 MB) into a chat bot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.domain.text import stem, words
from bot.lexicon import similarity_words

SIMILAR_THRESHOLD = 0.6
"""Scores at or above this mean "probably the same issue" (tuned on tests/data/similar_pairs)."""

# Word lists: bot/lexicon/similarity.yml.
_WORDS = similarity_words()
STOP_WORDS: frozenset[str] = frozenset(_WORDS.stop_words)
# word (folded) -> its concept, shared by both languages.
_CONCEPT_OF: dict[str, str] = {
    word: concept for concept, synonyms in _WORDS.concepts.items() for word in synonyms
}
# "mot de passe" is three words in French; phrases are joined before mapping.
_PHRASES = _WORDS.phrases


_TIME = re.compile(r"^\d{1,2}(am|pm|h\d{0,2})$")  # 10am, 9h, 14h30: when, not what


def _join_phrases(folded: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(folded):
        for phrase, concept in _PHRASES:
            if tuple(folded[i : i + len(phrase)]) == phrase:
                if concept:  # an empty concept: words that say nothing about the cause
                    out.append(concept)
                i += len(phrase)
                break
        else:
            out.append(folded[i])
            i += 1
    return out


@lru_cache(maxsize=4096)
def concepts(text: str) -> tuple[str, ...]:
    """The comparable words of ``text``: folded, stop words out, concepts in, sorted, unique."""
    result: set[str] = set()
    for word in _join_phrases(words(text)):
        if word in _CONCEPT_OF:
            result.add(_CONCEPT_OF[word])
            continue
        if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()) or _TIME.match(word):
            continue
        stemmed = stem(word)
        result.add(_CONCEPT_OF.get(stemmed, stemmed))
    return tuple(sorted(result))


SYMPTOMS: frozenset[str] = _WORDS.symptoms
SYMPTOM_WEIGHT = 0.4
REQUEST = _WORDS.request
INTENT_MISMATCH = 0.7
TYPO_SCORE = 85


def _weight(word: str) -> float:
    return SYMPTOM_WEIGHT if word in SYMPTOMS else 1.0


def _near_spelling(word: str, others: tuple[str, ...]) -> bool:
    """A typo of one of ``others`` (long words only: short ones differ by one letter)."""
    return len(word) >= 5 and bool(
        process.extractOne(word, others, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
    )


def _shared_weight(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    shared = 0.0
    for word in left:
        if word in right or _near_spelling(word, right):
            shared += _weight(word)
    return shared


def similarity(a: str, b: str) -> float:
    """0 (unrelated) .. 1 (the same words once normalised); symmetric.

    The mean of two weighted scores: the Dice coefficient (shared over both texts) and how much
    of the better-covered text the other one shares, so a short report ("VPN down") and a long
    one saying the same with more words still meet. A request for something new and a fault
    report are not the same thing however alike their words: the score is cut then."""
    left, right = concepts(a), concepts(b)
    if not left or not right:
        return 0.0
    left_total, right_total = sum(map(_weight, left)), sum(map(_weight, right))
    left_shared, right_shared = _shared_weight(left, right), _shared_weight(right, left)
    dice = (left_shared + right_shared) / (left_total + right_total)
    covered = max(left_shared / left_total, right_shared / right_total)
    score = (dice + covered) / 2
    if (REQUEST in left) != (REQUEST in right):
        score *= INTENT_MISMATCH
    return round(min(1.0, score), 3)


def is_similar(a: str, b: str, threshold: float = SIMILAR_THRESHOLD) -> bool:
    return similarity(a, b) >= threshold


def most_similar(text: str, candidates: Iterable[tuple[str, str]]) -> tuple[str, float] | None:
    """Among ``(key, text)`` candidates, the most similar key and its score, if similar."""
    best: tuple[str, float] | None = None
    for key, other in candidates:
        score = similarity(text, other)
        if score >= SIMILAR_THRESHOLD and (best is None or score > best[1]):
            best = (key, score)
    return best


GROUP_THRESHOLD = 0.5
GROUP_VOTES = 2


def group_match(text: str, members: Iterable[str]) -> float | None:
    """How well ``text`` fits a group of texts known to be about one thing (the incidents of a
    problem, a suggestion): its best similarity to them, when it is similar to one of them, or
    close (>= ``GROUP_THRESHOLD``) to at least ``GROUP_VOTES`` of them; else ``None``.

    A group is more evidence than a pair: people describe one outage in many ways, and a new
    report that is fairly close to several of them is about it too. Reports of other things
    stay well below (a VPN access request scores 0.4 against VPN outage reports at most)."""
    scores = [similarity(text, member) for member in members]
    if not scores:
        return None
    best = max(scores)
    close = sum(1 for score in scores if score >= GROUP_THRESHOLD)
    if best >= SIMILAR_THRESHOLD or close >= GROUP_VOTES:
        return best
    return None
