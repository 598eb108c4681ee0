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


def _params(key: str, count: int) -> dict[str, object]:
    return {
        name: count if name in ("count", "days", "hours", "minutes") else NAMES.get(name, "x")
        for name in _names(key)
    }


@pytest.mark.parametrize("count", [0, 1, 2])
@pytest.mark.parametrize("language", list(Language))
def test_every_key_renders_with_0_1_and_2(language: Language, count: int) -> None:
    for key in sorted(MESSAGES):
        text = t(language, key, **_params(key, count))
        assert text.strip(), key
        assert "(s)" not in text, key  # a plural is chosen, not left to the reader
        assert not re.search(r"(?<![\w.,])1 (tickets|incidents)", text), key  # not "P1 tickets"
        assert "de Infrastructure" not in text, key  # elided: d’Infrastructure
        if language is Language.FR and count == 0:
            assert not re.search(r"(?<![\w.,])0 (tickets|incidents)", text), key  # CLDR: one


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
        "1 more arrived since and waits"
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
    assert text.startswith("INC-3 est en cours :")
    assert status_in_sentence(Language.EN, Status.IN_PROGRESS) == "in progress"
