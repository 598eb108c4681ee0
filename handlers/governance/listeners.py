"""Which listeners governance registers, in order."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from handlers.governance import commands, usergroup_events
from handlers.kit.context import HandlerContext


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    usergroup_events.register(app, ctx)


def register_commands(app: AsyncApp, ctx: HandlerContext) -> None:
    """The ``/ticket`` sub-commands of governance: registered before the filing command's."""
    commands.register(app, ctx)
