"""In a real browser, a refusal shows where the button was pressed: someone who is not a member
of a service's channel (a public channel they look at without joining) presses Claim on a card
and sees why not, under it, only for them."""

from __future__ import annotations

import pytest

from tests.sandbox.browser.screen import Screen, require_browser
from tests.sandbox.driver import INFRA, JOHN, MARIE

require_browser()

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_an_outsider_sees_the_refusal_where_they_pressed(screen: Screen) -> None:
    tab, driver = screen.tab, screen.driver
    emulator = driver.sandbox.emulator
    modal = await driver.open_form(MARIE)
    values = {
        "type": {"type": "incident"},
        "title": {"title": "Le VPN coupe toutes les heures"},
        "description": {"description": "Depuis lundi le VPN se déconnecte toutes les heures."},
        "impact": {"impact": "medium"},
        "urgency": {"urgency": "high"},
    }
    await driver.post("submit", user=MARIE, view_id=modal["view"]["id"], values=values)
    await driver.until(lambda: emulator.messages(INFRA), "the ticket's post")
    assert JOHN not in emulator.channel_info(INFRA)["members"]

    await screen.open(JOHN, "C0INFRA")
    card = tab.locator("#messages .message").first
    await card.locator('[data-action-id="ticket_claim"]').click()
    refusal = tab.locator("#messages .message.ephemeral")
    await refusal.wait_for()
    text = await refusal.inner_text()
    assert "Only members of Infrastructure & network can claim" in text
    assert "Only visible to you" in text
    assert [e["user"] for e in emulator.ephemerals(INFRA)] == [JOHN]  # nobody else sees it
    assert not emulator.messages(driver.sandbox.emulator.dm_channel_id(JOHN))  # no DM instead
