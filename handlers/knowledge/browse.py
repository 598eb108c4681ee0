"""``/ticket kb [words]`` (and App Home's Knowledge base button, ``browse_modal.py``): agents look
through the knowledge base, each article with "View" (its whole text, with Edit and Retire for
those who may) and "Edit" when they may change it, so an article is reached without waiting for
it to be suggested."""

from __future__ import annotations

from slack_bolt.async_app import AsyncRespond
from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.blocks.blocks import Block

from bot.domain.knowledge import Article, ArticleSource
from bot.domain.models import Language
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.mrkdwn import escape, truncate

BROWSE_LIMIT = 15  # 3 blocks an article and the intro: within a message's 50 blocks
WORDS_SHOWN_MAX = 100


async def answer_browse(
    ctx: HandlerContext, respond: AsyncRespond, user: str, language: Language, words: str
) -> None:
    """The articles holding ``words`` (all of them, by title, without words), ephemeral."""
    text, blocks = await browse_listing(ctx, user, language, words)
    if blocks:
        await respond(blocks=blocks, text=text)
    else:
        await respond(text=text)


async def browse_listing(
    ctx: HandlerContext, user: str, language: Language, words: str
) -> tuple[str, list[Block]]:
    """What a look through the base shows ``user`` for ``words``: its text, and its blocks (an
    intro, then each article with View, and Edit when ``user`` may change it); no blocks when no
    article holds the words. ``/ticket kb`` answers with it, App Home's modal shows it."""
    articles = ctx.knowledge.browse(words, BROWSE_LIMIT)
    shown = escape(truncate(words.strip(), WORDS_SHOWN_MAX))
    if not articles:
        key = "knowledge.browse.none" if shown else "knowledge.browse.empty"
        return t(language, key, words=shown), []
    intro = t(language, "knowledge.browse.intro" if shown else "knowledge.browse.all", words=shown)
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=intro))]
    for article in articles:
        editable = await ctx.article_editing.may_edit(article, user)
        blocks.extend(_article_blocks(language, article, editable))
    return intro, blocks


def _article_blocks(language: Language, article: Article, editable: bool) -> list[Block]:
    origin = "slack" if article.source is ArticleSource.SLACK else "folder"
    about = t(
        language,
        f"knowledge.browse.about_{origin}",
        lang=article.language.value.upper(),
        tags=escape(", ".join(article.tags)) or "—",
    )
    buttons = [
        ButtonElement(
            text=t(language, "knowledge.browse.view"),
            action_id=ids.ACTION_KB_READ,
            value=article.id,
        )
    ]
    if editable:
        buttons.append(
            ButtonElement(
                text=t(language, "knowledge.edit.button"),
                action_id=ids.ACTION_KB_EDIT,
                value=f"{article.id}:{article.version}",
            )
        )
    return [
        SectionBlock(text=MarkdownTextObject(text=f"*{escape(article.title)}*")),
        ContextBlock(elements=[MarkdownTextObject(text=about)]),
        ActionsBlock(block_id=f"{ids.BLOCK_KNOWLEDGE_BROWSE}:{article.id}", elements=buttons),
    ]
