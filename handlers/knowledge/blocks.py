"""Block Kit of the knowledge base: suggested articles with their buttons, the no-match offer,
one article in a modal (``slack_sdk.models``: validated against Slack's limits)."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.blocks.blocks import Block
from slack_sdk.models.views import View

from bot.domain.knowledge import Article, DeflectionCounts
from bot.domain.models import Language
from bot.knowledge.base import Suggestions
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.mrkdwn import escape, truncate
from handlers.kit.notice_views import notice_view
from handlers.knowledge.render import excerpt, sections

EXCERPT_MAX = 700  # of each suggested article: three fit in one message, readable at a glance
VIEW_BLOCKS_MAX = 100
BUTTON_VALUE_MAX = 2000


def _article_buttons(
    language: Language, shown: Suggestions, article: Article, cut: bool, style: str | None = None
) -> list[ButtonElement]:
    """A suggested article's buttons: "This answered my question" (of ``style``), and "Read
    the whole article" when its excerpt is ``cut``."""
    buttons = [
        ButtonElement(
            text=t(language, "knowledge.suggest.answered"),
            action_id=ids.ACTION_KB_ANSWERED,
            value=f"{shown.id}:{article.id}",
            style=style,
        )
    ]
    if cut:
        buttons.append(
            ButtonElement(
                text=t(language, "knowledge.suggest.read"),
                action_id=ids.ACTION_KB_READ,
                value=article.id,
            )
        )
    return buttons


def suggestion_intro(language: Language, shown: Suggestions) -> str:
    """« This article may answer… », or « These articles… » when there are more."""
    one = len(shown.articles) == 1
    return t(language, "knowledge.suggest.intro_one" if one else "knowledge.suggest.intro")


def suggestion_blocks(language: Language, shown: Suggestions) -> list[Block]:
    """Up to three articles, each with "This answered my question" (and "Read the whole
    article" when cut), then "I still need help"."""
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=suggestion_intro(language, shown)))
    ]
    for article in shown.articles:
        text, cut = excerpt(article.body, EXCERPT_MAX)
        blocks.append(DividerBlock())
        blocks.append(
            SectionBlock(text=MarkdownTextObject(text=f"*{escape(article.title)}*\n{text}"))
        )
        buttons = _article_buttons(language, shown, article, cut, style="primary")
        blocks.append(
            ActionsBlock(block_id=f"{ids.BLOCK_KNOWLEDGE_ACTIONS}:{article.id}", elements=buttons)
        )
    blocks.append(DividerBlock())
    blocks.append(
        ActionsBlock(
            block_id=ids.BLOCK_KNOWLEDGE_ACTIONS,
            elements=[
                ButtonElement(
                    text=t(language, "knowledge.suggest.need_help"),
                    action_id=ids.ACTION_KB_NEED_HELP,
                    value=shown.id,
                )
            ],
        )
    )
    return blocks


DEFLECTION_MARK = "deflection:"  # the articles' id in a File a ticket button's value
FORM_BLOCK_PREFIX = "kb_"  # the suggestions shown inside the filing form
FORM_EXCERPT_MAX = 300


def form_suggestion_blocks(language: Language, shown: Suggestions) -> list[Block]:
    """Suggested articles inside the filing form (block ids ``kb_…``, replaced at each Enter)."""
    blocks: list[Block] = [
        ContextBlock(
            block_id=f"{FORM_BLOCK_PREFIX}intro",
            elements=[MarkdownTextObject(text=suggestion_intro(language, shown))],
        )
    ]
    for article in shown.articles:
        text, cut = excerpt(article.body, FORM_EXCERPT_MAX)
        blocks.append(
            SectionBlock(
                block_id=f"{FORM_BLOCK_PREFIX}{article.id}",
                text=MarkdownTextObject(text=f"*{escape(article.title)}*\n{text}"),
            )
        )
        buttons = _article_buttons(language, shown, article, cut)
        blocks.append(
            ActionsBlock(block_id=f"{FORM_BLOCK_PREFIX}{article.id}:actions", elements=buttons)
        )
    return blocks


def answered_view(language: Language) -> View:
    """What the filing form becomes when an article answered the question: no ticket."""
    return notice_view(
        t(language, "knowledge.form.answered_title"),
        t(language, "knowledge.suggest.thanks"),
        t(language, "knowledge.article.close"),
    )


def no_match_blocks(language: Language, question: str) -> list[Block]:
    """No article answers: offer the filing form, pre-filled with the message."""
    return offer_blocks(language, t(language, "knowledge.no_match.text"), question)


def offer_blocks(
    language: Language, text: str, question: str, deflection: str | None = None
) -> list[Block]:
    """``text``, then the button opening the filing form pre-filled with ``question``; with
    ``deflection`` (the articles shown before it), a ticket filed there counts as filed after
    a suggestion."""
    return [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ActionsBlock(
            block_id=ids.BLOCK_KNOWLEDGE_ACTIONS,
            elements=[
                ButtonElement(
                    text=t(language, "knowledge.no_match.file"),
                    action_id=ids.ACTION_KB_FILE,
                    value=file_value(question, deflection),
                    style="primary",
                )
            ],
        ),
    ]


