"""Route a ticket to the support service that owns it, and guess a ticket's type from free text.

The classifier is a weighted bilingual (French + English) lexicon, nothing more: every service
has terms that pull a ticket towards it ("phishing", "mot de passe", "pare-feu", ...), each with
a weight. A ticket's title and description are folded (lower case, no accents, no punctuation,
see ``bot.domain.text``) and scanned once for those terms; title words count more than description
words; the ticket type's default service (an incident starts at the service desk, an emergency
at infrastructure & network, ...) gets a head start; the best-scoring service wins.

Matching tolerates case, accents, punctuation, plurals and other endings (words are compared by
their Snowball stem, ``bot.domain.text.stem``: "Imprimantes" matches "imprimante", "servers" matches
"server", "réseaux" matches "réseau"); a lexicon term ending in ``*`` matches any word that starts
with it ("imprim*" matches "imprimer", "imprimante"), and one starting with ``=`` only that exact
word ("=teams" is the product; it does not match "team"). Terms may span several words ("mot de
passe", "access point"); the longest term at a position wins.

When nothing matches, or when two services other than the type's default are too close to
call, the type's default service is returned with a low confidence. ``Classification.reasons``
quotes the terms that decided, as the user wrote them, most important first.

The admin's services file may add keywords per service (``extra_keywords``); they join the
built-in lexicon with ``EXTRA_KEYWORD_WEIGHT``.

What the organisation's settled tickets taught (``learned``, a ``WordEvidence`` kept up to date
by ``bot/filing/learning.py``) is added to the lexicon's scores, for routes and types alike: the
lexicon stays the prior, and with nothing learned the result is exactly the lexicon's. The type
"emergency" is never learned: it takes the evidence of ``bot/filing/emergency.py``.

Pure Python, no I/O: the lexicon is compiled once into dictionaries keyed by word, so one
classification is a single pass over the ticket's words.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.config import ServicesConfig
from bot.domain.models import Classification, TicketType
from bot.filing.emergency import read_emergency
from bot.filing.term_index import Hit, TermIndex
from bot.filing.word_evidence import Evidence, WordEvidence, features
from bot.lexicon import load

__all__ = [
    "AMBIGUITY_RATIO",
    "EXTRA_KEYWORD_WEIGHT",
    "LEXICON",
    "NO_MATCH_CONFIDENCE",
    "TITLE_WEIGHT",
    "TYPE_CUES",
    "TYPE_PRIOR",
    "Classifier",
]

# How much more a term counts in the title than in the description.
TITLE_WEIGHT = 2.0
# Head start of the ticket type's default service.
TYPE_PRIOR = 1.5
# Weight of a keyword added by the admin's services file.
EXTRA_KEYWORD_WEIGHT = 3.0
# Confidence reported when nothing matched, or when the text was too ambiguous to decide.
NO_MATCH_CONFIDENCE = 0.3
# Two services other than the type default whose scores differ by less than this fraction of
# the best score are "too close to call": the type default is returned instead.
AMBIGUITY_RATIO = 0.15
# Evidence (summed weights) at which confidence reaches ~63% of its way to 1.
_EVIDENCE_SCALE = 4.0
# At most this many reasons are reported.
_MAX_REASONS = 5

# service id -> {term: weight} and ticket type -> {cue: weight}: see bot/lexicon/*.yml.
LEXICON: dict[str, dict[str, float]] = load("services.yml")
TYPE_CUES: dict[TicketType, dict[str, float]] = {
    TicketType(label): cues for label, cues in load("types.yml").items()
}

_QUESTION_MARK_WEIGHT = 1.0
# Tie-break for suggest_type: the more specific intent first, incident last.
_TYPE_ORDER: tuple[TicketType, ...] = (
    TicketType.TRAINING_REQUEST,
    TicketType.IMPROVEMENT_REQUEST,
    TicketType.SERVICE_REQUEST,
    TicketType.INFORMATION_REQUEST,
    TicketType.PROBLEM,
    TicketType.INCIDENT,
)


@dataclass(slots=True)
class _Evidence:
    """What one term contributed to one service's score, and where the user first wrote it."""

    value: float
    hit: Hit
    order: int


@lru_cache(maxsize=1)
def _builtin_entries() -> tuple[tuple[str, str, float], ...]:
    return tuple(
        (service, term, weight)
        for service, terms in LEXICON.items()
        for term, weight in terms.items()
    )


@lru_cache(maxsize=1)
def _type_index() -> TermIndex:
    return TermIndex(
        (str(ticket_type), cue, weight)
        for ticket_type, cues in TYPE_CUES.items()
        for cue, weight in cues.items()
    )


