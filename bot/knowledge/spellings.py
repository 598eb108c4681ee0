"""The spellings a misspelt question word is compared with (``bot/knowledge/index.py``)."""

from __future__ import annotations

from collections import Counter

from bot.knowledge.analysis import CONCEPT_MARK, terms
from bot.lexicon import knowledge_words

FUZZY_MIN_LENGTH = 5  # shorter words are corrected only as part of a phrase ("mot de pase")


def spellings(written: set[str], frequency: Counter[str]) -> dict[str, str]:
    """Known spellings -> their term: the words written in the articles and each concept's
    words. Written words, not stems: a typed word is compared with words as written, so that
    "recent" is not read as "recept", the stem of "reception". In alphabetical order, then the
    lexicon's: a typo as far from two known words is read as the first (a set's order changes
    with each process's hash seed, and "blank" was "black" in one run, "bank" in the next)."""
    spellings = {}
    for word in sorted(written):
        found = terms(word)
        if len(found) == 1 and found[0] in frequency and len(word) >= FUZZY_MIN_LENGTH - 1:
            spellings[word] = found[0]
    for word, concept in knowledge_words().concepts.items():
        if CONCEPT_MARK + concept in frequency and len(word) >= FUZZY_MIN_LENGTH - 1:
            spellings[word] = CONCEPT_MARK + concept
    return spellings
