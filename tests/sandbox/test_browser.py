"""The sandbox page in a real browser (Playwright driving Debian's Chromium).

One browser for the session, a fresh sandbox and browser context per test. Screenshots go to a
temporary folder, or to ``docs/`` (the README's pictures) with ``GUICHET_SCREENSHOTS=1``.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from tests.sandbox.driver import (
    EMMA,
    INFRA,
    JOHN,
    MARIE,
    PAUL,
    SOPHIE,
    PageDriver,
    driven_sandbox,
    has_action,
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
DOCS = Path(__file__).resolve().parents[2] / "docs"

if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests skipped: {CHROMIUM} is missing (apt-get install -y chromium)",
        allow_module_level=True,
    )
playwright = pytest.importorskip(
    "playwright.async_api", reason="browser tests skipped: pip install -e '.[test]' (playwright)"
)

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def browser() -> AsyncIterator[Any]:
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


async def _fill_vpn_form(tab: Any) -> None:
    modal = tab.locator(".modal")
    await modal.locator('[data-block-id="type"] select').select_option("incident")
    await modal.locator('[data-block-id="title"] input').fill("Mon VPN coupe toutes les heures")
    await modal.locator('[data-block-id="description"] textarea').fill(
        "Depuis lundi, le VPN se déconnecte toutes les heures et je perds mon travail."
    )
    await modal.locator('[data-block-id="impact"] input[value="medium"]').check()
    await modal.locator('[data-block-id="urgency"] input[value="high"]').check()


async def test_the_french_employee_files_a_ticket(screen: Screen) -> None:
    tab = screen.tab
    await screen.open(MARIE, "C0GENERAL")
    await screen.type("/ticket")
    modal = tab.locator(".modal")
    await modal.locator(".modal-title", has_text="Nouveau ticket").wait_for()

    await modal.locator(".modal-submit").click()  # nothing filled in: the fields say why
    title_error = modal.locator('[data-block-id="title"] .bk-error')
    await title_error.wait_for()
    assert await title_error.inner_text() == "Donnez un titre à votre demande."
    await screen.shot("sandbox-form-errors.png")

    await _fill_vpn_form(tab)
    await modal.locator(".modal-submit").click()
    await tab.locator('.modal[data-callback-id="ticket_filed"]').wait_for()
    confirmation = await tab.locator(".modal-body").inner_text()
    ticket_id = re.search(r"INC-\d+", confirmation).group()  # type: ignore[union-attr]
    assert "Infrastructure et réseau" in confirmation
    await tab.locator(".modal-close").click()
    await tab.locator(".modal").wait_for(state="detached")

    dm_badge = tab.locator('[data-place="app"] .badge')
    await dm_badge.wait_for()
    await tab.locator('[data-place="app"]').click()
    await tab.locator("#tab-messages").click()
    dm = tab.locator("#messages .message", has_text=ticket_id)
    await dm.wait_for()
    text = await dm.inner_text()
    assert "Votre ticket" in text and "#it-infra-network" in text  # the channel, by its name
    await screen.shot("sandbox-dm.png")


async def test_the_agent_claims_the_ticket_in_its_channel(screen: Screen) -> None:
    tab, driver = screen.tab, screen.driver
    modal = await driver.open_form(MARIE)
    values = {
        "type": {"type": "incident"},
        "title": {"title": "Mon VPN coupe toutes les heures"},
        "description": {"description": "Depuis lundi le VPN se déconnecte toutes les heures."},
        "impact": {"impact": "medium"},
        "urgency": {"urgency": "high"},
    }
    await driver.post("submit", user=MARIE, view_id=modal["view"]["id"], values=values)
    await driver.until(lambda: driver.sandbox.emulator.messages(INFRA), "the ticket's post")

    await screen.open(JOHN, "C0GENERAL")
    await screen.be(EMMA)  # the "You are" switcher
    await tab.locator('[data-place="C0INFRA"]').click()
    message = tab.locator("#messages .message").first
    claim = message.locator('[data-action-id="ticket_claim"]')
    await claim.wait_for()
    header = await message.locator(".bk-header").inner_text()
    assert re.fullmatch(r"INC-\d+ · Incident", header.strip()), header
    assert "@Marie Dubois" in await message.inner_text()
    await screen.shot("sandbox-channel.png")

    await claim.click()
    await message.locator(".edited").wait_for()
    await claim.wait_for(state="detached")
    assert "@Emma Wilson" in await message.inner_text()
    (posted,) = driver.sandbox.emulator.messages(INFRA)
    assert not has_action(posted, "ticket_claim")
    await screen.shot("sandbox-claimed.png")

    # working it with the message's own controls: a static select, then a modal's users select
    status = message.locator('select[data-action-id="ticket_status"]')
    await status.select_option(label="Waiting on requester")
    await message.locator(".bk-field", has_text="Waiting on requester").wait_for()
    await message.locator('[data-action-id="ticket_assign"]').click()
    assign = tab.locator(".modal")
    await assign.locator('select[data-action-id="assignee"]').select_option(SOPHIE)
    await assign.locator(".modal-submit").click()
    error = assign.locator('[data-block-id="assignee"] .bk-error')  # Sophie is not infra staff
    await error.wait_for()
    await assign.locator('select[data-action-id="assignee"]').select_option(PAUL)
    await assign.locator(".modal-submit").click()
    await assign.wait_for(state="detached")
    await message.locator(".bk-field", has_text="@Paul Lefèvre").wait_for()


async def test_the_app_home(screen: Screen) -> None:
    tab = screen.tab
    await screen.open(SOPHIE, "app/home")
    new_ticket = tab.locator('.home-view [data-action-id="home_new_ticket"]')
    await new_ticket.wait_for()
    await screen.shot("sandbox-home.png")
    await new_ticket.click()
    await tab.locator(".modal .modal-title", has_text="Nouveau ticket").wait_for()
    await tab.locator(".modal-close").click()
    await tab.locator(".modal").wait_for(state="detached")


async def test_a_message_becomes_a_ticket(screen: Screen) -> None:
    tab = screen.tab
    await screen.open(MARIE, "C0GENERAL")
    await screen.type("L'imprimante du 2e étage est hors ligne depuis ce matin")
    message = tab.locator("#messages .message").first
    await message.hover()
    await message.locator(".shortcuts-message").click()
    await message.locator('[data-callback-id="ticket_from_message"]').click()
    title = tab.locator('.modal [data-block-id="title"] input')
    await title.wait_for()
    assert "imprimante" in await title.input_value()
    await tab.locator(".modal-close").click()

    await message.hover()
    await message.locator(".tool.react").click()  # the :ticket: reaction files it at once
    await message.locator(".replies").wait_for()
    await message.locator('.reaction[title=":white_check_mark:"]').wait_for()
    await message.locator(".replies").click()
    confirmation = tab.locator("#thread-messages .message", has_text="Marie Dubois")
    await confirmation.last.wait_for()
    await screen.shot("sandbox-reaction.png", readme=False)


async def test_block_kit_rendering_and_actions(screen: Screen) -> None:
    tab, bolt = screen.tab, screen.driver.sandbox.guichet.bolt
    pressed: list[dict] = []

    async def press(ack: Any, action: dict) -> None:
        await ack()
        pressed.append(action)

    bolt.action(re.compile("^gallery_"))(press)
    await screen.open(JOHN, "app/home")
    await tab.locator('.home-view [data-action-id="home_new_ticket"]').wait_for()
    await bolt.client.views_publish(user_id=JOHN, view=_gallery())  # what a Home may hold
    home = tab.locator(".home-view")
    await home.locator(".bk-header", has_text="Your tickets").wait_for()
    section = await home.locator('[data-block-id="intro"]').inner_html()
    assert "<b>two</b>" in section and "<i>open</i>" in section and "<code>INC-7</code>" in section
    assert "@John Carter" in section and "#it-infra-network" in section
    assert '<a href="https://example.com/kb"' in section and "2026-01-05 10:00 UTC" in section
    assert "<script>" not in section and "&lt;script&gt;" in section
    assert 'href="javascript' not in section
    await home.locator(".bk-field", has_text="P2").wait_for()
    await home.locator(".bk-context", has_text="Updated").wait_for()
    await home.locator(".bk-divider").wait_for()
    await home.locator('[data-action-id="gallery_new"]').click()
    await home.locator('select[data-action-id="gallery_status"]').select_option("resolved")
    await home.locator('select[data-action-id="gallery_assign"]').select_option(EMMA)
    await home.locator('[data-action-id="gallery_more"]').click()
    await home.locator('.bk-overflow-menu button[data-value="close"]').click()
    await home.locator('[data-action-id="gallery_cancel"]').click()  # asks first
    dialog = tab.locator(".modal-backdrop.confirm")
    assert "cannot be undone" in await dialog.inner_text()
    await dialog.locator("button.primary").click()
    await screen.driver.until(lambda: len(pressed) == 5, "the five actions")
    assert [a["action_id"] for a in pressed] == [
        "gallery_new",
        "gallery_status",
        "gallery_assign",
        "gallery_more",
        "gallery_cancel",
    ]
    assert pressed[0]["value"] == "new"
    assert pressed[1]["selected_option"]["value"] == "resolved"
    assert pressed[2]["selected_user"] == EMMA
    assert pressed[3]["selected_option"]["value"] == "close"
    await screen.shot("sandbox-block-kit.png", readme=False)


async def test_emergency_paging_until_acknowledged(screen: Screen) -> None:
    sandbox = screen.driver.sandbox
    if not sandbox.due_work():
        pytest.skip(
            "needs the scheduler (issue 4): nothing in Guichet.after_clock_advance and no "
            "guichet.scheduler.tick, so moving the sandbox clock pages nobody"
        )
    tab, emulator = screen.tab, sandbox.emulator

    def pages() -> list[tuple[str, dict]]:
        """Every page sent (the DMs that came with an Acknowledge button), as first posted:
        a page updated after the acknowledgement still counts."""
        people = {person.id for person in sandbox.client.workspace.people}
        sent = []
        for call in emulator.calls_to("chat.postMessage"):
            channel = str(call.args.get("channel", ""))
            dm = f"D{channel}" if channel in people else channel
            message = {"blocks": call.args.get("blocks") or []}
            if call.ok and dm.startswith("D") and has_action(message, "ticket_ack"):
                sent.append((dm, message))
        return sent

    await screen.open(JOHN, "C0GENERAL")
    await screen.type("/ticket")
    modal = tab.locator(".modal")
    await modal.locator('[data-block-id="type"] select').select_option("emergency")
    await modal.locator('[data-block-id="title"] input').fill("The whole office lost internet")
    await modal.locator('[data-block-id="description"] textarea').fill(
        "No connection on any floor since 9:00; the router's lights are off."
    )
    await modal.locator('[data-block-id="impact"] input[value="high"]').check()
    await modal.locator('[data-block-id="urgency"] input[value="high"]').check()
    await modal.locator(".modal-submit").click()
    await tab.locator('.modal[data-callback-id="ticket_filed"]').wait_for()
    await tab.locator(".modal-close").click()

    await screen.be(EMMA)
    await screen.advance_clock("#clock-15")
    await screen.driver.until(lambda: any(dm == f"D{EMMA}" for dm, _ in pages()), "Emma's page")
    await tab.locator('[data-place="app"]').click()
    await tab.locator("#tab-messages").click()
    acknowledge = tab.locator('#messages [data-action-id="ticket_ack"]').last
    await acknowledge.wait_for()
    await screen.shot("sandbox-paged.png", readme=False)
    await acknowledge.click()
    await screen.driver.until(
        lambda: any(c.args.get("channel") == f"D{EMMA}" for c in emulator.calls_to("chat.update")),
        "the page to say it was acknowledged",
    )
    sent = len(pages())
    await screen.advance_clock("#clock-60")
    await screen.advance_clock("#clock-60")
    assert len(pages()) == sent, "paged again after the acknowledgement"


async def test_mrkdwn_is_escaped_and_formatted(screen: Screen) -> None:
    await screen.open(MARIE, "C0GENERAL")
    cases = {
        "*bold* _it_ ~gone~ `x < y`": "<b>bold</b> <i>it</i> <s>gone</s> <code>x &lt; y</code>",
        "a_b_c and 2*3*4": "a_b_c and 2*3*4",
        "&lt;b&gt; &amp; <https://a.b/?q=1&amp;r=2|A &amp; B>": (
            '&lt;b&gt; &amp; <a href="https://a.b/?q=1&amp;r=2" target="_blank" '
            'rel="noopener noreferrer">A &amp; B</a>'
        ),
        "<javascript:alert(1)|click>": "click",
        '<@U0MARIE> <#C0DESK|desk> <!here> "q"': (
            '<span class="mention">@Marie Dubois</span> <span class="mention">#desk</span> '
            '<span class="mention">@here</span> &quot;q&quot;'
        ),
        "&gt; quoted\nnext": "<blockquote>quoted</blockquote><br>next",
    }
    for source, html in cases.items():
        rendered = await screen.tab.evaluate(
            "([text]) => BlockKit.mrkdwn(text, {userName: (id) => id === 'U0MARIE' ? "
            "'Marie Dubois' : id, channelName: (id) => id})",
            [source],
        )
        assert rendered == html, source


def _gallery() -> dict[str, Any]:
    """A Home tab with one of each common block and element (what the real Home will use)."""
    text = (
        "You have *two* _open_ tickets: `INC-7` for <@U0JOHN> in <#C0INFRA>, see "
        "<https://example.com/kb|the guide>, since <!date^1767607200^{date}|2026-01-05 10:00 UTC>. "
        "<script>alert(1)</script> &lt;script&gt; <javascript:alert(1)|no link> :ticket:"
    )
    option = lambda value, label: {"text": {"type": "plain_text", "text": label}, "value": value}  # noqa: E731
    return {
        "type": "home",
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": "Your tickets"}},
            {"type": "section", "block_id": "intro", "text": {"type": "mrkdwn", "text": text}},
            {
                "type": "section",
                "fields": [
                    {"type": "mrkdwn", "text": "*Priority*\nP2"},
                    {"type": "mrkdwn", "text": "*Status*\nIn progress"},
                ],
                "accessory": {
                    "type": "overflow",
                    "action_id": "gallery_more",
                    "options": [option("close", "Close"), option("reopen", "Reopen")],
                },
            },
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "Updated 5 min ago"}]},
            {"type": "divider"},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "gallery_new",
                        "text": {"type": "plain_text", "text": "New ticket"},
                        "value": "new",
                        "style": "primary",
                    },
                    {
                        "type": "static_select",
                        "action_id": "gallery_status",
                        "placeholder": {"type": "plain_text", "text": "Status"},
                        "options": [
                            option("in_progress", "In progress"),
                            option("resolved", "Resolved"),
                        ],
                    },
                    {
                        "type": "users_select",
                        "action_id": "gallery_assign",
                        "placeholder": {"type": "plain_text", "text": "Assign to"},
                    },
                    {
                        "type": "button",
                        "action_id": "gallery_cancel",
                        "text": {"type": "plain_text", "text": "Cancel ticket"},
                        "style": "danger",
                        "confirm": {
                            "title": {"type": "plain_text", "text": "Cancel INC-7?"},
                            "text": {"type": "mrkdwn", "text": "This *cannot be undone*."},
                            "confirm": {"type": "plain_text", "text": "Cancel it"},
                            "deny": {"type": "plain_text", "text": "Keep it"},
                        },
                    },
                ],
            },
        ],
    }
