"""Which listeners paging registers, in order."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.kit.context import HandlerContext
from handlers.paging import buttons, emergency_buttons


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    buttons.register(app, ctx)
    emergency_buttons.register(app, ctx)
