"""Edit and Retire a Slack-made article from its view: offered to its service's people and the
admins only, the form pre-filled, every change in the article's history, a change made from a
stale view refused, a retired article no longer suggested."""

from __future__ import annotations

from typing import Any

from bot.domain.knowledge import Article, ArticleAction
from storage.articles import ArticleRepository
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, OUTSIDER, Harness
from tests.e2e.knowledge.test_save_article import _resolved
from tests.e2e.workspace import ADMIN

BODY = "## Solution\n- Update Teams from **Company Portal**.\n- Restart Teams."


async def _published(bot: Harness) -> Article:
    ticket, card = await _resolved(bot)
    assert ticket.message is not None
    await bot.press(ticket.message.channel, card, "knowledge_save", DESK_MEMBER)
    form = await bot.view_opened("knowledge_save_form")
    values = {
        "article_title": "Teams crashes when sharing the screen",
        "article_language": "en",
        "article_tags": "teams, screen sharing",
        "article_body": BODY,
    }
    status, answer = await bot.submit(form, values, user=DESK_MEMBER)
    assert status == 200 and answer["response_action"] == "update", answer
    [article] = await ArticleRepository(bot.database).active()
    return article


async def _article_view(bot: Harness, article_id: str, user: str) -> dict[str, Any]:
    """``user`` presses "Read the whole article" and gets the article's view."""
    trigger = bot.send.new_trigger_id(user)
    status, _ = await bot.send.block_action(
        "knowledge_read",
        article_id,
        user_id=user,
        channel_id=bot.slack.dm_channel_id(user),
        trigger_id=trigger,
    )
    assert status == 200
    view = (await bot.opened_with(trigger)).response["view"]
    assert view["callback_id"] == "knowledge_article"
    return view


def _editing(view: dict[str, Any]) -> list[str]:
    return [
        e["action_id"]
        for b in view["blocks"]
        if b.get("block_id") == "article_editing"
        for e in b["elements"]
    ]


async def test_an_agent_edits_the_article_and_the_change_is_in_its_history(bot: Harness) -> None:
    article = await _published(bot)
    view = await _article_view(bot, article.id, DESK_MEMBER)
    assert _editing(view) == ["knowledge_edit", "knowledge_retire"]

    trigger = bot.send.new_trigger_id(DESK_MEMBER)
    status, _ = await bot.send.block_action(
        "knowledge_edit", user_id=DESK_MEMBER, view=view, trigger_id=trigger
    )
    assert status == 200
    form = (await bot.opened_with(trigger, "views.push")).response["view"]
    filled = {b["block_id"]: b["element"].get("initial_value") for b in form["blocks"][1:]}
    assert filled["article_title"] == "Teams crashes when sharing the screen"
    assert filled["article_tags"] == "teams, screen sharing"
    assert filled["article_body"] == BODY

    new_body = BODY + "\n- Still crashing? Turn off hardware acceleration in Teams settings."
    values = {
        "article_title": "Teams crashes when sharing your screen",
        "article_language": "en",
        "article_tags": "teams, screen sharing, hardware acceleration",
        "article_body": new_body,
    }
    status, answer = await bot.submit(form, values, user=DESK_MEMBER)
    assert status == 200 and answer["response_action"] == "update", answer
    assert "is changed" in str(answer["view"]["blocks"])

    stored = await ArticleRepository(bot.database).get(article.id)
    assert stored is not None and stored.title == "Teams crashes when sharing your screen"
    assert stored.body == new_body and stored.version == article.version + 1
    history = await ArticleRepository(bot.database).history(article.id)
    assert [(c.action, c.actor) for c in history] == [
        (ArticleAction.PUBLISHED, DESK_MEMBER),
        (ArticleAction.EDITED, DESK_MEMBER),
    ]
    found = bot.guichet.knowledge.search("teams hardware acceleration")  # index rebuilt
    assert [a.title for a in found] == ["Teams crashes when sharing your screen"]


