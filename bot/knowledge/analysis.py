"""How a question and an article become search terms, the same way for both.

Folded words (``bot.domain.text``), phrases of several words turned into the concept they mean
("mot de passe" -> password), stop words dropped, each word stemmed (Snowball, English then
French) and, when it names a concept of ``bot/lexicon/knowledge.yml``, replaced by that concept:
"imprimante", "imprimantes" and "printer" are one term, so a French question finds an English
article. Concept terms start with ``~`` so they never collide with a stem.
"""

from __future__ import annotations

from functools import cache

from bot.domain.text import stem, words
from bot.lexicon import knowledge_words

CONCEPT_MARK = "~"


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
    return lexicon.stop_words, concepts, phrases


def terms(text: str) -> list[str]:
    """The search terms of ``text``, in order, repeats kept (BM25 counts them)."""
    stop_words, concepts, phrases = _tables()
    folded = words(text)
    out: list[str] = []
    i = 0
    while i < len(folded):
        word = folded[i]
        for phrase, concept in phrases.get(word, ()):
            if tuple(folded[i : i + len(phrase)]) == phrase:
                out.append(concept)
                i += len(phrase)
                break
        else:
            i += 1
            if word in stop_words or (len(word) == 1 and not word.isdigit()):
                continue
            concept = concepts.get(word)
            if concept is None:
                stemmed = stem(word)
                concept = concepts.get(stemmed, stemmed)
            out.append(concept)
    return out


@cache
def generic_terms() -> frozenset[str]:
    """The terms of the lexicon's generic words ("new", "problème", "issue"), as ``terms``
    gives them: they rank articles but never count as a match."""
    return frozenset(t for word in knowledge_words().generic for t in terms(word))


def is_concept(term: str) -> bool:
    return term.startswith(CONCEPT_MARK)
