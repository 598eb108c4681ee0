"""In a real browser, the README's first example: ``/ticket my VPN drops every hour`` and Submit,
nothing else typed."""

from __future__ import annotations

import re

import pytest

from tests.sandbox.browser.screen import Screen, require_browser
from tests.sandbox.driver import JOHN

require_browser()

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_a_short_text_is_enough_to_file(screen: Screen) -> None:
    tab = screen.tab
    await screen.open(JOHN, "C0GENERAL")
    await screen.type("/ticket my VPN drops every hour")
    await screen.file_past_articles("I still need help")  # the knowledge base answers first
    modal = tab.locator(".modal")
    await modal.locator(".modal-title", has_text="New ticket").wait_for()
    title = modal.locator('[data-block-id="title"] input')
    assert await title.input_value() == "my VPN drops every hour"
    for field in ("impact", "urgency"):  # what Guichet chose is there to see and change
        assert await modal.locator(f'[data-block-id="{field}"] input[value="medium"]').is_checked()

    await modal.locator(".modal-submit").click()
    await tab.locator('.modal[data-callback-id="ticket_filed"]').wait_for()
    confirmation = await tab.locator(".modal-body").inner_text()
    assert re.search(r"INC-\d+", confirmation) and "Infrastructure & network" in confirmation
