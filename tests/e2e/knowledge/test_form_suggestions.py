"""The filing form's title: Enter shows articles in the form (what was typed is kept); an
article that answers closes the form without a ticket, a ticket filed anyway is counted."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.domain.config import load_services_config
from bot.domain.knowledge import KnowledgeConfig
from storage.client import Database
from tests.e2e.harness import EMPLOYEE_FR, SERVICES_FILE, Harness, running_bot

ARTICLES = Path(__file__).parents[3] / "sandbox" / "knowledge"
LONG_AGO = datetime(2000, 1, 1)


@pytest.fixture
async def kb(database: Database) -> AsyncIterator[Harness]:
    config = load_services_config(SERVICES_FILE)
    config = config.model_copy(update={"knowledge": KnowledgeConfig(folder=ARTICLES)})
    async with running_bot(database, config=config) as harness:
        yield harness


async def _enter_title(bot: Harness, view: dict[str, Any], title: str) -> dict[str, Any]:
    """Type ``title`` in the form (state kept by the emulator) and press Enter."""
    status, _ = await bot.send.block_action("title", title, user_id=EMPLOYEE_FR, view=view)
    assert status == 200
    call = await bot.view_updated(view, hashed=True)  # the version the title changes
    assert call.ok, call.response
    return call.response["view"]


async def test_enter_in_the_title_shows_articles_and_a_ticket_filed_anyway_counts(
    kb: Harness,
) -> None:
    view = await kb.open_form(user=EMPLOYEE_FR)
    title_block = next(b for b in view["blocks"] if b.get("block_id") == "title")
    assert title_block["dispatch_action"] is True
    assert "Appuyez sur Entrée" in title_block["hint"]["text"]

    updated = await _enter_title(kb, view, "imprimante du 3e étage")
    ids = [b.get("block_id") for b in updated["blocks"]]
    assert ids[:3] == ["intro", "kb_intro", "kb_printer-fr"]
    assert "Ajouter une imprimante" in str(updated["blocks"])
    assert {"type", "title", "description", "impact", "urgency"} <= set(ids)

    again = await _enter_title(kb, updated, "ma caméra reste noire en visio")
    shown = str(again["blocks"])
    assert "Teams" in shown and "imprimante" not in shown  # replaced, not added

    status, body = await kb.submit(
        again,
        {
            "type": "incident",
            "title": "Caméra noire",
            "description": "Même après avoir fermé Zoom.",
            "impact": "low",
            "urgency": "low",
        },
        user=EMPLOYEE_FR,
    )
    assert status == 200 and body["response_action"] == "update", body
    counts = await kb.guichet.knowledge.counts(LONG_AGO)
    assert (counts.shown, counts.answered, counts.tickets_after) == (2, 0, 1)


async def test_an_article_that_answers_closes_the_form(kb: Harness) -> None:
    view = await kb.open_form(user=EMPLOYEE_FR)
    updated = await _enter_title(kb, view, "mot de passe expiré")
    before = len(kb.view_updates(updated["id"]))
    status, _ = await kb.send.block_action("knowledge_answered", user_id=EMPLOYEE_FR, view=updated)
    assert status == 200
    closed = (await kb.view_updated(updated, before)).response["view"]
    assert "Tant mieux" in str(closed["blocks"]) and not closed.get("submit")
    counts = await kb.guichet.knowledge.counts(LONG_AGO)
    assert (counts.shown, counts.answered, counts.tickets_after) == (1, 1, 0)
    assert await kb.guichet.helpdesk.tickets.history("INC-1") == []


async def test_a_title_no_article_covers_changes_nothing_visible(kb: Harness) -> None:
    view = await kb.open_form(user=EMPLOYEE_FR)
    updated = await _enter_title(kb, view, "la climatisation est en panne")
    assert not any(str(b.get("block_id")).startswith("kb_") for b in updated["blocks"])
    assert (await kb.guichet.knowledge.counts(LONG_AGO)).shown == 0


async def test_the_message_shortcut_opens_the_form_with_articles(kb: Harness) -> None:
    message = kb.slack.add_message("C0GENERAL", "Mon VPN se coupe tout le temps en télétravail")
    # the form opens first, then is completed with the articles (issue 16: the trigger's 3 s)
    view = (await kb.from_message(message, "C0GENERAL", EMPLOYEE_FR)).response["view"]
    ids = [b.get("block_id") for b in view["blocks"]]
    assert ids[:3] == ["intro", "kb_intro", "kb_vpn-laptop-fr"]
    assert "title" in ids and "source" in ids  # the form and the message's link stay
    status, body = await kb.submit(
        view, {"type": "incident", "impact": "low", "urgency": "high"}, user=EMPLOYEE_FR
    )
    assert status == 200 and body["response_action"] == "update", body
    counts = await kb.guichet.knowledge.counts(LONG_AGO)
    assert (counts.shown, counts.tickets_after) == (1, 1)
