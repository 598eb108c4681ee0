"""A large catalogue end to end: past 50 items "What do you need?" is a menu whose options the
bot gives as people type (``block_suggestion``), searched by folded names, descriptions and
keywords in both languages, within Slack's limits, "Something else" always offered; choosing a
found item turns the form into the item's form, the menu showing the choice."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from storage.client import Database
from tests.e2e.catalogue.conftest import CATALOGUE
from tests.e2e.harness import EMPLOYEE_EN, EMPLOYEE_FR, SERVICES_FILE, Harness, running_bot

GENERATED = 120  # and the catalogue's own items: past the static menu's 50 and Slack's 100


def _generated_items() -> str:
    lines = []
    for n in range(GENERATED):
        lines += [
            f"  gadget_{n:03d}:",
            f'    name: {{fr: "Gadget numéro {n}", en: "Gadget number {n}"}}',
            "    service: internal_it",
            "    fields:",
            "      note:",
            "        type: short_text",
            '        label: {fr: "Note", en: "Note"}',
        ]
    lines += [
        "  wide_screen:",
        '    name: {fr: "Écran 27 pouces", en: "27-inch screen"}',
        '    description: {fr: "Un second écran.", en: "A second display."}',
        "    service: app_dev",
        "    keywords: [monitor, moniteur]",
        "    fields:",
        "      desk:",
        "        type: short_text",
        '        label: {fr: "Bureau", en: "Desk"}',
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
async def big(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    services_file = tmp_path / "services.yml"
    services_file.write_text(
        SERVICES_FILE.read_text(encoding="utf-8")
        + "\n"
        + CATALOGUE.read_text(encoding="utf-8")
        + _generated_items(),
        encoding="utf-8",
    )
    async with running_bot(database, services_file=services_file) as harness:
        yield harness


def _menu(view: dict[str, Any]) -> dict[str, Any]:
    [menu] = [
        element
        for block in view["blocks"]
        for element in block.get("elements") or []
        if element.get("action_id") == "catalogue_pick"
    ]
    return menu


def _offered(answer: dict[str, Any]) -> list[str]:
    return [o["value"] for group in answer["option_groups"] for o in group["options"]]


async def _typed(bot: Harness, view: dict, typed: str, user: str = EMPLOYEE_EN) -> dict:
    status, answer = await bot.send.block_suggestion("catalogue_pick", typed, view, user)
    assert status == 200 and isinstance(answer, dict), answer
    return answer


async def test_the_menu_loads_its_options_as_people_type(big: Harness) -> None:
    view = await big.open_form()
    menu = _menu(view)
    assert menu["type"] == "external_select" and "option_groups" not in menu
    assert menu["min_query_length"] == 0
    everything = await _typed(big, view, "")
    offered = _offered(everything)
    assert len(offered) == 100  # Slack's limit
    assert offered[-1] == "something_else"  # always offered
    assert offered[0] == "software_licence"  # in the services file's order
    screen = await _typed(big, view, "ecran")  # accents folded
    assert _offered(screen) == ["wide_screen", "something_else"]
    assert screen["option_groups"][0]["label"]["text"] == "Application development & maintenance"
    assert _offered(await _typed(big, view, "monitor")) == [
        "wide_screen",
        "something_else",
    ]  # a keyword
    assert _offered(await _typed(big, view, "second disp")) == ["wide_screen", "something_else"]
    assert _offered(await _typed(big, view, "GADGET number 105")) == [
        "gadget_105",
        "something_else",
    ]
    assert _offered(await _typed(big, view, "zzz")) == ["something_else"]  # nothing: the free form
    french = await _typed(big, await big.open_form(user=EMPLOYEE_FR), "ecr", EMPLOYEE_FR)
    assert french["option_groups"][0]["options"][0]["text"]["text"] == "Écran 27 pouces"
    assert french["option_groups"][-1]["options"][0]["text"]["text"].startswith("Autre chose")


async def test_an_item_found_by_typing_opens_its_form(big: Harness) -> None:
    view = await big.open_form()
    answer = await _typed(big, view, "27 inch")
    option = answer["option_groups"][0]["options"][0]
    status, _ = await big.send.block_action(
        "catalogue_pick", None, user_id=EMPLOYEE_EN, view=view, selected_option=option
    )
    assert status == 200
    call = await big.view_updated(view, hashed=True)  # the version the pick changes
    assert call.ok, call.response
    form = call.response["view"]
    assert _menu(form)["initial_option"]["value"] == "wide_screen"
    assert "field_desk" in str(form["blocks"])
