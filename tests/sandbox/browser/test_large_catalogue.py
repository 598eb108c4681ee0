"""In a real browser, a large catalogue: "What do you need?" has a search box; what Marie types
is sent to the bot (Slack's block_suggestion) and the menu offers what it found."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from tests.sandbox.browser.screen import Screen, require_browser
from tests.sandbox.driver import MARIE, large_catalogue_sandbox

require_browser()

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(loop_scope="session")
async def large(browser: Any, shots: Path, tmp_path: Path) -> AsyncIterator[Screen]:
    async with large_catalogue_sandbox() as driver:
        context = await browser.new_context(viewport={"width": 1280, "height": 760})
        context.set_default_timeout(5_000)
        tab = await context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        try:
            yield Screen(tab, driver, shots, tmp_path)
        finally:
            await context.close()
        assert errors == [], errors


async def test_typing_in_what_do_you_need_asks_the_bot(large: Screen) -> None:
    tab = large.tab
    await large.open(MARIE, "C0GENERAL")
    await large.type("/ticket")
    modal = tab.locator(".modal")
    menu = modal.locator('select[data-action-id="catalogue_pick"]')
    await menu.locator("option", has_text="Gadget numéro 59").wait_for(state="attached")
    await modal.locator('[data-suggest-for="catalogue_pick"]').fill("portable")
    await menu.locator("option", has_text="Gadget").first.wait_for(state="detached")
    values = await menu.locator("option").evaluate_all("all => all.map(o => o.value)")
    assert values == ["", "new_laptop", "something_else"]
    await menu.select_option("new_laptop")
    await modal.locator('[data-block-id="field_needed_by"] input').wait_for()
