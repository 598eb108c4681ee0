"""Buttons on ticket messages."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import (
    AlreadyClaimed,
    AwaitingApproval,
    IllegalTransition,
    NotAllowed,
    StoreUnavailable,
    TicketEnded,
    TicketNotFound,
)
from bot.domain.models import Status
from bot.locales.i18n import status_in_sentence, t
from handlers.home.paged import own_tab_pressed
from handlers.home.tab import publish_home
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.mrkdwn import escape
from handlers.kit.mrkdwn import user as mention
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import record_refusal, tell_refused
from handlers.kit.replies import tell as _tell
from handlers.kit.store_answers import store_failed, store_failure
from handlers.tickets.card import service_name

log = logging.getLogger(__name__)


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_CLAIM)
    async def claim_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        ticket_id = str(action.get("value") or "")
        in_home = own_tab_pressed(body, user)  # a page it ends: that tab published once, below
        try:
            await ctx.claims.claim(ticket_id, user)
        except AlreadyClaimed as taken:
            await record_refusal(ctx, user, taken, ticket_id)
            await _tell(
                client,
                body,
                user,
                t(
                    language,
                    "working.claim.already",
                    ticket_id=taken.ticket_id,
                    user=mention(taken.assignee),
                ),
            )
        except NotAllowed as refused:
            await record_refusal(ctx, user, refused, ticket_id)
            ticket = await ctx.desk.get(ticket_id)
            service = service_name(ctx.config, ticket.service, language) if ticket else ""
            await _tell(
                client,
                body,
                user,
                t(language, "working.claim.not_allowed", ticket_id=ticket_id, service=service),
            )
        except (TicketEnded, AwaitingApproval) as over:  # the refusals every control shares
            await tell_refused(ctx, client, body, user, language, over, ticket_id)
        except IllegalTransition as illegal:
            await record_refusal(ctx, user, illegal, ticket_id)
            status = status_in_sentence(language, Status(illegal.current))
            await _tell(
                client,
                body,
                user,
                t(language, "working.claim.closed", ticket_id=ticket_id, status=status),
            )
        except TicketNotFound as missing:
            await record_refusal(ctx, user, missing, ticket_id)
            await _tell(
                client,
                body,
                user,
                t(language, "tickets.not_found", ticket_id=escape(ticket_id[:20])),
            )
        except StoreUnavailable as store_error:
            log.exception("database %s while claiming %s", store_failed(store_error), ticket_id)
            await _tell(client, body, user, store_failure(language, store_error))
        if in_home:  # the Home tab has no channel to update: publish it again
            await publish_home(ctx, client, user)
