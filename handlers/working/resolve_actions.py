"""Choosing *Resolved* in a ticket's status menu opens a form asking how it was solved (when its
service asks: ``resolution_note:``); its submission resolves the ticket with the note and
category. Registered before the status menu's own listener, it takes only that choice."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import GuichetError
from bot.domain.models import Status
from bot.locales.i18n import t
from bot.working.resolving import NoteRequired
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.forms import form_values, text_value
from handlers.kit.modals import open_form
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import record_refusal, tell_bad_value, tell_refused
from handlers.kit.values import unpack
from handlers.tickets.outcome_lines import category_label
from handlers.working.control_actions import announce
from handlers.working.form_refusals import refuse_form
from handlers.working.resolve_modal import resolve_modal


async def _resolving(action: dict) -> bool:
    value = (action.get("selected_option") or {}).get("value")
    return isinstance(value, str) and value.endswith(f"|{Status.RESOLVED.value}")


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_STATUS, matchers=[_resolving])
    async def resolve_chosen(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        value = unpack((action.get("selected_option") or {}).get("value"), parts=2)
        if value is None or value.parts[0] not in set(Status):
            await tell_bad_value(ctx, client, body, user, language)
            return
        seen = Status(str(value.parts[0]))
        try:
            ticket = await ctx.resolving.open_workable(value.ticket_id, user)
        except GuichetError as error:
            await tell_refused(ctx, client, body, user, language, error, value.ticket_id)
            return
        if ctx.resolving.asks(ticket.service) is None:  # not asked: resolved at once
            try:
                changed = await ctx.work.change_status(
                    value.ticket_id, user, Status.RESOLVED, seen=seen
                )
            except (GuichetError, ValueError) as error:
                await tell_refused(ctx, client, body, user, language, error, value.ticket_id)
                return
            await announce(ctx, changed)
            return
        required = ctx.resolving.note_required(ticket.service)
        categories = [
            (key, category_label(ctx.config, ticket.service, key, language))
            for key in ctx.resolving.categories(ticket.service)
        ]
        view = resolve_modal(ticket, language, seen, required, categories)
        failed = t(language, "working.form_expired")
        await open_form(client, body, user, view, about=f"resolving {ticket.id}", failed=failed)

    @app.view(ids.RESOLVE_CALLBACK)
    async def resolve_submitted(ack: AsyncAck, body: dict, view: dict) -> None:
        user = body["user"]["id"]
        language = await ctx.locales.language_of(user)
        target = unpack(view.get("private_metadata"), parts=1)
        values = form_values(view)
        note = text_value(values, ids.BLOCK_RESOLUTION_NOTE) or ""
        chosen = text_value(values, ids.BLOCK_RESOLUTION_CATEGORY)
        if target is None or target.parts[0] not in set(Status):
            await refuse_form(ack, ctx, user, language, ValueError("value"), None)
            return
        seen = Status(str(target.parts[0]))
        try:  # the category is checked against the stored ticket's service
            changed = await ctx.resolving.resolve(
                target.ticket_id, user, seen, note, chosen or None
            )
        except NoteRequired as error:
            errors = {ids.BLOCK_RESOLUTION_NOTE: t(language, "governance.resolve.required")}
            await ack(response_action="errors", errors=errors)
            await record_refusal(ctx, user, error, target.ticket_id)
            return
        except (GuichetError, ValueError) as error:
            await refuse_form(ack, ctx, user, language, error, target.ticket_id)
            return
        await ack()
        await ctx.after_ack.turn(f"resolved {target.ticket_id}")
        await announce(ctx, changed)
