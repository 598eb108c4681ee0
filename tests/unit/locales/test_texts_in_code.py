"""Texts the code used to write itself, outside the locale files (so outside French typography
and the check that both languages exist): now keys like every other text."""

from __future__ import annotations

from bot.domain.models import Language
from bot.knowledge.authoring import draft_from
from bot.locales.i18n import NO_BREAK_SPACE
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
