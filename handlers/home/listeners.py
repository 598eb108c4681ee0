"""Which listeners home registers, in order."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.home import knowledge_base, tab
from handlers.kit.context import HandlerContext


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    tab.register(app, ctx)
    knowledge_base.register(app, ctx)
