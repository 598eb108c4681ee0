"""Which listeners filing registers, in order."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.filing import (
    catalogue_choice,
    command,
    from_home,
    from_message,
    from_suggestions,
    submission,
    title_suggestions,
)
from handlers.kit.context import HandlerContext


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    command.register(app, ctx)
    submission.register(app, ctx)
    from_message.register(app, ctx)
    from_home.register(app, ctx)
    from_suggestions.register(app, ctx)
    title_suggestions.register(app, ctx)
    catalogue_choice.register(app, ctx)
