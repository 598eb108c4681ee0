"""App Home's Knowledge base button: the same look through the articles as ``/ticket kb``, in a
modal with a search field (Enter or Search lists again), each article with View (over the
modal) and Edit where the roster allows; French and English; not offered when there is nothing
to look through."""

from __future__ import annotations

from typing import Any

from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, EMPLOYEE_FR, Harness
from tests.e2e.knowledge.test_edit_article import _published
from tests.e2e.observations import searchable


def _buttons(view: dict[str, Any]) -> list[str]:
    return [
        e["action_id"]
        for b in view["blocks"]
        for e in b.get("elements", [])
        if isinstance(e, dict) and e.get("type") == "button"
    ]


def _rows(view: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(article id, its buttons' action ids), one per article listed."""
    return [
        (block["block_id"].partition(":")[2], [e["action_id"] for e in block["elements"]])
        for block in view["blocks"]
        if block.get("block_id", "").startswith("knowledge_browse:")
    ]


async def _open(bot: Harness, user: str) -> dict[str, Any]:
    """``user`` opens the Home tab and presses Knowledge base; returns the modal opened."""
    home = await bot.open_home(user)
    assert "home_knowledge" in _buttons(home)
    trigger = bot.send.new_trigger_id(user)
    status, _ = await bot.send.block_action(
        "home_knowledge", user_id=user, view=home, trigger_id=trigger
    )
    assert status == 200
    call = await bot.opened_with(trigger)
    assert call.ok, call.response
    return call.response["view"]


async def _enter(bot: Harness, modal: dict[str, Any], words: str, user: str) -> dict[str, Any]:
    """``user`` types ``words`` in the modal's search field and presses Enter."""
    status, _ = await bot.send.block_action(
        "knowledge_browse_query", words, user_id=user, view=modal, action_type="plain_text_input"
    )
    assert status == 200
    call = await bot.view_updated(modal, hashed=True)  # the version the search changes
    assert call.ok, call.response
    return call.response["view"]


async def test_home_opens_the_knowledge_base_and_a_search_lists_again(kb: Harness) -> None:
    modal = await _open(kb, EMPLOYEE_EN)
    assert modal["callback_id"] == "knowledge_browse_form"
    assert modal["title"]["text"] == "Knowledge base" and modal["submit"]["text"] == "Search"
    assert modal["blocks"][0]["block_id"] == "knowledge_browse_query"
    assert "The knowledge base’s articles, by title" in str(modal["blocks"])
    titles = [b["text"]["text"].strip("*") for b in modal["blocks"][2:] if b["type"] == "section"]
    assert len(titles) == 15 and titles == sorted(titles, key=str.casefold)  # as /ticket kb
    assert all(buttons == ["knowledge_read"] for _, buttons in _rows(modal))  # folder files

    found = await _enter(kb, modal, "vpn", EMPLOYEE_EN)
    assert found["id"] == modal["id"] and "Articles for “vpn”" in str(found["blocks"])
    assert {article for article, _ in _rows(found)[:4]} == {
        "vpn-laptop-en",
        "vpn-laptop-fr",
        "vpn-phone-en",
        "vpn-phone-fr",
    }
    assert found["blocks"][0]["element"]["initial_value"] == "vpn"

    # View: the article over the modal (closing it comes back to the list)
    trigger = kb.send.new_trigger_id(EMPLOYEE_EN)
    status, _ = await kb.send.block_action(
        "knowledge_read", _rows(found)[0][0], user_id=EMPLOYEE_EN, view=found, trigger_id=trigger
    )
    assert status == 200
    pushed = await kb.opened_with(trigger, "views.push")
    assert pushed.ok and pushed.response["view"]["callback_id"] == "knowledge_article"
    assert "GlobalProtect" in str(pushed.response["view"]["blocks"])

    # Search (the modal's submit button) lists again too, in place
    status, answer = await kb.submit(found, {"knowledge_browse_query": "printer"}, EMPLOYEE_EN)
    assert status == 200 and answer["response_action"] == "update"
    assert {article for article, _ in _rows(answer["view"])[:2]} == {"printer-en", "printer-fr"}


async def test_in_french_and_with_nothing_found(kb: Harness) -> None:
    home = await kb.open_home(EMPLOYEE_FR)
    assert "📚 Base de connaissances" in str(home["blocks"])
    modal = await _open(kb, EMPLOYEE_FR)
    assert modal["title"]["text"] == "Base de connaissances"
    assert "Chercher dans les articles" in str(modal["blocks"])
    assert modal["submit"]["text"] == "Chercher"
    nothing = await _enter(kb, modal, "zyxwv", EMPLOYEE_FR)
    assert "Aucun article ne contient «\u00a0zyxwv\u00a0»." in searchable(nothing["blocks"])
    assert not _rows(nothing)


async def test_edit_where_the_roster_allows_and_no_button_without_articles(bot: Harness) -> None:
    home = await bot.open_home(EMPLOYEE_EN)  # no folder, nothing published yet
    assert _buttons(home) == ["home_new_ticket"]
    # pressed anyway (a tab published earlier): the modal says there is nothing yet
    trigger = bot.send.new_trigger_id(EMPLOYEE_EN)
    status, _ = await bot.send.block_action(
        "home_knowledge", user_id=EMPLOYEE_EN, view=home, trigger_id=trigger
    )
    assert status == 200
    empty = (await bot.opened_with(trigger)).response["view"]
    assert "The knowledge base has no article yet." in str(empty["blocks"]) and not _rows(empty)

    article = await _published(bot)
    agent = await _open(bot, DESK_MEMBER)
    assert _rows(agent) == [(article.id, ["knowledge_read", "knowledge_edit"])]
    assert "published from Slack" in str(agent["blocks"])
    # a requester sees the same article, to read only
    assert _rows(await _open(bot, EMPLOYEE_EN)) == [(article.id, ["knowledge_read"])]

    trigger = bot.send.new_trigger_id(DESK_MEMBER)
    status, _ = await bot.send.block_action(
        "knowledge_edit", user_id=DESK_MEMBER, view=agent, trigger_id=trigger
    )
    assert status == 200
    form = (await bot.opened_with(trigger, "views.push")).response["view"]
    assert form["callback_id"] == "knowledge_edit_form"
    filled = {b["block_id"]: b["element"].get("initial_value") for b in form["blocks"][1:]}
    assert filled["article_title"] == "Teams crashes when sharing the screen"
