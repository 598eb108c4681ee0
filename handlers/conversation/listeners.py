"""Which listeners conversation registers, in order."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.conversation import article_reply, messages, saved_reply
from handlers.kit.context import HandlerContext


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    messages.register(app, ctx)
    article_reply.register(app, ctx)
    saved_reply.register(app, ctx)
