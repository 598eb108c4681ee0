"""The "sent to another team" history line names the teams as each language writes them: French
elides « de » before a team whose name starts with a vowel (« d’Infrastructure et réseau »)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.config import load_services_config
from bot.domain.models import HistoryAction, HistoryEntry, Language
from handlers.kit.history import describe_change
from tests.e2e.harness import SERVICES_FILE

CONFIG = load_services_config(SERVICES_FILE)
AT = datetime(2026, 12, 5, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("before", "after", "language", "expected"),
    [
        (
            "infra_network",
            "service_desk",
            Language.FR,
            "transmis d’Infrastructure et réseau à Centre de support par <@U0INFRA2>",
        ),
        (
            "service_desk",
            "infra_network",
            Language.FR,
            "transmis de Centre de support à Infrastructure et réseau par <@U0INFRA2>",
        ),
        (
            "infra_network",
            "service_desk",
            Language.EN,
            "sent from Infrastructure &amp; network to Service desk by <@U0INFRA2>",
        ),
    ],
)
def test_the_teams_are_named_as_the_language_writes_them(
    before: str, after: str, language: Language, expected: str
) -> None:
    entry = HistoryEntry("INC-1", AT, "U0INFRA2", HistoryAction.REASSIGNED, before, after)
    assert describe_change(entry, language, CONFIG) == expected