class Classifier:
    """Routes tickets to services with the built-in lexicon plus the admin's extra keywords."""

    def __init__(
        self,
        type_defaults: Mapping[TicketType, str],
        default_service: str,
        extra_keywords: Mapping[str, Sequence[str]] | None = None,
        services: Collection[str] | None = None,
        learned: WordEvidence | None = None,
    ) -> None:
        """``services``, when given, are the only services a ticket may be routed to (those the
        admin's services file defines); the lexicon's words for others are ignored.
        ``learned``: what the organisation's settled tickets taught (``bot/filing/learning.py``
        keeps it up to date), added to the lexicon's evidence; empty, it changes nothing."""
        self.learned = learned if learned is not None else WordEvidence()
        self._type_defaults: dict[TicketType, str] = dict(type_defaults)
        self._default_service = default_service
        self._services = frozenset(services) if services is not None else None
        # Where a ticket may go: the configured services, else every service the lexicon or
        # the type defaults know.
        self._routes = self._services or frozenset(
            [*LEXICON, *self._type_defaults.values(), default_service]
        )
        extra = [
            (service, term, EXTRA_KEYWORD_WEIGHT)
            for service, terms in (extra_keywords or {}).items()
            for term in terms
        ]
        self._index = TermIndex([*_builtin_entries(), *extra])

    @classmethod
    def for_config(cls, config: ServicesConfig, learned: WordEvidence | None = None) -> Classifier:
        """The classifier of a services file: its type defaults, default service, keywords and
        services (the bot, ``python -m bot routing check`` and the history import share it)."""
        return cls(
            type_defaults=config.type_services,
            default_service=config.default_service,
            extra_keywords=config.keywords,
            services=config.services.keys(),
            learned=learned,
        )

    def default_for(self, ticket_type: TicketType) -> str:
        """The service a ticket of this type goes to when its text says nothing."""
        return self._type_defaults.get(ticket_type, self._default_service)

    def classify(
        self, ticket_type: TicketType, title: str, description: str, *, learned: bool = True
    ) -> Classification:
        """The service that should own this ticket, how sure we are (0..1), and why
        (``learned=False``: what the built-in lexicon alone says)."""
        default = self.default_for(ticket_type)
        scores: dict[str, float] = {}
        evidence: dict[str, dict[str, _Evidence]] = {}  # service -> term key -> evidence
        order = 0
        for text, factor in ((title, TITLE_WEIGHT), (description, 1.0)):
            seen: set[str] = set()
            for hit in self._index.scan(text):
                key = hit.term.key
                if key in seen:
                    continue  # a word repeated in the same field counts once
                seen.add(key)
                order += 1
                for service, weight in hit.term.weights:
                    if self._services is not None and service not in self._services:
                        continue
                    value = weight * factor
                    scores[service] = scores.get(service, 0.0) + value
                    per_term = evidence.setdefault(service, {})
                    if key in per_term:
                        per_term[key].value += value
                    else:
                        per_term[key] = _Evidence(value, hit, order)

        taught = (
            self.learned.services(features(f"{title}\n{description}"), self._routes)
            if learned and self.learned.tickets
            else None
        )
        if taught is not None:
            for service, value in taught.scores.items():
                scores[service] = scores.get(service, 0.0) + value

        if not scores:
            return Classification(default, NO_MATCH_CONFIDENCE, ())

        totals = dict(scores)
        totals[default] = totals.get(default, 0.0) + TYPE_PRIOR
        ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0] != default, item[0]))
        best, best_total = ranked[0]
        runner_up, second_total = ranked[1] if len(ranked) > 1 else (default, 0.0)

        if (
            best != default
            and runner_up != default
            and best_total - second_total < AMBIGUITY_RATIO * best_total
        ):
            reasons = _with_learned(_reasons(evidence.get(default)), taught, default)
            return Classification(default, NO_MATCH_CONFIDENCE, reasons)

        strength = 1.0 - math.exp(-scores.get(best, 0.0) / _EVIDENCE_SCALE)
        lead = (best_total - second_total) / best_total if best_total > 0 else 0.0
        confidence = NO_MATCH_CONFIDENCE + (1.0 - NO_MATCH_CONFIDENCE) * strength * lead
        confidence = round(min(1.0, max(0.0, confidence)), 3)
        reasons = _with_learned(_reasons(evidence.get(best)), taught, best)
        return Classification(best, confidence, reasons)

    def suggest_type(self, text: str, *, learned: bool = True) -> TicketType:
        """Guess the ticket type of free text (``/ticket <text>``); incident when unsure.

        Emergency only with evidence of a major outage (breach, disruption) and of its breadth
        (``bot.filing.emergency``); never from a word such as "urgent" alone."""
        if read_emergency(text).is_emergency:
            return TicketType.EMERGENCY
        scores: dict[str, float] = {}
        seen: set[str] = set()
        for hit in _type_index().scan(text):
            if hit.term.key in seen:
                continue
            seen.add(hit.term.key)
            for label, weight in hit.term.weights:
                scores[label] = scores.get(label, 0.0) + weight
        if learned and self.learned.tickets:
            for label, value in self.learned.types(features(text)).scores.items():
                if label != TicketType.EMERGENCY:  # an emergency takes evidence, not habit
                    scores[label] = scores.get(label, 0.0) + value
        if "?" in text:
            label = str(TicketType.INFORMATION_REQUEST)
            scores[label] = scores.get(label, 0.0) + _QUESTION_MARK_WEIGHT
        best = TicketType.INCIDENT
        best_score = 0.0
        for ticket_type in _TYPE_ORDER:
            score = scores.get(str(ticket_type), 0.0)
            if score > best_score:
                best, best_score = ticket_type, score
        return best


def _with_learned(
    reasons: tuple[str, ...], learned: Evidence | None, service: str
) -> tuple[str, ...]:
    """The lexicon's reasons, then the learned words that pointed to ``service``."""
    if learned is None:
        return reasons
    extra = [w for w in learned.words.get(service, ()) if w not in reasons]
    return (*reasons, *extra)[:_MAX_REASONS]


def _reasons(per_term: Mapping[str, _Evidence] | None) -> tuple[str, ...]:
    """The matched terms, most important first (then first seen), as the user wrote them."""
    if not per_term:
        return ()
    out: list[str] = []
    for entry in sorted(per_term.values(), key=lambda e: (-e.value, e.order)):
        surface = entry.hit.surface
        if surface not in out:
            out.append(surface)
        if len(out) == _MAX_REASONS:
            break
    return tuple(out)
