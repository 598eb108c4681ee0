"""The Slack surfaces: one module per kind of Slack input, each with ``register(app, ctx)``."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp

from handlers import (
    actions,
    alert_actions,
    commands,
    conversation,
    from_message,
    home,
    problem_actions,
    requester_actions,
    views,
    work_actions,
    work_views,
)
from handlers.context import HandlerContext

log = logging.getLogger(__name__)


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

    @app.error
    async def on_error(error: Exception, body: dict) -> None:
        """Anything a listener did not expect: log it with what Slack sent; Slack gets a 200
        or the listener's own answer, never a stack trace."""
        kind = body.get("type") or body.get("command") or "unknown"
        log.error("unhandled error in %s listener: %r", kind, error, exc_info=error)
