""" "Save as an article" on a resolved ticket's card: the form pre-filled from the ticket, then
its submission publishing the article (``bot/knowledge/authoring.py`` checks who may)."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.models.blocks import (
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import GuichetError
from bot.domain.knowledge import ARTICLE_TITLE_MAX
from bot.domain.models import Language, Ticket
from bot.knowledge.authoring import ArticleDraft, draft_from, parse_tags
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.forms import form_values, text_value
from handlers.kit.mrkdwn import escape
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import explain
from handlers.kit.replies import tell
from handlers.kit.slack_errors import SLACK_FAILURES

log = logging.getLogger(__name__)
BODY_MAX = 3000  # a plain-text input's limit


def save_form(language: Language, ticket: Ticket) -> View:
    draft = draft_from(ticket)
    languages = [
        Option(value=x.value, text=t(language, f"knowledge.language.{x.value}")) for x in Language
    ]
    return View(
        type="modal",
        callback_id=ids.SAVE_ARTICLE_CALLBACK,
        private_metadata=ticket.id,
        title=PlainTextObject(text=t(language, "knowledge.save.modal_title")),
        submit=PlainTextObject(text=t(language, "knowledge.save.submit")),
        close=PlainTextObject(text=t(language, "vocabulary.cancel")),
        blocks=[
            SectionBlock(
                text=MarkdownTextObject(
                    text=t(language, "knowledge.save.intro", ticket_id=ticket.id)
                )
            ),
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
                element=PlainTextInputElement(action_id=ids.BLOCK_ARTICLE_TAGS, max_length=300),
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
        ],
    )


def published_view(language: Language, article_id: str, title: str) -> View:
    text = t(language, "knowledge.save.published", article_id=article_id, title=escape(title))
    return View(
        type="modal",
        callback_id=ids.NOTICE_CALLBACK,
        title=PlainTextObject(text=t(language, "knowledge.save.published_title")),
        close=PlainTextObject(text=t(language, "knowledge.article.close")),
        blocks=[SectionBlock(text=MarkdownTextObject(text=text))],
    )


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_KB_SAVE)
    async def save_pressed(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        ticket_id = str(action.get("value") or "")
        try:
            ticket = await ctx.authoring.source_ticket(ticket_id, user)
        except GuichetError as refusal:
            await tell(client, body, user, explain(refusal, language, ctx.config, ticket_id))
            return
        try:
            await client.views_open(trigger_id=body["trigger_id"], view=save_form(language, ticket))
        except SLACK_FAILURES as error:
            log.error("views.open failed for saving %s as an article: %s", ticket.id, error)

    @app.view(ids.SAVE_ARTICLE_CALLBACK)
    async def save_submitted(ack: AsyncAck, body: dict, view: dict) -> None:
        user = body["user"]["id"]
        language = await ctx.locales.language_of(user)
        values = form_values(view)
        title = (text_value(values, ids.BLOCK_ARTICLE_TITLE) or "").strip()
        text = (text_value(values, ids.BLOCK_ARTICLE_BODY) or "").strip()
        missing = {
            block: t(language, "knowledge.save.required")
            for block, value in ((ids.BLOCK_ARTICLE_TITLE, title), (ids.BLOCK_ARTICLE_BODY, text))
            if not value
        }
        if missing:
            await ack(response_action="errors", errors=missing)
            return
        chosen = text_value(values, ids.BLOCK_ARTICLE_LANGUAGE) or language.value
        draft = ArticleDraft(
            title=title,
            body=text,
            language=Language(chosen) if chosen in {x.value for x in Language} else language,
            tags=parse_tags(text_value(values, ids.BLOCK_ARTICLE_TAGS) or ""),
        )
        ticket_id = str(view.get("private_metadata") or "")
        try:
            article = await ctx.authoring.publish(ticket_id, user, draft)
        except GuichetError as refusal:
            error = explain(refusal, language, ctx.config, ticket_id)
            await ack(response_action="errors", errors={ids.BLOCK_ARTICLE_BODY: error})
            return
        log.info("knowledge: %s published from %s by %s", article.id, ticket_id, user)
        await ack(
            response_action="update", view=published_view(language, article.id, article.title)
        )