async def test_retiring_takes_it_out_of_the_suggestions(bot: Harness) -> None:
    article = await _published(bot)
    assert bot.guichet.knowledge.search("teams crashes when I share my screen")
    view = await _article_view(bot, article.id, ADMIN)  # an admin may too
    assert _editing(view) == ["knowledge_edit", "knowledge_retire"]

    status, _ = await bot.send.block_action("knowledge_retire", user_id=ADMIN, view=view)
    assert status == 200
    updated = await bot.view_updated(view)  # the article's own modal
    assert "is retired" in str(updated.response["view"]["blocks"])

    stored = await ArticleRepository(bot.database).get(article.id)
    assert stored is not None and stored.retired
    history = await ArticleRepository(bot.database).history(article.id)
    assert [(c.action, c.actor) for c in history][-1] == (ArticleAction.RETIRED, ADMIN)
    assert bot.guichet.knowledge.search("teams crashes when I share my screen") == []
    assert bot.guichet.knowledge.article(article.id) is None


async def test_a_change_from_a_stale_view_is_refused_and_nothing_is_written(
    bot: Harness,
) -> None:
    article = await _published(bot)
    old_view = await _article_view(bot, article.id, DESK_MEMBER)
    repository = ArticleRepository(bot.database)
    # edited from that view (the version moves on), then Retire pressed on the same old view
    trigger = bot.send.new_trigger_id(DESK_MEMBER)
    await bot.send.block_action(
        "knowledge_edit", user_id=DESK_MEMBER, view=old_view, trigger_id=trigger
    )
    form = (await bot.opened_with(trigger, "views.push")).response["view"]
    values = {
        "article_title": "Teams crashes: the other fix",
        "article_language": "en",
        "article_tags": "",
        "article_body": "Reinstall Teams.",
    }
    status, answer = await bot.submit(form, values, user=DESK_MEMBER)
    assert answer["response_action"] == "update"
    status, _ = await bot.send.block_action("knowledge_retire", user_id=DESK_MEMBER, view=old_view)
    assert status == 200
    refusal = await bot.told_eventually(DESK_MEMBER, "changed this article")
    assert refusal in [c.args["text"] for c in bot.dms_to(DESK_MEMBER)]  # in their DM
    stored = await repository.get(article.id)
    assert stored is not None and not stored.retired and stored.title.endswith("other fix")
    assert len(await repository.history(article.id)) == 2  # published, edited: no retirement


async def test_people_outside_its_service_are_offered_nothing_and_refused(bot: Harness) -> None:
    article = await _published(bot)
    for user in (OUTSIDER, EMPLOYEE_EN):
        view = await _article_view(bot, article.id, user)
        assert _editing(view) == []
    # a forged press of the buttons they were never shown
    pushes = len(bot.slack.calls_to("views.push"))
    for action in ("knowledge_edit", "knowledge_retire"):
        status, _ = await bot.send.block_action(
            action, f"{article.id}:{article.version}", user_id=OUTSIDER, view=view
        )
        assert status == 200
    await bot.told_eventually(OUTSIDER, "Only members of the team that owns", times=2)
    refusals = [c for c in bot.dms_to(OUTSIDER) if "team that owns" in c.args["text"]]
    assert len(refusals) == 2  # both in their DM
    assert len(bot.slack.calls_to("views.push")) == pushes
    stored = await ArticleRepository(bot.database).get(article.id)
    assert stored == article


async def test_folder_articles_are_changed_in_git_not_from_slack(kb: Harness) -> None:
    view = await _article_view(kb, "vpn-laptop-en", ADMIN)
    assert _editing(view) == []
    status, _ = await kb.send.block_action(
        "knowledge_retire", "vpn-laptop-en:0", user_id=ADMIN, view=view
    )
    assert status == 200
    await kb.told_eventually(ADMIN, "comes from the articles folder")
    assert kb.guichet.knowledge.article("vpn-laptop-en") is not None
