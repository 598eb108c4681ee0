""" "Edit" and "Retire" on a Slack-made article's view, for its service's people and the admins
(``bot/knowledge/editing.py`` checks who may, again, on every press and submission)."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.knowledge import Article
from bot.domain.models import Language
from bot.knowledge.authoring import ArticleDraft
from bot.knowledge.editing import EditRefused
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.modals import open_form
from handlers.kit.mrkdwn import escape
from handlers.kit.notice_views import notice_view
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import record_refusal
from handlers.kit.replies import tell
from handlers.kit.slack_errors import VIEW_UPDATE_FAILURES
from handlers.knowledge.article_form import draft_form, submitted_draft

log = logging.getLogger(__name__)


def _key(value: object) -> tuple[str, int]:
    """``"kb-3:2"`` -> ("kb-3", 2) (version 0, never stored, when it is not a number)."""
    article_id, _, version = str(value or "").partition(":")
    return article_id, int(version) if version.isdigit() else 0


def refusal_text(language: Language, refusal: EditRefused) -> str:
    return t(language, f"knowledge.edit.refused_{refusal.reason.value}")


def edit_form(language: Language, article: Article) -> View:
    draft = ArticleDraft(article.title, article.body, article.language, article.tags)
    texts = (
        t(language, "knowledge.edit.modal_title"),
        t(language, "knowledge.edit.submit"),
        t(language, "knowledge.edit.intro", article_id=article.id),
    )
    metadata = f"{article.id}:{article.version}"
    return draft_form(language, ids.EDIT_ARTICLE_CALLBACK, metadata, texts, draft)


def edited_view(language: Language, key: str, article: Article) -> View:
    text = t(language, f"knowledge.edit.{key}", article_id=article.id, title=escape(article.title))
    return notice_view(
        t(language, "knowledge.article.modal_title"), text, t(language, "knowledge.article.close")
    )


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_KB_EDIT)
    async def edit_pressed(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        article_id, _ = _key(action.get("value"))
        try:
            article = await ctx.article_editing.editable(article_id, user)
        except EditRefused as refusal:
            await record_refusal(ctx, user, refusal.reason.value, refusal.article_id)
            await tell(client, body, user, refusal_text(language, refusal))
            return
        # over the article's view, which comes back when the form is closed; from /ticket
        # kb's list (a message), a form of its own
        view, failed = edit_form(language, article), t(language, "working.form_expired")
        about, over = f"editing article {article.id}", bool(body.get("view"))
        await open_form(client, body, user, view, about=about, failed=failed, push=over)

    @app.view(ids.EDIT_ARTICLE_CALLBACK)
    async def edit_submitted(ack: AsyncAck, body: dict, view: dict) -> None:
        user = body["user"]["id"]
        language = await ctx.locales.language_of(user)
        draft = await submitted_draft(ack, view, language)
        if draft is None:
            return
        article_id, version = _key(view.get("private_metadata"))
        try:
            article = await ctx.article_editing.edit(article_id, user, draft, version)
        except EditRefused as refusal:
            errors = {ids.BLOCK_ARTICLE_BODY: refusal_text(language, refusal)}
            await ack(response_action="errors", errors=errors)
            await record_refusal(ctx, user, refusal.reason.value, refusal.article_id)
            return
        log.info("knowledge: %s edited by %s", article.id, user)
        await ack(response_action="update", view=edited_view(language, "saved", article))

    @app.action(ids.ACTION_KB_RETIRE)
    async def retire_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        article_id, version = _key(action.get("value"))
        try:
            article = await ctx.article_editing.retire(article_id, user, version)
        except EditRefused as refusal:
            await record_refusal(ctx, user, refusal.reason.value, refusal.article_id)
            await tell(client, body, user, refusal_text(language, refusal))
            return
        log.info("knowledge: %s retired by %s", article.id, user)
        view = body.get("view") or {}
        try:
            await client.views_update(
                view_id=view["id"], view=edited_view(language, "retired", article)
            )
        except VIEW_UPDATE_FAILURES as error:
            log.warning("views.update after retiring %s failed: %s", article.id, error)
