"""The bot's word lists (package data ``bot/lexicon/*.yml``), read once and cached."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

__all__ = [
    "CourtesyWords",
    "KnowledgeWords",
    "SimilarityWords",
    "courtesy_words",
    "knowledge_words",
    "load",
    "similarity_words",
]


@cache
def load(name: str) -> Any:
    """The parsed content of ``bot/lexicon/<name>``."""
    return yaml.safe_load(files(__package__).joinpath(name).read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class SimilarityWords:
    """The word lists of the similarity measure (``similarity.yml``), in the file's order."""

    stop_words: tuple[str, ...]
    """Words that say nothing about what a ticket is about (repeats kept as written)."""
    concepts: dict[str, tuple[str, ...]]
    """Concept -> the words of both languages that mean it."""
    phrases: tuple[tuple[tuple[str, ...], str], ...]
    """(words, concept) for phrases of several words; an empty concept drops the phrase."""
    symptoms: frozenset[str]
    """Concepts that describe a symptom rather than what it is about."""
    request: str
    """The concept of asking for something new."""


@cache
def similarity_words() -> SimilarityWords:
    """``similarity.yml`` as typed structures (word lists are whitespace-separated words)."""
    raw = load("similarity.yml")
    return SimilarityWords(
        stop_words=tuple(raw["stop_words"].split()),
        concepts={str(k): tuple(str(v).split()) for k, v in raw["concepts"].items()},
        phrases=tuple((tuple(phrase.split()), concept) for phrase, concept in raw["phrases"]),
        symptoms=frozenset(str(s) for s in raw["symptoms"]),
        request=str(raw["request"]),
    )


@dataclass(frozen=True, slots=True)
class KnowledgeWords:
    """The word lists of the knowledge base's search (``knowledge.yml``), as written (folded)."""

    stop_words: frozenset[str]
    concepts: dict[str, str]
    """Word -> the concept it means (the concept's name)."""
    exact: frozenset[str]
    """Words that mean their concept only as spelt (not their other forms)."""
    phrases: tuple[tuple[tuple[str, ...], str], ...]
    """(words, concept) for phrases of several words."""
    generic: frozenset[str] = frozenset()
    """Words of any helpdesk request ("new", "problème"): searched, but never enough to match."""
    broad: frozenset[str] = frozenset()
    """Concepts naming a thing many questions are about (a computer, Teams): they count, but an
    article must also hold a narrower word of the question in its title or tags."""


@cache
def knowledge_words() -> KnowledgeWords:
    """``knowledge.yml`` as typed structures (word lists are whitespace-separated words)."""
    raw = load("knowledge.yml")
    listed = [
        (word, str(concept)) for concept, ws in raw["concepts"].items() for word in ws.split()
    ]
    return KnowledgeWords(
        stop_words=frozenset(raw["stop_words"].split()),
        concepts={word.removeprefix("="): concept for word, concept in listed},
        exact=frozenset(word[1:] for word, _ in listed if word.startswith("=")),
        phrases=tuple((tuple(phrase.split()), str(concept)) for phrase, concept in raw["phrases"]),
        generic=frozenset(str(raw.get("generic_words") or "").split()),
        broad=frozenset(str(raw.get("broad_concepts") or "").split()),
    )


@dataclass(frozen=True, slots=True)
class CourtesyWords:
    """A thanks or an acknowledgement written to Guichet (``courtesy.yml``), as written."""

    max_words: int
    thanks: frozenset[str]
    acknowledgements: frozenset[str]
    greetings: frozenset[str]
    yes: frozenset[str]
    """A yes: to Guichet's « Voulez-vous ouvrir un ticket ? », the form offered again."""
    farewells: frozenset[str]
    farewell_phrases: tuple[tuple[frozenset[str], ...], ...]
    """Goodbyes of several words: each place of a phrase, the words that may stand there."""
    fillers: frozenset[str]
    not_solved_openers: frozenset[str]
    """A first word saying no to *is it solved?* (« non », "nope")."""
    not_solved_phrases: tuple[tuple[str, ...], ...]
    """Words in a row saying it is not solved (« toujours pas », "still not")."""
    emoji: frozenset[str]
    """Slack emoji codes, without their colons."""


@cache
def courtesy_words() -> CourtesyWords:
    """``courtesy.yml`` as typed structures (word lists are whitespace-separated words)."""
    raw = load("courtesy.yml")
    return CourtesyWords(
        max_words=int(raw["max_words"]),
        thanks=frozenset(str(raw["thanks"]).split()),
        acknowledgements=frozenset(str(raw["acknowledgements"]).split()),
        greetings=frozenset(str(raw["greetings"]).split()),
        yes=frozenset(str(raw["affirmatives"]).split()),
        farewells=frozenset(str(raw["farewells"]).split()),
        farewell_phrases=tuple(
            tuple(frozenset(place.split("|")) for place in str(phrase).split())
            for phrase in raw["farewell_phrases"]
        ),
        fillers=frozenset(str(raw["fillers"]).split()),
        not_solved_openers=frozenset(str(raw["not_solved_openers"]).split()),
        not_solved_phrases=tuple(tuple(str(p).split()) for p in raw["not_solved_phrases"]),
        emoji=frozenset(str(raw["emoji"]).split()),
    )
