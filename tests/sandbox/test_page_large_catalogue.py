"""The page's menus filled by the app (``external_select``) without a browser: with a large
catalogue, "What do you need?" asks the bot for its options as the person types
(``/sandbox/api/suggest``: Slack's ``block_suggestion``), and a found item opens its form."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from tests.sandbox.driver import JOHN, MARIE, PageDriver, large_catalogue_sandbox


@pytest_asyncio.fixture
async def page() -> AsyncIterator[PageDriver]:
    async with large_catalogue_sandbox() as driver:
        yield driver


async def test_the_menu_asks_the_bot_as_people_type(page: PageDriver) -> None:
    picker = await page.open_catalogue(MARIE)
    view_id = picker["view"]["id"]
    status, answer = await page.post(
        "suggest", user=MARIE, view_id=view_id, action_id="catalogue_pick", value="portable"
    )
    assert status == 200 and answer["ok"], answer
    found = [o["value"] for g in answer["option_groups"] for o in g["options"]]
    assert found == ["new_laptop", "something_else"]
    assert answer["option_groups"][0]["options"][0]["text"]["text"].startswith("Nouvel ordinateur")
    status, answer = await page.post(
        "action",
        user=MARIE,
        view_id=view_id,
        action_id="catalogue_pick",
        block_id="catalogue_pick",
        value="new_laptop",
    )
    assert (status, answer) == (200, {"ok": True}), answer

    async def item_form() -> dict | None:
        modal = (await page.state(MARIE))["modal"]
        return modal if "field_needed_by" in str(modal["view"]["blocks"]) else None

    await page.until(item_form, "the new laptop's form")


async def test_a_menu_the_app_does_not_fill_is_refused(page: PageDriver) -> None:
    picker = await page.open_catalogue(JOHN)
    status, answer = await page.post(
        "suggest", user=JOHN, view_id=picker["view"]["id"], action_id="nothing", value=""
    )
    assert status == 400 and "not an external_select" in answer["error"]
