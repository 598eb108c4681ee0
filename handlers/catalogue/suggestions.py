""" "What do you need?" in a large catalogue: Slack asks for the menu's options as people type
(``block_suggestion``); the answer is the items the typed text finds (``bot/catalogue/search.py``),
grouped by service, within Slack's limits, with "Something else" always offered."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp

from handlers.catalogue.picker import OPTIONS_MAX, option_groups
from handlers.kit import ids
from handlers.kit.context import HandlerContext

TYPED_MAX = 100  # what is read of the typed text


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.options(ids.ACTION_CATALOGUE_PICK)
    async def catalogue_options(ack: AsyncAck, body: dict) -> None:
        """Answered within Slack's three seconds: a scan of the catalogue's folded words."""
        language = await ctx.locales.language_of(body["user"]["id"])
        typed = str(body.get("value") or "")[:TYPED_MAX]
        found = ctx.catalogue.search.find(typed, OPTIONS_MAX - 1)  # and "Something else"
        groups = option_groups(ctx.config, language, found)
        await ack(option_groups=[group.to_dict() for group in groups])
