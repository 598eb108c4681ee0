"""A word list compiled for one left-to-right, longest-match-first pass over a text's words.

Shared by the service classifier, the type cues and the emergency reading: a term is matched
by its Snowball stems (``bot.domain.text.stem``), a trailing ``*`` makes a prefix term and a
leading ``=`` an exact-word term; terms may span several words and the longest one at a
position wins. Pure Python, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.text import Tokenized, stem, words

__all__ = ["Hit", "TermIndex", "term_key"]

# The per-index cache of candidate terms is bounded: cleared when it reaches this many words.
_CACHE_MAX = 50_000


def term_key(term: str) -> tuple[tuple[str, ...], str] | None:
    """How a lexicon term is matched: its stemmed words and its kind ("", "*" prefix, "=" exact).

    ``None`` for a term with no word in it (nothing to match).
    """
    kind = "*" if term.endswith("*") else "=" if term.startswith("=") else ""
    folded = words(term.strip("*="))
    if not folded:
        return None
    if kind and len(folded) != 1:
        raise ValueError(f"prefix and exact terms must be one word: {term!r}")
    if kind:
        return (folded[0],), kind  # matched on the folded word itself, not its stem
    return tuple(stem(w) for w in folded), kind


@dataclass(frozen=True, slots=True)
class Term:
    """One compiled lexicon term: its display form, stemmed words, and what it pulls towards."""

    key: str
    stems: tuple[str, ...]
    weights: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Hit:
    """A term found in a text, at words ``first..last`` of ``source``."""

    term: Term
    source: Tokenized
    first: int
    last: int

    @property
    def surface(self) -> str:
        """What the user wrote for the term (computed on demand: few hits are ever quoted)."""
        return self.source.quote(self.first, self.last)


class TermIndex:
    """A lexicon compiled for one left-to-right, longest-match-first pass over a text's words."""

    def __init__(self, entries: Iterable[tuple[str, str, float]]) -> None:
        """``entries``: (label, term, weight); a term listed under several labels pulls to each."""
        merged: dict[tuple[tuple[str, ...], str], dict[str, float]] = {}
        display: dict[tuple[tuple[str, ...], str], str] = {}
        for label, term, weight in entries:
            key = term_key(term)
            if key is None:
                continue
            pulls = merged.setdefault(key, {})
            pulls[label] = max(weight, pulls.get(label, 0.0))
            display.setdefault(key, term.strip("*="))

        by_first: dict[str, list[Term]] = {}
        prefixes: dict[str, Term] = {}
        exact: dict[str, Term] = {}
        for (stems, kind), pulls in merged.items():
            indexed = Term(display[(stems, kind)], stems, tuple(pulls.items()))
            if kind == "*":
                prefixes[stems[0]] = indexed
            elif kind == "=":
                exact[stems[0]] = indexed
            else:
                by_first.setdefault(stems[0], []).append(indexed)
        # Longest terms first, so "mot de passe" wins over a hypothetical "mot".
        self._by_first: dict[str, tuple[Term, ...]] = {
            first: tuple(sorted(terms, key=lambda t: -len(t.stems)))
            for first, terms in by_first.items()
        }
        self._prefixes = prefixes
        self._exact = exact
        self._prefix_lengths: tuple[int, ...] = tuple(
            sorted({len(p) for p in prefixes}, reverse=True)
        )
        # folded word -> the terms that may start at it (cached: most words match nothing).
        self._candidates: dict[str, tuple[Term, ...]] = {}

    def _candidates_for(self, word: str) -> tuple[Term, ...]:
        """Terms that may start at ``word``: multi-word ones first, then the one-word match."""
        found = list(self._by_first.get(stem(word), ()))
        if word in self._exact:
            found.append(self._exact[word])
        if not any(len(term.stems) == 1 for term in found):
            for size in self._prefix_lengths:
                if size <= len(word) and word[:size] in self._prefixes:
                    found.append(self._prefixes[word[:size]])
                    break
        candidates = tuple(found)
        if len(self._candidates) >= _CACHE_MAX:
            self._candidates.clear()
        self._candidates[word] = candidates
        return candidates

    def scan(self, text: str) -> list[Hit]:
        """Every term found in ``text``, in order, each with the text the user wrote for it."""
        tokenized = Tokenized(text)
        folded = tokenized.words
        n = len(folded)
        cache_get = self._candidates.get
        hits: list[Hit] = []
        i = 0
        while i < n:
            word = folded[i]
            candidates = cache_get(word)
            if candidates is None:
                candidates = self._candidates_for(word)
            length = 0
            for term in candidates:
                size = len(term.stems)
                if size > 1:
                    if i + size > n:
                        continue
                    k = 1
                    while k < size:
                        other = folded[i + k]
                        if stem(other) != term.stems[k]:
                            break
                        k += 1
                    if k < size:
                        continue
                length = size
                hits.append(Hit(term, tokenized, i, i + size - 1))
                break
            i += length or 1
        return hits