def answers_a_question(message: dict[str, Any]) -> bool:
    """Whether ``message`` (as Slack returns it) is Guichet's answer to a question asked in its
    DM: its articles, or its offer to file a ticket (their buttons' block)."""
    return any(
        str(block.get("block_id") or "").startswith(ids.BLOCK_KNOWLEDGE_ACTIONS)
        for block in message.get("blocks") or []
        if isinstance(block, dict)
    )


def file_value(question: str, deflection: str | None) -> str:
    """The *File a ticket* button's value: the question, after the articles' id and a line
    break when they were shown (``read_file_value``)."""
    if deflection:
        return f"{DEFLECTION_MARK}{deflection}\n{truncate(question, BUTTON_VALUE_MAX - 80)}"
    return truncate(question, BUTTON_VALUE_MAX) or " "


def read_file_value(value: str) -> tuple[str, str | None]:
    """``(question, deflection)`` from a *File a ticket* button's value (``file_value``; a
    value without the mark, as older buttons carry, is the question alone)."""
    if value.startswith(DEFLECTION_MARK):
        deflection, _, question = value[len(DEFLECTION_MARK) :].partition("\n")
        return question, deflection or None
    return value, None


def _button_value(message: dict[str, Any], action_id: str) -> str | None:
    for block in message.get("blocks") or []:
        for element in (block.get("elements") or []) if isinstance(block, dict) else []:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return str(element.get("value") or "")
    return None


def asked_in(message: dict[str, Any]) -> str:
    """The question Guichet's offer to file a ticket (``no_match_blocks``) carries; ``""``."""
    return read_file_value(_button_value(message, ids.ACTION_KB_FILE) or "")[0].strip()


def shown_in(message: dict[str, Any]) -> str | None:
    """The id of the articles Guichet's answer to a question showed (its *I still need help*
    button's value), if it showed articles."""
    return _button_value(message, ids.ACTION_KB_NEED_HELP) or None


def article_view(language: Language, article: Article, editable: bool = False) -> View:
    """The whole article in a modal, split into sections (a very long one is cut, with "…");
    with Edit and Retire when ``editable`` (one of its service's people, or an admin)."""
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=f"*{escape(article.title)}*"))]
    room = VIEW_BLOCKS_MAX - (2 if editable else 1)
    texts = sections(article.body)
    if len(texts) > room:
        texts = [*texts[: room - 1], "…"]
    blocks.extend(SectionBlock(text=MarkdownTextObject(text=text)) for text in texts)
    if editable:
        blocks.append(editing_actions(language, article))
    return View(
        type="modal",
        callback_id=ids.ARTICLE_VIEW_CALLBACK,
        title=PlainTextObject(text=t(language, "knowledge.article.modal_title")),
        close=PlainTextObject(text=t(language, "knowledge.article.close")),
        blocks=blocks,
    )


def editing_actions(language: Language, article: Article) -> ActionsBlock:
    """Edit (a form pre-filled with the article) and Retire (asked to confirm first)."""
    value = f"{article.id}:{article.version}"
    confirm = ConfirmObject(
        title=t(language, "knowledge.edit.retire_confirm_title"),
        text=t(
            language, "knowledge.edit.retire_confirm", title=truncate(escape(article.title), 100)
        ),
        confirm=t(language, "knowledge.edit.retire"),
        deny=t(language, "vocabulary.cancel"),
        style="danger",
    )
    return ActionsBlock(
        block_id=ids.BLOCK_ARTICLE_EDITING,
        elements=[
            ButtonElement(
                text=t(language, "knowledge.edit.button"), action_id=ids.ACTION_KB_EDIT, value=value
            ),
            ButtonElement(
                text=t(language, "knowledge.edit.retire"),
                action_id=ids.ACTION_KB_RETIRE,
                value=value,
                style="danger",
                confirm=confirm,
            ),
        ],
    )


def deflection_blocks(
    language: Language, counts: DeflectionCounts, titles: dict[str, str]
) -> list[Block]:
    """The knowledge base's figures in ``/ticket stats``: suggestions shown, answered without a
    ticket, tickets filed after one, and the articles that most often did not help."""
    lines = [
        t(language, "knowledge.stats.title"),
        t(
            language,
            "knowledge.stats.figures",
            shown=counts.shown,
            answered=counts.answered,
            tickets=counts.tickets_after,
        ),
    ]
    if counts.unhelpful:
        named = ", ".join(
            f"{escape(titles.get(article, article))} ({count})"
            for article, count in counts.unhelpful
        )
        lines.append(t(language, "knowledge.stats.unhelpful", articles=named))
    return [
        DividerBlock(),
        SectionBlock(text=MarkdownTextObject(text=truncate("\n".join(lines), 3000))),
    ]
