"""The sandbox page in a real browser (Playwright driving Debian's Chromium): the browser to use,
and ``Screen``, a tab on the page with the sandbox behind it.

Screenshots go to a temporary folder, or to ``docs/`` (the README's pictures) with
``GUICHET_SCREENSHOTS=1``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.sandbox.driver import (
    PageDriver,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DOCS = Path(__file__).resolve().parents[3] / "docs"


def require_browser() -> Any:
    """Skip the calling test module when Chromium or Playwright is missing; else Playwright's
    async API."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests skipped: {CHROMIUM} is missing (apt-get install -y chromium)",
            allow_module_level=True,
        )
    playwright = pytest.importorskip(
        "playwright.async_api",
        reason="browser tests skipped: pip install -e '.[test]' (playwright)",
    )
    return playwright


class Screen:
    """A browser tab on the sandbox page, and the sandbox behind it."""

    def __init__(self, tab: Any, driver: PageDriver, shots: Path, scratch: Path) -> None:
        self.tab = tab
        self.driver = driver
        self.shots = shots
        self.scratch = scratch

    async def open(self, user: str, place: str) -> None:
        await self.tab.goto(f"{self.driver.sandbox.url}#{user}/{place}")
        await self.tab.wait_for_function("window.Sandbox && window.Sandbox.state.data")

    async def be(self, user: str) -> None:
        await self.tab.select_option("#you-are", user)

    async def type(self, text: str, area: str = "#composer-area") -> None:
        field = self.tab.locator(f"{area} .composer-input")
        await field.fill(text)
        await field.press("Enter")

    async def advance_clock(self, button: str) -> None:
        """Press a clock button and wait for the answer (sent once the due work has run)."""
        async with self.tab.expect_response(lambda r: r.url.endswith("/api/clock")) as answer:
            await self.tab.locator(button).click()
        assert (await (await answer.value).json())["ok"]

    async def shot(self, name: str, readme: bool = True) -> Path:
        """A screenshot; those in the README go to ``docs/`` with ``GUICHET_SCREENSHOTS=1``."""
        path = (self.shots if readme else self.scratch) / name
        await self.tab.mouse.move(1, 1)  # no hover toolbar in the picture
        await self.tab.screenshot(path=str(path))
        assert path.stat().st_size > 10_000
        return path

    async def file_past_articles(self, still_need_help: str) -> None:
        """After ``/ticket <text>``: the knowledge base may first answer with articles; press
        its "still need help" button (``still_need_help``, in the person's language) when it
        does, so the form opens."""
        form = self.tab.locator(".modal .modal-title")
        button = self.tab.locator(".bk-button", has_text=still_need_help)
        await form.or_(button.first).first.wait_for()
        if not await form.count():
            await button.first.click()
