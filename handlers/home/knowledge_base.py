"""The Home tab's Knowledge base button: it opens the look through the articles that
``/ticket kb`` answers with, as a modal with a search field
(``handlers/knowledge/browse_modal.py``). Offered to everyone when the base has articles, as
``/ticket kb`` is (``tab.py``)."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.modals import open_form
from handlers.kit.opening import acknowledged
from handlers.knowledge.browse_modal import browse_modal


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_HOME_KNOWLEDGE)
    async def knowledge_pressed(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        view = await browse_modal(ctx, user, language, "")
        failed = t(language, "home.form_failed")
        await open_form(client, body, user, view, about="the knowledge base", failed=failed)
