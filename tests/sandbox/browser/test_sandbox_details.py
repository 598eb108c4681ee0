"""In a real browser, the sandbox's details: Slack's words in the person's language, the relay's
📨 shown as an emoji, a dangerous confirmation button red, and a cancelled ticket's DM saying
what was answered with no button left (issue 16, item 14)."""

from __future__ import annotations

import pytest

from tests.sandbox.browser.screen import Screen, require_browser
from tests.sandbox.driver import MARIE

require_browser()

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_a_french_form_says_choose_in_french(screen: Screen) -> None:
    tab = screen.tab
    await screen.open(MARIE, "C0GENERAL")
    await screen.type("/ticket mon imprimante est en panne")
    await screen.file_past_articles("J’ai encore besoin d’aide")
    modal = tab.locator(".modal")
    await modal.locator(".modal-title", has_text="Nouveau ticket").wait_for()
    prompt = modal.locator('[data-block-id="type"] select option').first
    assert await prompt.inner_text() == "Choisir une option"


async def test_the_relays_reaction_is_an_emoji(screen: Screen) -> None:
    await screen.open(MARIE, "C0GENERAL")
    shown = await screen.tab.evaluate("BlockKit.emojify(':incoming_envelope:')")
    assert "📨" in shown and ":incoming_envelope:" not in shown.replace('title=":', "")


async def test_cancelling_a_ticket_asks_with_a_red_button(screen: Screen) -> None:
    tab = screen.tab
    await screen.open(MARIE, "C0GENERAL")
    await screen.type("/ticket mon VPN coupe toutes les heures")
    await screen.file_past_articles("J’ai encore besoin d’aide")
    modal = tab.locator(".modal")
    await modal.locator(".modal-title", has_text="Nouveau ticket").wait_for()
    await modal.locator(".modal-submit").click()
    await tab.locator('.modal[data-callback-id="ticket_filed"]').wait_for()
    await tab.locator(".modal-close").click()
    await tab.locator('[data-place="app"]').click()
    await tab.locator("#tab-messages").click()
    await tab.locator("#messages .bk-button.danger").first.click()
    confirm = tab.locator(".modal-backdrop.confirm button.danger")
    await confirm.wait_for()
    assert await confirm.inner_text() == "Oui, annuler"
    assert "primary" not in (await confirm.get_attribute("class") or "")

    await confirm.click()  # the DM says what was answered, and nothing is left to press
    messages = tab.locator("#messages")
    await messages.get_by_text("Vous avez annulé").first.wait_for()
    assert await messages.locator(".bk-button").count() == 0
