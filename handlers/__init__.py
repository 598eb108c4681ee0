"""The Slack surfaces: one module per kind of Slack input, each with ``register(app, ctx)``."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers import (
    actions,
    alert_actions,
    commands,
    conversation,
    failures,
    fallback,
    from_message,
    home,
    problem_actions,
    requester_actions,
    views,
    work_actions,
    work_views,
)
from handlers.context import HandlerContext


def register_listeners(app: AsyncApp, ctx: HandlerContext) -> None:
    commands.register(app, ctx)
    views.register(app, ctx)
    actions.register(app, ctx)
    conversation.register(app, ctx)
    from_message.register(app, ctx)
    home.register(app, ctx)
    work_actions.register(app, ctx)
    work_views.register(app, ctx)
    requester_actions.register(app, ctx)
    alert_actions.register(app, ctx)
    problem_actions.register(app, ctx)

    failures.register(app, ctx)  # the one error handler (was the inline on_error)
    fallback.register(app)  # keep LAST: acknowledges whatever no listener above handles
