"""The App Home tab: published when opened and after a claim or a filing from it; its Details
button. Its New ticket button opens the filing form (``handlers/filing/from_home.py``); claim
buttons on it are served by the channel's claim listener (same action id), which refreshes the
tab afterwards."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.config import ServicesConfig
from bot.domain.errors import NotVisible, StoreUnavailable, TicketNotFound
from bot.home.snapshot import Home
from bot.knowledge.base import KnowledgeBase
from bot.locales.i18n import t
from handlers.home.blocks import details_modal, home_unavailable_view, home_view
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.deliveries import event_key
from handlers.kit.locale import LocaleResolver
from handlers.kit.modals import open_form
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import record_refusal, shown_id
from handlers.kit.replies import dm
from handlers.kit.slack_errors import SLACK_FAILURES
from handlers.kit.store_answers import store_failed, store_failure

log = logging.getLogger(__name__)

HOME_SOURCE = "home"


def pressed_in_home(body: dict) -> bool:
    """True when a block action comes from the App Home tab."""
    return ((body.get("view") or {}).get("type")) == "home"


async def publish_home(ctx: HandlerContext, client: AsyncWebClient, user: str) -> None:
    """Publish ``user``'s Home tab as it stands now."""
    await HomeTabs(ctx.locales, ctx.home, ctx.config, ctx.knowledge).publish(client, user)


@dataclass(frozen=True)
class HomeTabs:
    """What publishing a Home tab reads: its reader's language, their tickets, the services
    file and whether the knowledge base has articles."""

    locales: LocaleResolver
    home: Home
    config: ServicesConfig
    knowledge: KnowledgeBase

    async def publish(self, client: AsyncWebClient, user: str) -> None:
        """Publish ``user``'s Home tab as it stands now; a failure is logged."""
        language = await self.locales.language_of(user)
        try:
            snapshot = await self.home.snapshot(user)
            # the knowledge base is open to everyone, as /ticket kb is: offered when it has
            # articles
            knowledge = self.knowledge.holds_articles()
            view = home_view(snapshot, self.config, language, knowledge=knowledge)
        except StoreUnavailable:
            log.exception("database unavailable for the Home tab of %s", user)
            view = home_unavailable_view(language)
        try:
            await client.views_publish(user_id=user, view=view)
        except SLACK_FAILURES as error:
            log.error("views.publish failed for %s: %s", user, error)


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.event("app_home_opened")
    async def home_opened(event: dict, body: dict, client: AsyncWebClient) -> None:
        if event.get("tab") != "home" or not event.get("user"):
            return
        await ctx.after_ack.turn(f"home of {event['user']}")  # Bolt acked events already
        try:
            async with ctx.receipts.once(event_key(body)) as first:
                if first:
                    await publish_home(ctx, client, str(event["user"]))
        except StoreUnavailable:  # the Home tab says so itself when the store is down
            await publish_home(ctx, client, str(event["user"]))

    @app.action(ids.ACTION_HOME_DETAILS)
    async def details_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        ticket_id = str(action.get("value") or "")[:20]
        try:
            shown = await ctx.desk.show(ticket_id, user)
        except TicketNotFound as missing:
            await record_refusal(ctx, user, missing, ticket_id)
            await dm(client, user, t(language, "tickets.not_found", ticket_id=shown_id(ticket_id)))
            return
        except NotVisible as hidden:
            await record_refusal(ctx, user, hidden, ticket_id)
            await dm(client, user, t(language, "tickets.not_visible", ticket_id=ticket_id))
            return
        except StoreUnavailable as store_error:
            log.exception("database %s for the details of %s", store_failed(store_error), ticket_id)
            await dm(client, user, store_failure(language, store_error))
            return
        now = ctx.desk.clock.now()
        view = details_modal(shown.ticket, shown.history, ctx.config, language, now)
        failed = t(language, "home.form_failed")
        await open_form(
            client, body, user, view, about=f"the details of {ticket_id}", failed=failed
        )
