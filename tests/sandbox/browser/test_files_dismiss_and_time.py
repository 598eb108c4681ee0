"""In a real browser, the sandbox's issue-16 details: the CSV export arrives in the DM with its
file, downloadable, and holds the ticket filed since the clock's last move; an answer only for
you is dismissed; the clock runs in real time at a toggle."""

from __future__ import annotations

import asyncio

import pytest

from tests.sandbox.browser.screen import Screen, require_browser
from tests.sandbox.driver import GENERAL, SOPHIE
from tests.sandbox.test_page_files_and_time import _file_question

require_browser()

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_the_export_is_downloaded_and_the_answer_dismissed(screen: Screen) -> None:
    tab = screen.tab
    ticket_id = await _file_question(screen.driver)  # Marie's, at the standing clock's time
    await screen.open(SOPHIE, GENERAL)
    await screen.type("/ticket stats 1j")
    stats = tab.locator("#messages .message.ephemeral", has_text="Statistiques")
    await stats.wait_for()
    assert "Tickets\n1" in await stats.inner_text()  # counted, though the clock has not moved
    await screen.type("/ticket export 1j")
    answer = tab.locator("#messages .message.ephemeral", has_text="export")
    await answer.wait_for()
    assert "Only visible to you" in await answer.inner_text()
    await stats.locator("button.dismiss").click()
    await answer.locator("button.dismiss").click()
    await answer.wait_for(state="detached")
    assert await tab.locator("#messages .message.ephemeral").count() == 0

    await tab.locator('[data-place="app"]').click()
    await tab.locator("#tab-messages").click()
    link = tab.locator("#messages .file .file-name")
    await link.wait_for()
    assert (await tab.locator("#messages .file .file-meta").inner_text()).startswith(
        "guichet-tickets-"
    )
    await screen.shot("sandbox-export-file.png", readme=False)
    async with tab.expect_download() as downloading:
        await link.click()
    download = await downloading.value
    assert download.suggested_filename.endswith(".csv")
    saved = screen.scratch / download.suggested_filename
    await download.save_as(str(saved))
    assert ticket_id in await asyncio.to_thread(saved.read_text, encoding="utf-8-sig")


async def test_real_time_is_a_toggle(screen: Screen) -> None:
    tab = screen.tab
    clock = screen.driver.sandbox.clock
    await screen.open(SOPHIE, GENERAL)
    toggle = tab.locator("#real-time")
    assert not await toggle.is_checked()
    async with tab.expect_response(lambda r: r.url.endswith("/api/real_time")) as answer:
        await toggle.check()
    assert (await (await answer.value).json())["real_time"] is True
    assert clock.real_time
    await tab.wait_for_function("window.Sandbox.state.data.real_time === true")
    await screen.advance_clock("#clock-15")  # the buttons still skip ahead
    assert clock.real_time
    async with tab.expect_response(lambda r: r.url.endswith("/api/real_time")):
        await toggle.uncheck()
    assert not clock.real_time
    await tab.wait_for_function("window.Sandbox.state.data.real_time === false")
