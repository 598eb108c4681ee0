"""One browser for the session, a fresh sandbox and browser context per test."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from tests.sandbox.browser.screen import CHROMIUM, CHROMIUM_ARGS, DOCS, Screen, require_browser
from tests.sandbox.driver import (
    driven_sandbox,
)


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def browser() -> AsyncIterator[Any]:
    playwright = require_browser()
    async with playwright.async_playwright() as driver:
        chromium = await driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        await chromium.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("GUICHET_SCREENSHOTS"):
        DOCS.mkdir(exist_ok=True)
        return DOCS
    return tmp_path_factory.mktemp("screenshots")


@pytest_asyncio.fixture(loop_scope="session")
async def screen(browser: Any, shots: Path, tmp_path: Path) -> AsyncIterator[Screen]:
    async with driven_sandbox() as driver:
        context = await browser.new_context(
            viewport={"width": 1280, "height": 760}, timezone_id="Europe/Paris", locale="en-GB"
        )
        context.set_default_timeout(5_000)
        tab = await context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        try:
            yield Screen(tab, driver, shots, tmp_path)
        finally:
            await context.close()
        assert errors == [], errors
