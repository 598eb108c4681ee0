""" "Save as an article" on a resolved ticket's card: the form pre-filled from the ticket, then
its submission publishing the article (``bot/knowledge/authoring.py`` checks who may)."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import GuichetError
from bot.domain.models import Language, Ticket
from bot.knowledge.authoring import draft_from
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.modals import open_form
from handlers.kit.mrkdwn import escape
from handlers.kit.notice_views import notice_view
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import explain, record_refusal, tell_refused
from handlers.knowledge.article_form import draft_form, submitted_draft

log = logging.getLogger(__name__)


def save_form(language: Language, ticket: Ticket, private: bool = False) -> View:
    """The article form from ``ticket``; a ``private`` service's case pre-fills none of its
    words (an article is shown to everyone) and the intro says so."""
    intro = t(language, "knowledge.save.intro", ticket_id=ticket.id)
    if private:
        intro += " " + t(language, "knowledge.save.private")
    texts = (t(language, "knowledge.save.modal_title"), t(language, "knowledge.save.submit"), intro)
    draft = draft_from(ticket, private)
    return draft_form(language, ids.SAVE_ARTICLE_CALLBACK, ticket.id, texts, draft)


def published_view(language: Language, article_id: str, title: str) -> View:
    text = t(language, "knowledge.save.published", article_id=article_id, title=escape(title))
    return notice_view(
        t(language, "knowledge.save.published_title"), text, t(language, "knowledge.article.close")
    )


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_KB_SAVE)
    async def save_pressed(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        ticket_id = str(action.get("value") or "")
        try:
            ticket = await ctx.authoring.source_ticket(ticket_id, user)
        except GuichetError as refusal:
            await tell_refused(ctx, client, body, user, language, refusal, ticket_id)
            return
        service = ctx.config.services.get(ticket.service)
        private = service is not None and service.private
        view, failed = save_form(language, ticket, private), t(language, "working.form_expired")
        about = f"saving {ticket.id} as an article"
        await open_form(client, body, user, view, about=about, failed=failed)

    @app.view(ids.SAVE_ARTICLE_CALLBACK)
    async def save_submitted(ack: AsyncAck, body: dict, view: dict) -> None:
        user = body["user"]["id"]
        language = await ctx.locales.language_of(user)
        draft = await submitted_draft(ack, view, language)
        if draft is None:
            return
        ticket_id = str(view.get("private_metadata") or "")
        try:
            article = await ctx.authoring.publish(ticket_id, user, draft)
        except GuichetError as refusal:
            error = explain(refusal, language, ctx.config, ticket_id)
            await ack(response_action="errors", errors={ids.BLOCK_ARTICLE_BODY: error})
            await record_refusal(ctx, user, refusal, ticket_id)
            return
        log.info("knowledge: %s published from %s by %s", article.id, ticket_id, user)
        await ack(
            response_action="update", view=published_view(language, article.id, article.title)
        )
