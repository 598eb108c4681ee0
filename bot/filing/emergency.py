"""Does free text describe an emergency? Evidence of severity AND of breadth, never a tone.

A wrong "emergency" pages an engineer at night, so the suggestion asks for two kinds of
evidence (``bot/lexicon/emergency.yml``): a sign of a major outage, a security breach or a
critical disruption ("en panne", "is down", "ransomware", "plus rien ne marche"), and a sign
that it reaches many people or the business itself ("tout le monde", "plus personne", "whole
site", "production", "all servers"). Words that narrow the scope ("everyone on my team", "mon
poste") take breadth away. "Urgent", "ASAP", "critique" say how soon, not how bad: alone they
only raise the urgency a form suggests.

Pure and fast: one pass of a compiled term index over the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.filing.term_index import TermIndex
from bot.lexicon import load

__all__ = ["BREADTH_THRESHOLD", "SIGNS_THRESHOLD", "EmergencyReading", "read_emergency"]

# Summed weights each kind of evidence needs (one strong term, or two weaker ones).
SIGNS_THRESHOLD = 2.0
BREADTH_THRESHOLD = 2.0


@dataclass(frozen=True, slots=True)
class EmergencyReading:
    """What the text says about severity, breadth and haste, with the words that said it."""

    signs: tuple[str, ...] = ()
    breadth: tuple[str, ...] = ()
    urgency: tuple[str, ...] = ()
    signs_weight: float = 0.0
    breadth_weight: float = 0.0

    @property
    def is_emergency(self) -> bool:
        """A major outage, breach or disruption that reaches many: both kinds of evidence."""
        return self.signs_weight >= SIGNS_THRESHOLD and self.breadth_weight >= BREADTH_THRESHOLD

    @property
    def is_urgent(self) -> bool:
        """Someone asked for haste (or it is an emergency): a higher urgency, nothing more."""
        return bool(self.urgency) or self.is_emergency

    @property
    def evidence(self) -> tuple[str, ...]:
        """The words that made it look like an emergency, as the user wrote them."""
        return self.signs + self.breadth


@lru_cache(maxsize=1)
def _index() -> TermIndex:
    return TermIndex(
        (kind, term, float(weight))
        for kind, terms in load("emergency.yml").items()
        for term, weight in terms.items()
    )


def read_emergency(text: str) -> EmergencyReading:
    """Read ``text`` (a title and description joined) for the evidence of an emergency."""
    weights: dict[str, float] = {}
    quoted: dict[str, list[str]] = {}
    seen: set[str] = set()
    for hit in _index().scan(text):
        if hit.term.key in seen:
            continue  # a word repeated counts once
        seen.add(hit.term.key)
        for kind, weight in hit.term.weights:
            weights[kind] = weights.get(kind, 0.0) + weight
            quoted.setdefault(kind, []).append(hit.surface)
    return EmergencyReading(
        signs=tuple(quoted.get("signs", ())),
        breadth=tuple(quoted.get("breadth", ())),
        urgency=tuple(quoted.get("urgency", ())),
        signs_weight=weights.get("signs", 0.0),
        breadth_weight=weights.get("breadth", 0.0) - weights.get("local", 0.0),
    )
