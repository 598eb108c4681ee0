"""Which listeners governance registers, in order."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.governance import usergroup_events
from handlers.kit.context import HandlerContext


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    usergroup_events.register(app, ctx)
