"""Slack says a user group changed (``subteam_updated``: renamed, members or settings;
``subteam_members_changed``: people added or removed): read that group again."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp

from handlers.kit.context import HandlerContext

log = logging.getLogger(__name__)


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.event("subteam_updated")
    async def group_updated(event: dict) -> None:
        subteam = event.get("subteam")
        group = subteam.get("id") if isinstance(subteam, dict) else None
        if isinstance(group, str):
            await ctx.after_ack.turn(f"user group {group} changed")  # Bolt acked events already
            await ctx.usergroups.refresh(group)

    @app.event("subteam_members_changed")
    async def members_changed(event: dict) -> None:
        group = event.get("subteam_id")
        if isinstance(group, str):
            await ctx.after_ack.turn(f"user group {group} changed")  # Bolt acked events already
            await ctx.usergroups.refresh(group)
