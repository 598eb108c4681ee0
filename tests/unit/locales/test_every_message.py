"""Every message rendered with counts 0, 1 and 2 in both languages, and what people noticed:
« 1 tickets », « 0 tickets » in French, « de Infrastructure », « 2 h 0 min », ``(s)``."""

from __future__ import annotations

import re
import string
from datetime import date, timedelta

import pytest

from bot.domain.models import Language
from bot.locales.i18n import MESSAGES, date_text, iso_date, number_text, t
from bot.locales.plurals import Plural
from handlers.kit.messages import duration_text

NAMES = {"service": "Infrastructure et réseau", "services": "Infrastructure et réseau"}


def _names(key: str) -> set[str]:
    text = MESSAGES[key][Language.EN]
    variant = text.other if isinstance(text, Plural) else text
    return {name for _, name, _, _ in string.Formatter().parse(variant) if name}


NUMBERS = frozenset(
    {
        *("count", "days", "hours", "minutes"),  # durations: « 1 h », invariable
        *("length", "max", "min", "step", "steps", "level", "number", "total", "breached"),
        *("learned", "read", "new", "known", "skipped", "open", "rated", "linked"),
        *("shown", "answered"),
    }
)
"""The parameters the code gives as numbers (and the ``by`` of every ``Plural``)."""

SINGULAR = {Language.EN: (1,), Language.FR: (0, 1)}  # CLDR: French 0 and 1 are "one"
PLURAL_WORD = re.compile(r"(?<![\w.,/#])(\d)\*? (\w+[sx])\b")
"""A number and the word after it, when that word is a plural (« 1 tickets », "1 lines")."""


def _selectors(key: str) -> set[str]:
    """The parameters that pick a plural form of ``key``, in either language."""
    return {text.by for text in MESSAGES[key].values() if isinstance(text, Plural)}


def _params(key: str, numbers: dict[str, int]) -> dict[str, object]:
    return {
        name: numbers.get(name, 2) if name in NUMBERS | _selectors(key) else NAMES.get(name, "x")
        for name in _names(key)
    }


def _renderings(key: str) -> list[dict[str, int]]:
    """Each number of ``key`` at 0, 1 and 2, the others at 2; at least ``count``'s three."""
    numbers = sorted((_names(key) & NUMBERS) | _selectors(key)) or ["count"]
    return [{name: n} for name in numbers for n in (0, 1, 2)]


@pytest.mark.parametrize("language", list(Language))
def test_every_key_renders_with_0_1_and_2_of_each_number(language: Language) -> None:
    for key in sorted(MESSAGES):
        for numbers in _renderings(key):
            text = t(language, key, **_params(key, numbers))
            assert text.strip(), key
            assert "(s)" not in text, key  # a plural is chosen, not left to the reader
            assert "de Infrastructure" not in text, key  # elided: d’Infrastructure
            [(name, n)] = numbers.items()
            if n in SINGULAR[language]:
                said = [m.group(0) for m in PLURAL_WORD.finditer(text) if int(m.group(1)) == n]
                assert not said, f"{key} with {name}={n}: {said}"


def test_a_plural_picks_its_form_from_the_number_it_names() -> None:
    key = "reports.stats.satisfaction_value"
    assert t(Language.FR, key, average="4,0", rated=1) == "4,0 / 5 · 1 ticket noté"
    assert t(Language.FR, key, average="4,0", rated=2) == "4,0 / 5 · 2 tickets notés"
    assert t(Language.EN, key, average="4.0", rated=1234) == "4.0 / 5 · 1,234 tickets rated"
    with pytest.raises(TypeError, match="rated=<int>"):
        t(Language.EN, key, average="4.0")


def test_plurals_follow_each_languages_rules() -> None:
    key = "reports.digest.fallback"
    assert t(Language.EN, key, service="x", count=0).endswith("0 tickets")
    assert t(Language.FR, key, service="x", count=0).endswith("0 ticket")
    assert t(Language.FR, key, service="x", count=1).endswith("1 ticket")
    assert t(Language.EN, key, service="x", count=2).endswith("2 tickets")
    assert t(Language.FR, key, service="x", count=1234).endswith("1\u202f234 tickets")
    assert t(Language.EN, key, service="x", count=1234).endswith("1,234 tickets")
    with pytest.raises(TypeError, match="count"):
        t(Language.EN, key, service="x")


def test_one_more_arrived_reads_singular() -> None:
    one = t(Language.FR, "problems.suggestion.held", count=1)
    assert one.startswith("1 de plus, arrivé depuis, attend ici")
    assert t(Language.EN, "problems.suggestion.held", count=1).startswith(
        "1 more has arrived since and is waiting"
    )


def test_french_elides_de_before_a_vowel_only() -> None:
    key = "working.claim.not_allowed"
    assert "membres d’Infrastructure et réseau" in t(
        Language.FR, key, service="Infrastructure et réseau", ticket_id="INC-1"
    )
    assert "membres de Sécurité" in t(Language.FR, key, service="Sécurité", ticket_id="INC-1")


def test_durations_drop_zero_minutes() -> None:
    assert duration_text(Language.FR, timedelta(hours=2)) == "2 h"
    assert duration_text(Language.EN, timedelta(hours=2, minutes=5)) == "2 h 5 min"
    assert duration_text(Language.FR, timedelta(days=3)) == "3 j"


def test_dates_and_numbers() -> None:
    assert iso_date(date(2025, 12, 31)) == "2025-12-31"  # reports: ISO, as the export's times
    assert date_text(Language.FR, date(2025, 12, 31)) == "31/12/2025"  # CLDR's short date
    assert date_text(Language.EN, date(2025, 12, 31)) == "2025-12-31"
    assert number_text(Language.FR, 100000) == "100\u202f000"


def test_a_status_inside_a_sentence_is_lower_case() -> None:
    from bot.domain.models import Status
    from bot.locales.i18n import status_in_sentence

    text = t(
        Language.FR,
        "working.claim.closed",
        ticket_id="INC-3",
        status=status_in_sentence(Language.FR, Status.IN_PROGRESS),
    )
    assert text.startswith("INC-3 est en cours\u00a0:")
    assert status_in_sentence(Language.EN, Status.IN_PROGRESS) == "in progress"
