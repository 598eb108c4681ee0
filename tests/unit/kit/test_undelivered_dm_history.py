"""A DM the outbox could never deliver is in the ticket's history, saying in the reader's language
what the requester was not told (not the notice's internal name)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.models import HistoryAction, HistoryEntry, Language
from bot.locales.i18n import MESSAGES
from bot.tickets.ports import RequesterNotice
from handlers.kit.history import describe_change


def test_every_requester_notice_has_a_name_in_both_languages() -> None:
    for notice in RequesterNotice:
        names = MESSAGES[f"tickets.requester_notice.{notice.value}"]
        assert names[Language.FR] and names[Language.EN]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (Language.FR, "message au demandeur non remis (pris en charge\u00a0: channel_not_found)"),
        (Language.EN, "message to the requester never delivered (claimed: channel_not_found)"),
    ],
)
def test_the_history_line_names_what_was_not_told(language: Language, expected: str) -> None:
    entry = HistoryEntry(
        "INC-1",
        datetime(2026, 12, 4, 10, 5, tzinfo=UTC),
        "guichet",
        HistoryAction.DM_FAILED,
        after=RequesterNotice.CLAIMED.value,
        note="channel_not_found",
    )
    assert describe_change(entry, language) == expected
