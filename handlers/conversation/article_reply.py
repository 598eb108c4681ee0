""" "Reply with an article" on a ticket's card: a search form (Enter searches again), then the
chosen article goes to the requester's DM thread (``bot/conversation/article_reply.py``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.models.blocks import (
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
)
from slack_sdk.models.blocks.blocks import Block
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation.article_reply import ArticleNotFound, Sent
from bot.domain.errors import DeliveryFailed, GuichetError
from bot.domain.knowledge import Article
from bot.domain.models import Language
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.forms import form_values
from handlers.kit.modals import open_form
from handlers.kit.mrkdwn import escape, truncate
from handlers.kit.notice_views import notice_view
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import explain, record_refusal, tell_refused
from handlers.kit.slack_errors import SLACK_FAILURES

log = logging.getLogger(__name__)
OPTION_MAX = 75  # an option's text


@dataclass(frozen=True)
class TicketKey:
    """What the search form remembers of the ticket."""

    id: str
    language: Language

    @classmethod
    def decode(cls, metadata: str | None, fallback: Language) -> TicketKey:
        ticket_id, _, language = str(metadata or "").partition("|")
        known = {x.value for x in Language}
        return cls(ticket_id, Language(language) if language in known else fallback)


def reply_form(language: Language, ticket: TicketKey, query: str, found: list[Article]) -> View:
    """The search form; its metadata carries the ticket and its requester's language."""
    blocks: list[Block] = [
        InputBlock(
            block_id=ids.BLOCK_ARTICLE_QUERY,
            label=t(language, "knowledge.reply.query"),
            hint=t(language, "knowledge.reply.query_hint"),
            dispatch_action=True,
            element=PlainTextInputElement(
                action_id=ids.BLOCK_ARTICLE_QUERY,
                initial_value=query[:150] or None,
                max_length=150,
                dispatch_action_config={"trigger_actions_on": ["on_enter_pressed"]},
            ),
        )
    ]
    if found:
        options = [
            Option(
                value=article.id,
                text=truncate(article.title, OPTION_MAX),
                description=f"{article.language.value} · {article.id}",
            )
            for article in found
        ]
        blocks.append(
            InputBlock(
                # a new block per search, so a choice among the previous results is dropped
                block_id=f"{ids.BLOCK_ARTICLE_CHOICE}:{'|'.join(a.id for a in found)}"[:255],
                label=t(language, "knowledge.reply.choice"),
                element=RadioButtonsElement(
                    action_id=ids.BLOCK_ARTICLE_CHOICE, options=options, initial_option=options[0]
                ),
            )
        )
    else:
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=t(language, "knowledge.reply.none"))])
        )
    return View(
        type="modal",
        callback_id=ids.REPLY_ARTICLE_CALLBACK,
        private_metadata=f"{ticket.id}|{ticket.language.value}",
        title=PlainTextObject(text=t(language, "knowledge.reply.modal_title")),
        submit=PlainTextObject(text=t(language, "knowledge.reply.submit")),
        close=PlainTextObject(text=t(language, "vocabulary.cancel")),
        blocks=blocks,
    )


def _sent_view(language: Language, text: str) -> View:
    return notice_view(
        t(language, "knowledge.reply.sent_title"), text, t(language, "knowledge.article.close")
    )


def _outcome(language: Language, ticket_id: str, title: str, sent: Sent) -> str:
    key = "knowledge.reply.sent" if sent is Sent.DELIVERED else "knowledge.reply.queued"
    return t(language, key, ticket_id=ticket_id, title=escape(title))


def _chosen(values: dict) -> str | None:
    for block_id, value in values.items():
        if block_id.startswith(ids.BLOCK_ARTICLE_CHOICE) and isinstance(value, str):
            return value
    return None


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_KB_REPLY)
    async def reply_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        ticket_id = str(action.get("value") or "")
        try:
            ticket = await ctx.article_replies.check(ticket_id, user)
        except GuichetError as refusal:
            await tell_refused(ctx, client, body, user, language, refusal, ticket_id)
            return
        key, query = TicketKey(ticket.id, ticket.language), ticket.title
        found = await ctx.article_replies.search(query, key.language)
        view = reply_form(language, key, query, found)
        failed, about = t(language, "working.form_expired"), f"replying to {ticket.id}"
        await open_form(client, body, user, view, about=about, failed=failed)

    @app.block_action(ids.BLOCK_ARTICLE_QUERY)
    async def searched(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        _, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        view = body.get("view") or {}
        query = str(action.get("value") or "")
        key = TicketKey.decode(view.get("private_metadata"), language)
        found = await ctx.article_replies.search(query, key.language)
        form = reply_form(language, key, query, found)
        try:
            await client.views_update(view_id=view["id"], hash=view.get("hash"), view=form)
        except SLACK_FAILURES as error:
            log.warning("views.update of the article search failed: %s", error)

    @app.view(ids.REPLY_ARTICLE_CALLBACK)
    async def reply_submitted(
        ack: AsyncAck, body: dict, view: dict, client: AsyncWebClient
    ) -> None:
        user = body["user"]["id"]
        language = await ctx.locales.language_of(user)
        ticket_id = TicketKey.decode(view.get("private_metadata"), language).id
        article_id = _chosen(form_values(view))
        if article_id is None:
            error = t(language, "knowledge.reply.none")
            await ack(response_action="errors", errors={ids.BLOCK_ARTICLE_QUERY: error})
            return
        try:
            article, item_id = await ctx.article_replies.queue(ticket_id, user, article_id)
        except ArticleNotFound as gone:
            error = t(language, "knowledge.article.gone")
            await ack(response_action="errors", errors={ids.BLOCK_ARTICLE_QUERY: error})
            await record_refusal(ctx, user, gone, ticket_id)
            return
        except GuichetError as refusal:
            error = explain(refusal, language, ctx.config, ticket_id)
            await ack(response_action="errors", errors={ids.BLOCK_ARTICLE_QUERY: error})
            await record_refusal(ctx, user, refusal, ticket_id)
            return
        sending = t(language, "knowledge.reply.sending", title=escape(article.title))
        await ack(response_action="update", view=_sent_view(language, sending))
        await ctx.after_ack.turn(f"article reply on {ticket_id}")
        try:  # stored: now Slack, the form telling how it went
            sent = await ctx.article_replies.deliver(item_id)
            text = _outcome(language, ticket_id, article.title, sent)
        except ArticleNotFound:
            text = t(language, "knowledge.article.gone")
        except DeliveryFailed as failure:
            text = t(language, "knowledge.reply.failed", reason=failure.reason)
        try:
            await client.views_update(view_id=view["id"], view=_sent_view(language, text))
        except SLACK_FAILURES as error:
            log.warning("views.update after sending an article failed: %s", error)
