"""Buttons on the scheduler's messages: Acknowledge (pages, emergency tickets) and Open ticket."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import (
    AlreadyAcknowledged,
    AwaitingApproval,
    NotAllowed,
    NotPaging,
    NotVisible,
    StoreUnavailable,
    TicketEnded,
    TicketNotFound,
)
from bot.locales.i18n import t
from handlers.home.paged import own_tab_pressed
from handlers.home.tab import publish_home
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.context import HandlerContext
from handlers.kit.modals import open_form
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import record_refusal, shown_id, tell_refused
from handlers.kit.replies import tell
from handlers.kit.store_answers import store_failed, store_failure
from handlers.paging.blocks import ticket_view
from handlers.tickets.card import service_name

log = logging.getLogger(__name__)


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_ACK)
    async def acknowledge_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        ticket_id = str(action.get("value") or "")[:20]
        in_home = own_tab_pressed(body, user)
        try:
            # the paged people's Home tabs are published again (the presser's own: just below)
            await ctx.acknowledgements.acknowledge(ticket_id, user)
        except AlreadyAcknowledged as first:
            await record_refusal(ctx, user, first, ticket_id)
            when = md.time(first.at) if first.at else ""
            text = t(
                language,
                "paging.ack.already",
                ticket_id=ticket_id,
                user=md.user(first.by),
                time=when,
            )
            await tell(client, body, user, text)
        except NotAllowed as refused:
            await record_refusal(ctx, user, refused, ticket_id)
            service = md.escape(service_name(ctx.config, refused.service, language))
            text = t(language, "paging.ack.not_allowed", ticket_id=ticket_id, service=service)
            await tell(client, body, user, text)
        except (TicketEnded, AwaitingApproval) as over:  # the refusals every control shares
            await tell_refused(ctx, client, body, user, language, over, ticket_id)
        except NotPaging as not_paging:
            await record_refusal(ctx, user, not_paging, ticket_id)
            await tell(
                client, body, user, t(language, "paging.ack.not_paging", ticket_id=ticket_id)
            )
        except TicketNotFound as missing:
            await record_refusal(ctx, user, missing, ticket_id)
            await tell(
                client, body, user, t(language, "tickets.not_found", ticket_id=shown_id(ticket_id))
            )
        except StoreUnavailable as store_error:
            log.exception(
                "database %s while acknowledging %s", store_failed(store_error), ticket_id
            )
            await tell(client, body, user, store_failure(language, store_error))
        if in_home:  # the Home tab has no message to update: publish it again
            await publish_home(ctx, client, user)

    @app.action(ids.ACTION_OPEN_TICKET)
    async def open_pressed(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        ticket_id = str(action.get("value") or "")[:20]
        try:
            shown = await ctx.desk.show(ticket_id, user)
        except TicketNotFound as missing:
            await record_refusal(ctx, user, missing, ticket_id)
            await tell(
                client, body, user, t(language, "tickets.not_found", ticket_id=shown_id(ticket_id))
            )
            return
        except NotVisible as refused:
            await record_refusal(ctx, user, refused, ticket_id)
            await tell(client, body, user, t(language, "tickets.not_visible", ticket_id=ticket_id))
            return
        except StoreUnavailable as store_error:
            log.exception("database %s while opening %s", store_failed(store_error), ticket_id)
            await tell(client, body, user, store_failure(language, store_error))
            return
        view = ticket_view(shown.ticket, shown.history, ctx.config, language)
        failed = t(language, "working.form_expired")
        await open_form(client, body, user, view, about=f"the page of {ticket_id}", failed=failed)
