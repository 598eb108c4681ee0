"""The knowledge base as a modal (App Home's Knowledge base button, ``handlers/home/``): the
same look through the articles as ``/ticket kb`` (``browse.py``), under a search field; Enter
or Search lists the articles holding the words in place. View and Edit are the list's own
buttons (``buttons.py``, ``edit_article.py``), pushed over this modal."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.models.blocks import (
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    PlainTextObject,
)
from slack_sdk.models.blocks.blocks import Block
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.models import Language
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.forms import form_values
from handlers.kit.opening import acknowledged
from handlers.kit.slack_errors import VIEW_UPDATE_FAILURES
from handlers.knowledge.browse import browse_listing

log = logging.getLogger(__name__)

QUERY_MAX = 150


async def browse_modal(ctx: HandlerContext, user: str, language: Language, words: str) -> View:
    """The modal listing what ``user`` finds for ``words`` (every article by title, without)."""
    words = words.strip()[:QUERY_MAX]
    text, listing = await browse_listing(ctx, user, language, words)
    blocks: list[Block] = [
        InputBlock(
            block_id=ids.BLOCK_KB_BROWSE_QUERY,
            label=t(language, "knowledge.browse.query"),
            hint=t(language, "knowledge.browse.query_hint"),
            optional=True,  # empty: every article, by title
            dispatch_action=True,
            element=PlainTextInputElement(
                action_id=ids.BLOCK_KB_BROWSE_QUERY,
                initial_value=words or None,
                max_length=QUERY_MAX,
                dispatch_action_config={"trigger_actions_on": ["on_enter_pressed"]},
            ),
        ),
        *(listing or [ContextBlock(elements=[MarkdownTextObject(text=text)])]),
    ]
    return View(
        type="modal",
        callback_id=ids.KB_BROWSE_CALLBACK,
        title=PlainTextObject(text=t(language, "knowledge.browse.modal_title")),
        submit=PlainTextObject(text=t(language, "knowledge.browse.search")),
        close=PlainTextObject(text=t(language, "knowledge.article.close")),
        blocks=blocks,
    )


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.block_action(ids.BLOCK_KB_BROWSE_QUERY)
    async def searched(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        view = body.get("view") or {}
        modal = await browse_modal(ctx, user, language, str(action.get("value") or ""))
        try:
            await client.views_update(view_id=view["id"], hash=view.get("hash"), view=modal)
        except VIEW_UPDATE_FAILURES as error:
            log.warning("views.update of the knowledge base modal failed: %s", error)

    @app.view(ids.KB_BROWSE_CALLBACK)
    async def search_submitted(ack: AsyncAck, body: dict, view: dict) -> None:
        user = body["user"]["id"]
        language = await ctx.locales.language_of(user)
        words = form_values(view).get(ids.BLOCK_KB_BROWSE_QUERY)
        modal = await browse_modal(ctx, user, language, str(words or ""))
        await ack(response_action="update", view=modal)
