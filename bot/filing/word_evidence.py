"""What an organisation's settled tickets teach: which words point to which service and type.

Real tickets are terse and full of the organisation's own names ("cazsfsp02", "lcq", "sage"):
no built-in lexicon knows them, the organisation's history does. Each settled ticket is one
``Lesson`` (its words, its final service and type), counted once per ticket: learning a ticket
again with the same outcome changes nothing, learning it with another outcome (it was
reassigned, its type was corrected) moves its counts instead of adding a second vote.

The evidence is *word* evidence, not how often each service is chosen: for a word, each label's
share of the tickets carrying it is divided by that label's number of tickets, so a word seen in
3 of a small service's 4 tickets outweighs the same word in 5 of a large service's 300. A word
spread evenly over the labels gives nothing; only its excess over an even share counts (1 when
no other label has it), scaled by how many tickets carry it. With no lesson at all every
evidence is zero, so the built-in lexicon (the prior, ``bot.filing.classifier``) decides
exactly as before.

Pure Python, no I/O; ``bot/filing/learning.py`` keeps it in step with MongoDB.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from bot.domain.lessons import SERVICE_LABEL, TYPE_LABEL, Lesson
from bot.domain.models import TicketType
from bot.domain.text import Tokenized, stem
from bot.lexicon import similarity_words

__all__ = [
    "SERVICE_WEIGHT",
    "TYPE_WEIGHT",
    "Lesson",
    "WordEvidence",
    "features",
]

# Evidence of a word seen in many tickets of one label only: about a strong lexicon term.
SERVICE_WEIGHT = 6.0
TYPE_WEIGHT = 4.0
# How many tickets make a word's evidence half its full strength.
HALF_STRENGTH = 2.0
# A word needs at least this share above even to count (damps chance co-occurrences).
MIN_EXCESS = 0.05
# At most this many words are quoted as reasons.
MAX_WORDS = 3

_SERVICE = SERVICE_LABEL
_TYPE = TYPE_LABEL
# "cazsfsp02" -> "cazsfsp#": a family of servers or sites named by a stem and a number.
_NAME_FAMILY = re.compile(r"^([a-z]{3,})\d+[a-z]?$")


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(similarity_words().stop_words)


def features(text: str) -> dict[str, str]:
    """The words of ``text`` that may teach something: feature -> what the user wrote.

    Stems of words of two letters or more (not stop words nor bare numbers), plus the family of
    a numbered name ("cazsfsp02" also counts as "cazsfsp#")."""
    stop = _stop_words()
    tokenized = Tokenized(text)
    found: dict[str, str] = {}
    for index, word in enumerate(tokenized.words):
        if len(word) < 2 or word.isdigit() or word in stop:
            continue
        key = stem(word)
        if key not in found:
            found[key] = tokenized.quote(index, index)
        family = _NAME_FAMILY.match(word)
        if family:
            found.setdefault(family.group(1) + "#", tokenized.quote(index, index))
    return found


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the learned words say for each label, and the words that said most."""

    scores: dict[str, float]
    words: dict[str, tuple[str, ...]]


class WordEvidence:
    """Counts of settled tickets per word and label, kept right by ``learn``."""

    def __init__(self) -> None:
        self._words: dict[str, dict[str, int]] = {}  # feature -> label -> tickets
        self._labels: dict[str, int] = {}  # label -> tickets
        self._lessons: dict[str, tuple[int, Lesson]] = {}  # ticket id -> (revision, lesson)

    # --- learning -----------------------------------------------------------------------------
    def learn(self, lesson: Lesson, revision: int = 0) -> bool:
        """Count ``lesson`` (revision ``revision`` of its ticket's lesson) once: the same lesson
        again, or an older revision, changes nothing; a new outcome moves the ticket's counts.
        True when something changed."""
        known = self._lessons.get(lesson.ticket_id)
        if known is not None:
            known_revision, known_lesson = known
            if revision < known_revision or known_lesson == lesson:
                if revision > known_revision:
                    self._lessons[lesson.ticket_id] = (revision, known_lesson)
                return False
            self._count(known_lesson, -1)
        self._count(lesson, +1)
        self._lessons[lesson.ticket_id] = (revision, lesson)
        return True

    def _count(self, lesson: Lesson, sign: int) -> None:
        step = sign * lesson.weight
        for label in lesson.labels():
            self._labels[label] = self._labels.get(label, 0) + step
            if self._labels[label] <= 0:
                del self._labels[label]
        for feature in lesson.features:
            per_label = self._words.setdefault(feature, {})
            for label in lesson.labels():
                per_label[label] = per_label.get(label, 0) + step
                if per_label[label] <= 0:
                    del per_label[label]
            if not per_label:
                del self._words[feature]

    # --- reading ------------------------------------------------------------------------------
    @property
    def tickets(self) -> int:
        """How many tickets were learned."""
        return len(self._lessons)

    def size(self) -> tuple[int, int]:
        """The model's size: distinct words, and (word, label) counts kept."""
        return len(self._words), sum(len(labels) for labels in self._words.values())

    def count(self, feature: str, label: str) -> int:
        """Tickets of ``label`` (``s:<service>`` or ``t:<type>``) that carried ``feature``."""
        return self._words.get(feature, {}).get(label, 0)

    def services(self, found: Mapping[str, str], services: Iterable[str]) -> Evidence:
        """The learned evidence for each of ``services`` (all those a ticket may go to), from
        ``features(text)``."""
        return self._evidence(found, _SERVICE, SERVICE_WEIGHT, services)

    def types(self, found: Mapping[str, str]) -> Evidence:
        """The learned evidence for each ticket type."""
        return self._evidence(found, _TYPE, TYPE_WEIGHT, [kind.value for kind in TicketType])

    def _evidence(
        self, found: Mapping[str, str], prefix: str, weight: float, labels: Iterable[str]
    ) -> Evidence:
        scores: dict[str, float] = {}
        words: dict[str, list[tuple[float, str]]] = {}
        sizes = {label: self._labels.get(prefix + label, 0) for label in labels}
        if not self._lessons or len(sizes) < 2:
            return Evidence({}, {})
        even = 1.0 / len(sizes)
        for feature, surface in found.items():
            per_label = self._words.get(feature)
            if not per_label:
                continue
            rates: dict[str, float] = {}
            carried = 0
            for label, size in sizes.items():
                n = per_label.get(prefix + label, 0)
                if n:
                    rates[label] = n / (size + 1.0)
                    carried += n
            total = sum(rates.values())
            if not total:
                continue
            strength = carried / (carried + HALF_STRENGTH)
            for label, rate in rates.items():
                excess = (rate / total - even) / (1.0 - even)  # 1: only this label has it
                if excess < MIN_EXCESS:
                    continue
                value = weight * strength * excess
                scores[label] = scores.get(label, 0.0) + value
                words.setdefault(label, []).append((value, surface))
        return Evidence(
            scores,
            {
                label: tuple(w for _, w in sorted(pairs, key=lambda p: -p[0])[:MAX_WORDS])
                for label, pairs in words.items()
            },
        )
