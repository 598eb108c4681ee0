"""The similarity measure's word lists (bot/lexicon/similarity.yml) load and are well-formed."""

from __future__ import annotations

from collections import Counter

from bot.domain.text import words
from bot.lexicon import similarity_words

LISTS = similarity_words()


def _repeated(items: list[str]) -> list[str]:
    return [item for item, count in Counter(items).items() if count > 1]


def test_every_list_is_there() -> None:
    assert len(LISTS.stop_words) > 200
    assert len(LISTS.concepts) > 40
    assert all(LISTS.concepts.values())
    assert LISTS.phrases and LISTS.symptoms
    assert "le" in LISTS.stop_words and "the" in LISTS.stop_words
    assert LISTS.concepts["outage"][:3] == ("panne", "down", "outage")  # the file's order


def test_words_are_written_folded() -> None:
    """Texts are folded before lookup: a word with an accent or apostrophe would never match."""
    synonyms = [word for words_of in LISTS.concepts.values() for word in words_of]
    phrase_words = [word for phrase, _ in LISTS.phrases for word in phrase]
    for word in [*LISTS.stop_words, *synonyms, *phrase_words]:
        assert words(word) == [word], word


def test_no_word_is_listed_twice() -> None:
    synonyms = [word for words_of in LISTS.concepts.values() for word in words_of]
    assert _repeated(list(LISTS.stop_words)) == []
    assert _repeated(synonyms) == []  # a word in two concepts would silently take the last one
    assert set(synonyms).isdisjoint(LISTS.stop_words)
    assert _repeated([" ".join(phrase) for phrase, _ in LISTS.phrases]) == []


def test_concept_names_refer_to_concepts() -> None:
    assert LISTS.symptoms <= set(LISTS.concepts)
    assert LISTS.request in LISTS.concepts
    for phrase, concept in LISTS.phrases:
        assert len(phrase) > 1, phrase
        assert concept == "" or concept in LISTS.concepts, phrase
