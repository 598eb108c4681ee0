"""The suggested articles' buttons: "This answered my question" and "Read the whole article".
("I still need help" opens the filing form: ``handlers/filing/from_suggestions.py``.)"""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.modals import open_form
from handlers.kit.opening import acknowledged
from handlers.kit.replies import tell
from handlers.kit.slack_errors import SLACK_FAILURES
from handlers.knowledge.blocks import answered_view, article_view

log = logging.getLogger(__name__)


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_KB_ANSWERED)
    async def answered(
        ack: AsyncAck, body: dict, action: dict, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        deflection_id, _, article_id = str(action.get("value") or "").partition(":")
        counted = await ctx.knowledge.answered(deflection_id, user, article_id)
        log.info("knowledge: answered by %s (counted: %s)", article_id, counted)
        view = body.get("view")
        if view:  # in the filing form: the form gives way to the thanks, no ticket
            try:
                await client.views_update(view_id=view["id"], view=answered_view(language))
            except SLACK_FAILURES as error:
                log.error("views.update failed after an answer: %s", error)
            return
        await respond(replace_original=True, text=t(language, "knowledge.suggest.thanks"))

    @app.action(ids.ACTION_KB_READ)
    async def read(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        article = ctx.knowledge.article(str(action.get("value") or ""))
        if article is None:
            await tell(client, body, user, t(language, "knowledge.article.gone"))
            return
        editable = await ctx.article_editing.may_edit(article, user)
        # pressed in a modal (App Home's knowledge base, the filing form): over it, which comes
        # back when the article is closed; from a message, a modal of its own
        in_modal = (body.get("view") or {}).get("type") == "modal"
        view = article_view(language, article, editable)
        failed, about = t(language, "working.form_expired"), f"article {article.id}"
        await open_form(client, body, user, view, about=about, failed=failed, push=in_modal)
