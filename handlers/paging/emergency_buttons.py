"""A person decides what is an emergency: "This is an emergency" on an open ticket's card,
"Not an emergency: incident…" on a page or an open emergency's card. Ack, one use-case call,
answer; a value no card carries is refused as ``bad_value``."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import GuichetError, NoChange, NotAllowed
from bot.domain.models import Language, Priority, TicketType
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.context import HandlerContext
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import explain, record_refusal
from handlers.kit.replies import tell
from handlers.kit.values import ActionValue, unpack
from handlers.tickets.card import service_name


def declared_value(raw: object) -> tuple[ActionValue, TicketType | None] | None:
    """The ticket and the type its card showed (``INC-4|incident``); a bare id is a card drawn
    before the button carried the type. ``None`` for anything else (forged, truncated)."""
    value = unpack(raw, parts=1)
    if value is None:
        bare = unpack(raw)
        return (bare, None) if bare is not None else None
    try:
        return value, TicketType(str(value.parts[0]))
    except ValueError:
        return None


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    def refusal(error: GuichetError, language: Language, ticket_id: str) -> str:
        """Why nothing changed, in the words of this decision."""
        if isinstance(error, NotAllowed):
            service = md.escape(service_name(ctx.config, error.service, language))
            return t(language, "paging.emergency.not_allowed", ticket_id=ticket_id, service=service)
        if isinstance(error, NoChange) and error.value == TicketType.EMERGENCY:
            return t(language, "paging.emergency.already", ticket_id=ticket_id)
        if isinstance(error, NoChange):  # "not an emergency" on one that no longer is
            return t(language, "paging.emergency.no_longer", ticket_id=ticket_id)
        return explain(error, language, ctx.config, ticket_id)

    @app.action(ids.ACTION_DECLARE_EMERGENCY)
    async def declare_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        read = declared_value(action.get("value"))
        if read is None:
            forged = str(action.get("value") or "").split("|")[0]  # kept if shaped like an id
            await record_refusal(ctx, user, ValueError("declare"), forged)
            await tell(client, body, user, t(language, "working.bad_value"))
            return
        value, seen = read
        try:
            await ctx.emergency_calls.declare(value.ticket_id, user, seen)
        except GuichetError as error:
            await record_refusal(ctx, user, error, value.ticket_id)
            await tell(client, body, user, refusal(error, language, value.ticket_id))

    @app.action(ids.ACTION_NOT_EMERGENCY)
    async def not_emergency_chosen(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
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
