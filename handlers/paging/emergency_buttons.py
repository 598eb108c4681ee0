"""A person decides what is an emergency: "This is an emergency" on a suspected one's card,
"Not an emergency: incident…" on a page (or the paging card). Ack, one use-case call, answer."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import GuichetError, NoChange, NotAllowed, NotPaging
from bot.domain.models import Language, Priority
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.context import HandlerContext
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import explain, record_refusal
from handlers.kit.replies import tell
from handlers.kit.values import unpack
from handlers.tickets.card import service_name

TICKET_ID_MAX = 20


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    def refusal(error: GuichetError, language: Language, ticket_id: str) -> str:
        """Why nothing changed, in the words of this decision."""
        if isinstance(error, NotAllowed):
            service = md.escape(service_name(ctx.config, error.service, language))
            return t(language, "paging.emergency.not_allowed", ticket_id=ticket_id, service=service)
        if isinstance(error, NoChange):
            return t(language, "paging.emergency.already", ticket_id=ticket_id)
        if isinstance(error, NotPaging):
            return t(language, "paging.emergency.not_paging", ticket_id=ticket_id)
        return explain(error, language, ctx.config, ticket_id)

    @app.action(ids.ACTION_DECLARE_EMERGENCY)
    async def declare_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        ticket_id = str(action.get("value") or "")[:TICKET_ID_MAX]
        try:
            await ctx.emergency_calls.declare(ticket_id, user)
        except GuichetError as error:
            await record_refusal(ctx, user, error, ticket_id)
            await tell(client, body, user, refusal(error, language, ticket_id))

    @app.action(ids.ACTION_NOT_EMERGENCY)
    async def not_emergency_chosen(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        value = unpack((action.get("selected_option") or {}).get("value"), parts=1)
        try:
            priority = Priority(str(value.parts[0])) if value else None
        except ValueError:
            priority = None
        if value is None or priority is None:
            ticket_id = value.ticket_id if value is not None else None
            await record_refusal(ctx, user, ValueError("priority"), ticket_id)
            await tell(client, body, user, t(language, "working.bad_value"))
            return
        try:
            await ctx.emergency_calls.dismiss(value.ticket_id, user, priority)
        except GuichetError as error:
            await record_refusal(ctx, user, error, value.ticket_id)
            await tell(client, body, user, refusal(error, language, value.ticket_id))
