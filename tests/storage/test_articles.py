"""Stored articles (published from Slack): kept with their history; retired ones not indexed."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.knowledge import Article, ArticleAction, ArticleChange, ArticleSource
from bot.domain.models import Language
from storage.articles import ArticleRepository
from storage.client import Database

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def test_published_articles_are_read_back_and_retired_ones_left_out(
    database: Database,
) -> None:
    repository = ArticleRepository(database)
    await repository.create_indexes()
    article_id = await repository.next_id()
    article = Article(
        article_id,
        "Reset the VPN",
        "Restart **GlobalProtect**.",
        Language.EN,
        tags=("vpn",),
        from_ticket="INC-4",
        author="U0DESKAGENT",
    )
    await repository.publish(
        article, ArticleChange(article_id, AT, "U0DESKAGENT", ArticleAction.PUBLISHED)
    )
    [stored] = await repository.active()
    assert stored.title == "Reset the VPN" and stored.source is ArticleSource.SLACK
    assert stored.tags == ("vpn",) and stored.from_ticket == "INC-4"

    retired = await repository.update(
        article_id,
        {"retired": True},
        ArticleChange(article_id, AT, "U0DESKAGENT", ArticleAction.RETIRED),
        AT,
    )
    assert retired is not None and retired.retired
    assert await repository.active() == []
    assert [c.action for c in await repository.history(article_id)] == [
        ArticleAction.PUBLISHED,
        ArticleAction.RETIRED,
    ]
    assert (
        await repository.update(
            "kb-404",
            {"retired": True},
            ArticleChange("kb-404", AT, "U0DESKAGENT", ArticleAction.RETIRED),
            AT,
        )
        is None
    )
