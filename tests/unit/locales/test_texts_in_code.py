"""Texts the code used to write itself, outside the locale files (so outside French typography
and the check that both languages exist): now keys like every other text."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.domain.models import Language
from bot.knowledge.authoring import draft_from
from bot.locales.i18n import NO_BREAK_SPACE, t
from handlers.tickets.emergency_controls import suspected_line
from tests.fakes import ticket


def test_a_suspected_emergencys_words_are_quoted_as_each_language_quotes() -> None:
    nb = NO_BREAK_SPACE
    french = suspected_line(["panne", "urgent"], Language.FR)
    assert f"(«{nb}panne{nb}», «{nb}urgent{nb}»)" in french
    assert "(“outage”, “down”)" in suspected_line(["outage", "down"], Language.EN)


def test_an_articles_draft_is_headed_in_the_tickets_language() -> None:
    french = draft_from(ticket(language=Language.FR, description=" Le VPN coupe. "))
    assert french.body == "## Problème\nLe VPN coupe.\n\n## Solution\n"
    english = draft_from(ticket(language=Language.EN, description="VPN drops"))
    assert english.body == "## Problem\nVPN drops\n\n## Solution\n"


def test_the_texts_name_the_message_shortcut_as_slack_shows_it() -> None:
    """Slack shows the shortcut under the manifest's name (« Create a ticket from this message »
    named a menu entry nobody could find)."""
    manifest = yaml.safe_load((Path(__file__).parents[3] / "manifest.yml").read_text())
    [shortcut] = manifest["features"]["shortcuts"]
    name, nb = shortcut["name"], NO_BREAK_SPACE
    quoted = {Language.FR: f"«{nb}{name}{nb}»", Language.EN: f"“{name}”"}
    for language in Language:
        assert quoted[language] in t(language, "home.intro", reaction="ticket")
        assert quoted[language] in t(language, "governance.audit.action.ticket_from_message")
