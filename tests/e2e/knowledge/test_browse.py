"""``/ticket kb [words]``: an agent reaches any article (View; Edit for a Slack-made one they may
change) without waiting for it to be suggested; French and English; nothing found said so."""

from __future__ import annotations

from typing import Any

from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, EMPLOYEE_FR, Harness
from tests.e2e.knowledge.test_edit_article import _published
from tests.e2e.observations import searchable


async def _listed(bot: Harness, text: str, user: str) -> dict[str, Any]:
    return await bot.command_answer(text, user)


def _rows(answer: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(article id, its buttons' action ids), one per article listed."""
    return [
        (block["block_id"].partition(":")[2], [e["action_id"] for e in block["elements"]])
        for block in answer.get("blocks", [])
        if block.get("block_id", "").startswith("knowledge_browse:")
    ]


async def test_an_agent_lists_the_articles_on_a_subject_and_views_one(kb: Harness) -> None:
    answer = await _listed(kb, "kb vpn", DESK_MEMBER)
    assert "Articles for “vpn”" in str(answer["blocks"])
    listed = _rows(answer)
    # both VPN articles in both languages, before anything else; folder files: View only
    assert {article for article, _ in listed[:4]} == {
        "vpn-laptop-en",
        "vpn-laptop-fr",
        "vpn-phone-en",
        "vpn-phone-fr",
    }
    assert all(buttons == ["knowledge_read"] for _, buttons in listed)
    assert "file in the articles folder" in str(answer["blocks"])

    channel = kb.slack.dm_channel_id(DESK_MEMBER)
    trigger = kb.send.new_trigger_id(DESK_MEMBER)
    status, _ = await kb.send.block_action(
        "knowledge_read",
        listed[0][0],
        user_id=DESK_MEMBER,
        channel_id=channel,
        message=answer,
        trigger_id=trigger,
    )
    assert status == 200
    view = (await kb.opened_with(trigger)).response["view"]
    assert view["callback_id"] == "knowledge_article" and "GlobalProtect" in str(view["blocks"])


async def test_in_french_and_with_nothing_found(kb: Harness) -> None:
    answer = await _listed(kb, "kb imprimante", EMPLOYEE_FR)
    assert "Articles pour «\u00a0imprimante\u00a0»" in searchable(answer["blocks"])
    assert [article for article, _ in _rows(answer)][:2] in (
        ["printer-fr", "printer-en"],
        ["printer-en", "printer-fr"],
    )
    assert "fichier du dossier d’articles" in str(answer["blocks"])
    nothing = await _listed(kb, "kb zyxwv", EMPLOYEE_FR)
    assert nothing["text"] == "Aucun article ne contient «\u00a0zyxwv\u00a0»." and not _rows(
        nothing
    )


async def test_without_words_every_article_is_listed_by_title(kb: Harness) -> None:
    answer = await _listed(kb, "kb", EMPLOYEE_EN)
    titles = [
        block["text"]["text"].strip("*")
        for block in answer["blocks"][1:]
        if block["type"] == "section"
    ]
    assert len(titles) == 15 and titles == sorted(titles, key=str.casefold)
    assert "The knowledge base’s articles, by title" in str(answer["blocks"])


async def test_edit_is_offered_on_a_slack_article_to_who_may_change_it(bot: Harness) -> None:
    article = await _published(bot)
    answer = await _listed(bot, "kb teams crashes", DESK_MEMBER)
    assert _rows(answer) == [(article.id, ["knowledge_read", "knowledge_edit"])]
    assert "published from Slack" in str(answer["blocks"])
    # a requester sees the same article, to read only
    assert _rows(await _listed(bot, "kb teams crashes", EMPLOYEE_EN)) == [
        (article.id, ["knowledge_read"])
    ]

    channel = bot.slack.dm_channel_id(DESK_MEMBER)
    trigger = bot.send.new_trigger_id(DESK_MEMBER)
    status, _ = await bot.send.block_action(
        "knowledge_edit",
        user_id=DESK_MEMBER,
        channel_id=channel,
        message=answer,
        trigger_id=trigger,
    )
    assert status == 200
    form = (await bot.opened_with(trigger)).response["view"]
    assert form["callback_id"] == "knowledge_edit_form"
    filled = {b["block_id"]: b["element"].get("initial_value") for b in form["blocks"][1:]}
    assert filled["article_title"] == "Teams crashes when sharing the screen"
