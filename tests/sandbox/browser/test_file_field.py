"""In a real browser, a catalogue form's file field: John asks for a new laptop and attaches a
photo of the old one; the page uploads it when picked, lists it, and the ticket keeps it."""

from __future__ import annotations

import pytest

from bot.domain.models import Status
from tests.sandbox.browser.screen import Screen, require_browser
from tests.sandbox.driver import JOHN

require_browser()

pytestmark = pytest.mark.asyncio(loop_scope="session")

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


async def test_a_photo_is_attached_to_a_new_laptop_request(screen: Screen) -> None:
    tab, driver = screen.tab, screen.driver
    await screen.open(JOHN, "C0GENERAL")
    await screen.type("/ticket")
    modal = tab.locator(".modal")
    await modal.locator(".modal-title", has_text="New request").wait_for()
    await modal.locator('select[data-action-id="catalogue_pick"]').select_option("new_laptop")
    photo = modal.locator('[data-block-id="field_photo"] input[type="file"]')
    await photo.wait_for()
    assert await photo.get_attribute("accept") == ".png,.jpg,.jpeg,.pdf"
    await modal.locator('[data-block-id="field_model"] select').select_option("standard")
    await modal.locator('[data-block-id="field_needed_by"] input').fill("2030-01-15")
    await photo.set_input_files(
        files=[{"name": "cracked.png", "mimeType": "image/png", "buffer": PNG}]
    )
    await modal.locator('[data-block-id="field_photo"] li', has_text="cracked.png").wait_for()
    await modal.locator(".modal-submit").click()
    await tab.locator('.modal[data-callback-id="guichet_notice"]').wait_for()

    async def filed() -> list | None:
        reads = driver.sandbox.guichet.helpdesk.tickets
        tickets = await reads.list_for_requester(JOHN, list(Status))
        return [t for t in tickets if t.request and t.request.files] or None

    [ticket] = await driver.until(filed, "the ticket with its photo")
    [ref] = ticket.request.files
    assert ref.name == "cracked.png" and ref.permalink.endswith("/cracked.png")
