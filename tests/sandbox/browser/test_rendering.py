"""In a real browser, how the page draws what the bot sends: Block Kit blocks and their actions,
and mrkdwn escaped and formatted."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.sandbox.browser.screen import Screen, require_browser
from tests.sandbox.driver import (
    EMMA,
    JOHN,
    MARIE,
    listen_first,
)

require_browser()

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_block_kit_rendering_and_actions(screen: Screen) -> None:
    tab, bolt = screen.tab, screen.driver.sandbox.guichet.bolt
    pressed: list[dict] = []

    async def press(ack: Any, action: dict) -> None:
        await ack()
        pressed.append(action)

    bolt.action(re.compile("^gallery_"))(press)
    listen_first(bolt)
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
