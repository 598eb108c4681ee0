"""The controls under a ticket's channel message: assign (opens a form), status, priority, type
and service menus. Each menu option carries the ticket id, what the menu showed and the choice."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import GuichetError
from bot.domain.models import Priority, Status, TicketType
from bot.locales.i18n import t
from bot.working.changes import Changed
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.modals import open_form
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import tell_bad_value, tell_refused
from handlers.kit.values import ActionValue, unpack
from handlers.working.modals import assign_modal

log = logging.getLogger(__name__)

Attempt = Callable[[ActionValue, str], Awaitable[Changed]]


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_ASSIGN)
    async def assign_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        value = unpack(action.get("value"), parts=1)
        if value is None:
            await tell_bad_value(ctx, client, body, user, language)
            return
        try:
            ticket = await ctx.work.open_workable(value.ticket_id, user)
        except GuichetError as error:
            await tell_refused(ctx, client, body, user, language, error, value.ticket_id)
            return
        view = assign_modal(ticket, language, seen=value.parts[0])
        failed = t(language, "working.form_expired")
        await open_form(client, body, user, view, about=f"assigning {ticket.id}", failed=failed)

    async def change_status(value: ActionValue, user: str) -> Changed:
        seen, wanted = value.parts
        return await ctx.work.change_status(
            value.ticket_id, user, Status(str(wanted)), seen=Status(str(seen))
        )

    async def change_priority(value: ActionValue, user: str) -> Changed:
        seen, wanted = value.parts
        return await ctx.work.change_priority(
            value.ticket_id, user, Priority(str(wanted)), seen=Priority(str(seen))
        )

    async def reassign(value: ActionValue, user: str) -> Changed:
        seen, wanted = value.parts
        return await ctx.work.reassign(value.ticket_id, user, str(wanted), seen=str(seen))

    async def change_type(value: ActionValue, user: str) -> Changed:
        seen, wanted = value.parts
        return await ctx.work.change_type(
            value.ticket_id, user, TicketType(str(wanted)), seen=TicketType(str(seen))
        )

    for action_id, attempt in (
        (ids.ACTION_STATUS, change_status),
        (ids.ACTION_PRIORITY, change_priority),
        (ids.ACTION_REASSIGN, reassign),
        (ids.ACTION_TYPE, change_type),
    ):
        app.action(action_id)(_menu_listener(ctx, attempt))


def _menu_listener(
    ctx: HandlerContext, attempt: Attempt
) -> Callable[[AsyncAck, dict, dict, AsyncWebClient], Awaitable[None]]:
    """A listener for a menu whose option values are ``ticket|seen|wanted``: ack, change the
    ticket, tell everyone concerned; or tell the person why nothing changed."""

    async def chosen(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        value = unpack((action.get("selected_option") or {}).get("value"), parts=2)
        if value is None:
            await tell_bad_value(ctx, client, body, user, language)
            return
        try:
            changed = await attempt(value, user)
        except (GuichetError, ValueError) as error:
            await tell_refused(ctx, client, body, user, language, error, value.ticket_id)
            return
        await announce(ctx, changed)

    return chosen


async def announce(ctx: HandlerContext, changed: Changed) -> None:
    """Tell everyone concerned; a failure here is logged (the change itself is written)."""
    try:
        await ctx.announcer.announce(changed)
    except GuichetError:
        log.exception(
            "ticket %s changed (%s) but telling people failed",
            changed.ticket.id,
            changed.entry.action,
            extra={"ticket_id": changed.ticket.id},
        )
