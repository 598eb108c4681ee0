"""The fields of an article's form (title, language, tags, text), shared by "Save as an
article" and "Edit": filled from a draft, read back into one."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck
from slack_sdk.models.blocks import (
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.blocks.blocks import Block
from slack_sdk.models.views import View

from bot.domain.knowledge import ARTICLE_TITLE_MAX
from bot.domain.models import Language
from bot.knowledge.authoring import ArticleDraft, parse_tags
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.forms import form_values, text_value

BODY_MAX = 3000  # a plain-text input's limit
TAGS_MAX = 300


def draft_form(
    language: Language,
    callback_id: str,
    private_metadata: str,
    texts: tuple[str, str, str],
    draft: ArticleDraft,
) -> View:
    """The article's form: ``texts`` are its title, its submit button and its intro (in
    ``language``, the agent's), above the fields pre-filled with ``draft``."""
    title, submit, intro = texts
    return View(
        type="modal",
        callback_id=callback_id,
        private_metadata=private_metadata,
        title=PlainTextObject(text=title),
        submit=PlainTextObject(text=submit),
        close=PlainTextObject(text=t(language, "vocabulary.cancel")),
        blocks=[SectionBlock(text=MarkdownTextObject(text=intro)), *draft_blocks(language, draft)],
    )


def draft_blocks(language: Language, draft: ArticleDraft) -> list[Block]:
    """The form's inputs, pre-filled with ``draft`` (labels in ``language``, the agent's)."""
    languages = [
        Option(value=x.value, text=t(language, f"knowledge.language.{x.value}")) for x in Language
    ]
    tags = ", ".join(draft.tags)[:TAGS_MAX]
    return [
        InputBlock(
            block_id=ids.BLOCK_ARTICLE_TITLE,
            label=t(language, "knowledge.save.title_field"),
            element=PlainTextInputElement(
                action_id=ids.BLOCK_ARTICLE_TITLE,
                max_length=ARTICLE_TITLE_MAX,
                initial_value=draft.title[:ARTICLE_TITLE_MAX],
            ),
        ),
        InputBlock(
            block_id=ids.BLOCK_ARTICLE_LANGUAGE,
            label=t(language, "knowledge.save.language"),
            element=StaticSelectElement(
                action_id=ids.BLOCK_ARTICLE_LANGUAGE,
                options=languages,
                initial_option=next(o for o in languages if o.value == draft.language.value),
            ),
        ),
        InputBlock(
            block_id=ids.BLOCK_ARTICLE_TAGS,
            label=t(language, "knowledge.save.tags"),
            optional=True,
            element=PlainTextInputElement(
                action_id=ids.BLOCK_ARTICLE_TAGS, max_length=TAGS_MAX, initial_value=tags or None
            ),
        ),
        InputBlock(
            block_id=ids.BLOCK_ARTICLE_BODY,
            label=t(language, "knowledge.save.body"),
            element=PlainTextInputElement(
                action_id=ids.BLOCK_ARTICLE_BODY,
                multiline=True,
                max_length=BODY_MAX,
                initial_value=draft.body[:BODY_MAX],
            ),
        ),
    ]


def read_draft(values: dict, language: Language) -> ArticleDraft | dict[str, str]:
    """The draft the agent submitted, or the errors to show (block id -> text) when the title
    or the text is empty."""
    title = (text_value(values, ids.BLOCK_ARTICLE_TITLE) or "").strip()
    text = (text_value(values, ids.BLOCK_ARTICLE_BODY) or "").strip()
    missing = {
        block: t(language, "knowledge.save.required")
        for block, value in ((ids.BLOCK_ARTICLE_TITLE, title), (ids.BLOCK_ARTICLE_BODY, text))
        if not value
    }
    if missing:
        return missing
    chosen = text_value(values, ids.BLOCK_ARTICLE_LANGUAGE) or language.value
    return ArticleDraft(
        title=title,
        body=text,
        language=Language(chosen) if chosen in {x.value for x in Language} else language,
        tags=parse_tags(text_value(values, ids.BLOCK_ARTICLE_TAGS) or ""),
    )


async def submitted_draft(ack: AsyncAck, view: dict, language: Language) -> ArticleDraft | None:
    """The draft a submitted article form carries; ``None`` once the form was answered with
    what is missing in it (``read_draft``'s errors)."""
    draft = read_draft(form_values(view), language)
    if isinstance(draft, dict):
        await ack(response_action="errors", errors=draft)
        return None
    return draft
