"""The "sent to another team" history line names the teams as each language writes them: French
puts each team's article (« de l’Infrastructure et réseau au Centre de support »), or, for a
team the services file gives none, elides « de » before a vowel (« d’Infrastructure et réseau »).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.config import load_services_config, parse_services_config
from bot.domain.models import HistoryAction, HistoryEntry, Language
from handlers.kit.history import describe_change
from tests.e2e.harness import SERVICES_FILE

CONFIG = load_services_config(SERVICES_FILE)
BARE = parse_services_config(  # the same file without its French articles
    "\n".join(
        line
        for line in Path(SERVICES_FILE).read_text(encoding="utf-8").splitlines()
        if not line.strip().startswith("article:")
    )
)
AT = datetime(2026, 12, 5, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("before", "after", "language", "expected"),
    [
        (
            "infra_network",
            "service_desk",
            Language.FR,
            "transmis de l’Infrastructure et réseau au Centre de support par <@U0INFRA2>",
        ),
        (
            "service_desk",
            "security",
            Language.FR,
            "transmis du Centre de support à la Sécurité informatique par <@U0INFRA2>",
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


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (
            "infra_network",
            "service_desk",
            "transmis d’Infrastructure et réseau à Centre de support par <@U0INFRA2>",
        ),
        (
            "service_desk",
            "infra_network",
            "transmis de Centre de support à Infrastructure et réseau par <@U0INFRA2>",
        ),
    ],
)
def test_teams_without_an_article_are_named_bare_and_elided(
    before: str, after: str, expected: str
) -> None:
    entry = HistoryEntry("INC-1", AT, "U0INFRA2", HistoryAction.REASSIGNED, before, after)
    assert describe_change(entry, Language.FR, BARE) == expected
    # both files loaded in one process: each keeps its own articles
    assert describe_change(entry, Language.FR, CONFIG) != expected
