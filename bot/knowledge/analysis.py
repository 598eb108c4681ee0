"""How a question and an article become search terms, the same way for both.

Folded words (``bot.domain.text``), phrases of several words turned into the concept they mean
("mot de passe" -> password), stop words dropped, each word stemmed (Snowball, English then
French) and, when it names a concept of ``bot/lexicon/knowledge.yml``, replaced by that concept:
"imprimante", "imprimantes" and "printer" are one term, so a French question finds an English
article. Concept terms start with ``~`` so they never collide with a stem. A phrase is also
recognised misspelt ("mot de pase"): its words compared as one string (rapidfuzz), since a typo in
a short word of a phrase is too short for the word-by-word correction of the index.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from rapidfuzz import fuzz

from bot.domain.text import stem, words
from bot.lexicon import knowledge_words

CONCEPT_MARK = "~"
PHRASE_CUTOFF = 90  # rapidfuzz ratio (0-100) for a misspelt phrase to count as the phrase
PHRASE_FUZZY_MIN_LENGTH = 10  # shorter phrases ("day off", "log in") only exactly: "time of"
STOP_STEM_MIN_LENGTH = 4  # a stop word's other forms ("says", "looks") are stop words too

WHEN_WRITTEN = re.compile(
    r"\d+(?:h|j|min|mn|sec|hr|hrs|jours?|days?|heures?|hours?|mins?|minutes?|semaines?|weeks?)"
    r"\d*"
)
"""A time or a duration written with its number ("10h", "2h30", "14j", "48h", "5min"): when it
happened or how long, as "hier" or "this morning" say, about nothing: dropped."""

Correction = Callable[[str, str], str | None]
"""(folded word, its term) -> the term to read instead (a misspelling corrected), or None."""


@cache
def _tables() -> tuple[
    frozenset[str], dict[str, str], dict[str, list[tuple[tuple[str, ...], str]]]
]:
    """Stop words, stem -> concept, and phrases by their first word (longest first)."""
    lexicon = knowledge_words()
    concepts = {
        stem(word): CONCEPT_MARK + concept
        for word, concept in lexicon.concepts.items()
        if word not in lexicon.exact
    }
    concepts.update({word: CONCEPT_MARK + concept for word, concept in lexicon.concepts.items()})
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, concept in lexicon.phrases:
        phrases.setdefault(phrase[0], []).append((phrase, CONCEPT_MARK + concept))
    for candidates in phrases.values():
        candidates.sort(key=lambda item: -len(item[0]))
    stop_words = lexicon.stop_words | {
        stem(word) for word in lexicon.stop_words if len(word) >= STOP_STEM_MIN_LENGTH
    }
    return stop_words, concepts, phrases


def terms(text: str, correct: Correction | None = None) -> list[str]:
    """The search terms of ``text``, in order, repeats kept (BM25 counts them); each word's term
    passed through ``correct`` when given (a question, never an article)."""
    return terms_of(words(text), correct)


def terms_of(folded: list[str], correct: Correction | None = None) -> list[str]:
    """``terms`` of text already folded into words (``bot.domain.text.words``)."""
    stop_words, concepts, phrases = _tables()
    out: list[str] = []
    i = 0
    while i < len(folded):
        word = folded[i]
        candidates = phrases.get(word)
        found = _phrase_at(folded, i, candidates, stop_words) if candidates else None
        if found is not None:
            length, concept = found
            out.append(concept)
            i += length
            continue
        i += 1
        if (
            word in stop_words
            or (len(word) == 1 and not word.isdigit())
            or WHEN_WRITTEN.fullmatch(word)
        ):
            continue
        if word in concepts:
            concept = concepts[word]
        else:
            stemmed = stem(word)
            if stemmed in stop_words and stemmed not in concepts:
                continue  # an inflected stop word: "says", "looks", "needs"
            concept = concepts.get(stemmed, stemmed)
        if correct is not None and not is_concept(concept):
            concept = correct(word, concept) or concept
        out.append(concept)
    return out


def _phrase_at(
    folded: list[str],
    i: int,
    candidates: Sequence[tuple[tuple[str, ...], str]],
    stop_words: frozenset[str],
) -> tuple[int, str] | None:
    """(words taken, concept) of the phrase starting at ``folded[i]``, exact or misspelt (a
    word of it typed as a stop word is another word, not a misspelling)."""
    for phrase, concept in candidates:
        if tuple(folded[i : i + len(phrase)]) == phrase:
            return len(phrase), concept
    for phrase, concept in candidates:
        written = " ".join(phrase)
        if len(written) < PHRASE_FUZZY_MIN_LENGTH or i + len(phrase) > len(folded):
            continue
        typed_words = folded[i : i + len(phrase)]
        if any(
            typed != word and typed in stop_words
            for typed, word in zip(typed_words, phrase, strict=True)
        ):
            continue  # another word, not a typo: "plus de mon badge" is not "plus de son"
        if fuzz.ratio(" ".join(typed_words), written) >= PHRASE_CUTOFF:
            return len(phrase), concept
    return None


@cache
def generic_terms() -> frozenset[str]:
    """The terms of the lexicon's generic words ("new", "problème", "issue"), as ``terms``
    gives them: they rank articles but never count as a match."""
    return frozenset(t for word in knowledge_words().generic for t in terms(word))


@cache
def broad_terms() -> frozenset[str]:
    """The terms of the lexicon's broad concepts (a computer, Teams): never enough alone."""
    return frozenset(CONCEPT_MARK + concept for concept in knowledge_words().broad)


def is_concept(term: str) -> bool:
    return term.startswith(CONCEPT_MARK)
