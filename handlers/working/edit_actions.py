"""The card's agent tools: *Edit* (a form with the title and description) and *Unassign*."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import GuichetError
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.forms import form_values, text_value
from handlers.kit.modals import open_form
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import tell_bad_value, tell_refused
from handlers.kit.values import unpack
from handlers.working.control_actions import announce
from handlers.working.edit_modal import edit_modal
from handlers.working.form_refusals import refuse_form


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_EDIT)
    async def edit_pressed(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        ticket_id = str(action.get("value") or "")[:20]
        try:
            ticket = await ctx.editing.editable(ticket_id, user)
        except GuichetError as error:
            await tell_refused(ctx, client, body, user, language, error, ticket_id)
            return
        view, failed = edit_modal(ticket, language), t(language, "working.form_expired")
        await open_form(client, body, user, view, about=f"editing {ticket.id}", failed=failed)

    @app.action(ids.ACTION_UNASSIGN)
    async def unassign_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        value = unpack(action.get("value"), parts=1)
        if value is None:
            await tell_bad_value(ctx, client, body, user, language)
            return
        try:
            changed = await ctx.editing.unassign(value.ticket_id, user, seen=value.parts[0])
        except GuichetError as error:
            await tell_refused(ctx, client, body, user, language, error, value.ticket_id)
            return
        await announce(ctx, changed)

    @app.view(ids.EDIT_CALLBACK)
    async def edit_submitted(ack: AsyncAck, body: dict, view: dict) -> None:
        user = body["user"]["id"]
        language = await ctx.locales.language_of(user)
        target = unpack(view.get("private_metadata"))
        values = form_values(view)
        title = text_value(values, ids.BLOCK_EDIT_TITLE) or ""
        description = text_value(values, ids.BLOCK_EDIT_DESCRIPTION) or ""
        if target is None:
            await refuse_form(ack, ctx, user, language, ValueError("value"), None)
            return
        if not title.strip():
            errors = {ids.BLOCK_EDIT_TITLE: t(language, "governance.edit.empty_title")}
            await ack(response_action="errors", errors=errors)
            return
        try:
            changed = await ctx.editing.edit(target.ticket_id, user, title, description)
        except (GuichetError, ValueError) as error:
            await refuse_form(ack, ctx, user, language, error, target.ticket_id)
            return
        await ack()
        await ctx.after_ack.turn(f"edited {target.ticket_id}")
        if changed is not None:
            await announce(ctx, changed)
