"""Which listeners knowledge registers, in order."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.kit.context import HandlerContext
from handlers.knowledge import browse_modal, buttons, edit_article, save_article


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    buttons.register(app, ctx)
    save_article.register(app, ctx)
    edit_article.register(app, ctx)
    browse_modal.register(app, ctx)
