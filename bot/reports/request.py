"""What ``/ticket stats`` and ``/ticket export`` are asked for: a service and a period.

The words after the sub-command come in any order: a period (``7d``, ``30d``, French ``7j``,
any number of days from 1 to 365, or ``week``/``semaine``, ``month``/``mois``) and a service
(its id, ``infra_network``; its name in French or English, case, accents and punctuation
ignored, or the words of one name that no other service's name holds, ``sécurité``, ``réseau``;
or its channel, ``#it-infra-network``). A period may be two words, ``30 jours``. Anything else is
a ``BadReportRequest`` saying which word is wrong and why.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.config import ServicesConfig
from bot.domain.errors import GuichetError

MAX_DAYS = 365
_PERIOD = re.compile(r"^(\d{1,4})\s*(d|j|days?|jours?)$")
_PERIOD_LIKE = re.compile(r"^[-+\u2212]?\d")  # signed too: "-5d" is a period gone wrong
_PERIOD_WORDS = {"week": 7, "semaine": 7, "month": 30, "mois": 30}


class Problem(StrEnum):
    PERIOD = "period"  # a word that looks like a period but is not one
    SERVICE = "service"  # words that name no service
    TWICE = "twice"  # two periods


class BadReportRequest(GuichetError):
    def __init__(self, problem: Problem, word: str) -> None:
        super().__init__(f"{problem.value}: {word!r}")
        self.problem = problem
        self.word = word


@dataclass(frozen=True)
class ReportRequest:
    days: int
    service: str | None = None  # None: every service (the caller may narrow it)


def parse_request(words: Sequence[str], config: ServicesConfig, default_days: int) -> ReportRequest:
    """The service and period named by ``words``; raises ``BadReportRequest``.

    The words that are not a period name the service together (``Service desk``)."""
    days: int | None = None
    name: list[str] = []
    for word in _periods_joined(words):
        period = parse_period(word)
        if period is not None:
            if days is not None:
                raise BadReportRequest(Problem.TWICE, word)
            days = period
        elif _PERIOD_LIKE.match(word):
            raise BadReportRequest(Problem.PERIOD, word)
        else:
            name.append(word)
    service: str | None = None
    if name:
        service = find_service(" ".join(name), config)
        if service is None:
            raise BadReportRequest(Problem.SERVICE, " ".join(name))
    return ReportRequest(days=days or default_days, service=service)


def _periods_joined(words: Sequence[str]) -> list[str]:
    """``30 jours`` as one word, ``30jours``: a number followed by a unit."""
    joined: list[str] = []
    for word in words:
        if joined and joined[-1].isdigit() and _PERIOD.match(joined[-1] + _folded(word)):
            joined[-1] += _folded(word)
        else:
            joined.append(word)
    return joined


def parse_period(word: str, max_days: int = MAX_DAYS) -> int | None:
    """``7d``, ``30j``, ``week`` -> a number of days (1 to ``max_days``: 365 unless the caller
    keeps more, as the audit log may); ``None`` if it is not one."""
    lowered = word.strip().lower()
    if _folded(word) in _PERIOD_WORDS and lowered.isalpha():  # « Semaine », « MOIS »
        return _PERIOD_WORDS[_folded(word)]
    match = _PERIOD.match(lowered)
    if match is None:
        return None
    days = int(match.group(1))
    return days if 1 <= days <= max_days else None


def find_service(word: str, config: ServicesConfig) -> str | None:
    """The id of the service ``word`` names (id, French or English name, channel name)."""
    wanted = _folded(word)
    if not wanted:
        return None
    partly: list[str] = []
    words = set(wanted.split("_"))
    for service_id, service in config.services.items():
        names = [_folded(n) for n in (service_id, service.name.fr, service.name.en)]
        names.append(_folded(service.channel))
        if wanted in names:
            return service_id
        if any(words <= set(name.split("_")) for name in names):
            partly.append(service_id)
    return partly[0] if len(partly) == 1 else None  # « informatique »: two services, neither


def _folded(text: str) -> str:
    """Lower case, no accents, words joined by ``_``: ``Sécurité informatique`` ->
    ``securite_informatique``; ``#it-infra`` -> ``it_infra``."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lstrip("#").casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return "_".join(re.findall(r"[a-z0-9]+", bare))
