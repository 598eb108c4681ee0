"""The card's *Merge into…*: a form asking which ticket the duplicate goes into, then the merge
(``bot/working/merging.py``) and both cards refreshed. Refusals are ephemeral (the button) or
in the form, and recorded in the audit log."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import AwaitingApproval, GuichetError, TicketNotFound
from bot.domain.models import Language
from bot.locales.i18n import t
from bot.working.merging import CannotMerge
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.forms import form_values, text_value
from handlers.kit.modals import open_form
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import record_refusal, tell_refused
from handlers.kit.values import unpack
from handlers.working.control_actions import announce
from handlers.working.form_refusals import refuse_form
from handlers.working.merge_modal import merge_modal

log = logging.getLogger(__name__)


def _field_error(error: GuichetError, language: Language, target: str) -> str | None:
    """What the form says under the field, for a refusal about the ticket typed there."""
    if isinstance(error, CannotMerge):
        return t(language, f"working.merge.{error.reason.value}", target=error.target)
    if isinstance(error, TicketNotFound) and error.ticket_id == target:
        return t(language, "tickets.not_found", ticket_id=target)
    if isinstance(error, AwaitingApproval) and error.ticket_id == target:
        return t(language, "working.awaiting_approval", ticket_id=target)
    return None


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_MERGE)
    async def merge_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        ticket_id = str(action.get("value") or "")[:20]
        try:
            ticket = await ctx.merging.mergeable(ticket_id, user)
        except GuichetError as error:
            await tell_refused(ctx, client, body, user, language, error, ticket_id)
            return
        view, failed = merge_modal(ticket, language), t(language, "working.form_expired")
        await open_form(client, body, user, view, about=f"merging {ticket.id}", failed=failed)

    @app.view(ids.MERGE_CALLBACK)
    async def merge_submitted(ack: AsyncAck, body: dict, view: dict) -> None:
        user = body["user"]["id"]
        language = await ctx.locales.language_of(user)
        duplicate = unpack(view.get("private_metadata"))
        target = (text_value(form_values(view), ids.BLOCK_MERGE_TARGET) or "").strip().upper()
        if duplicate is None:
            await refuse_form(ack, ctx, user, language, ValueError("value"), None)
            return
        try:
            merged = await ctx.merging.merge(duplicate.ticket_id, target, user)
        except GuichetError as error:
            field = _field_error(error, language, target)
            if field is None:
                await refuse_form(ack, ctx, user, language, error, duplicate.ticket_id)
                return
            await ack(response_action="errors", errors={ids.BLOCK_MERGE_TARGET: field})
            await record_refusal(ctx, user, error, duplicate.ticket_id)
            return
        await ack()
        await ctx.after_ack.turn(f"merged {duplicate.ticket_id}")
        await announce(ctx, merged.duplicate)
        await announce(ctx, merged.target)
