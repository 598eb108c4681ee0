"""Which listeners working registers, in order."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.kit.context import HandlerContext
from handlers.working import (
    control_actions,
    edit_actions,
    merge_actions,
    requester_buttons,
    resolve_actions,
    submissions,
    ticket_buttons,
)


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    ticket_buttons.register(app, ctx)
    resolve_actions.register(app, ctx)  # before the status menu's: takes its "resolved" only
    control_actions.register(app, ctx)
    submissions.register(app, ctx)
    requester_buttons.register(app, ctx)
    edit_actions.register(app, ctx)
    merge_actions.register(app, ctx)
