"""Submissions of the working forms: assign a ticket, add information to one."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext

from bot.domain.errors import CannotWork, GuichetError
from bot.locales.i18n import t
from handlers.catalogue.file_input import uploaded_files
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.forms import form_values, text_value
from handlers.kit.refusals import record_refusal
from handlers.kit.values import unpack
from handlers.working.control_actions import announce
from handlers.working.form_refusals import refuse_form

log = logging.getLogger(__name__)


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.view(ids.ASSIGN_CALLBACK)
    async def assign_submitted(
        ack: AsyncAck, body: dict, view: dict, context: AsyncBoltContext
    ) -> None:
        user = body["user"]["id"]
        language = await ctx.locales.language_of(user)
        target = unpack(view.get("private_metadata"), parts=1)
        assignee = text_value(form_values(view), ids.BLOCK_ASSIGNEE)
        if target is None:
            await refuse_form(ack, ctx, user, language, ValueError("value"), None)
            return
        if not assignee:
            await ack(
                response_action="errors",
                errors={ids.BLOCK_ASSIGNEE: t(language, "working.assign.missing")},
            )
            return
        if assignee == context.bot_user_id:
            await ack(
                response_action="errors",
                errors={ids.BLOCK_ASSIGNEE: t(language, "working.assign.not_a_person")},
            )
            return
        try:
            changed = await ctx.work.assign(target.ticket_id, user, assignee, seen=target.parts[0])
        except CannotWork as error:
            service = ctx.config.service_name(error.service, language)
            await ack(
                response_action="errors",
                errors={
                    ids.BLOCK_ASSIGNEE: t(language, "working.assign.cannot_work", service=service)
                },
            )
            await record_refusal(ctx, user, error, target.ticket_id)
            return
        except GuichetError as error:
            await refuse_form(ack, ctx, user, language, error, target.ticket_id)
            return
        await ack()
        await ctx.after_ack.turn(f"assigned {target.ticket_id}")
        await announce(ctx, changed)

    @app.view(ids.ADD_INFO_CALLBACK)
    async def information_submitted(ack: AsyncAck, body: dict, view: dict) -> None:
        user = body["user"]["id"]
        language = await ctx.locales.language_of(user)
        target = unpack(view.get("private_metadata"))
        text = (text_value(form_values(view), ids.BLOCK_INFORMATION) or "").strip()
        files = uploaded_files(view)
        if target is None:
            await refuse_form(ack, ctx, user, language, ValueError("value"), None)
            return
        if not text and not files:
            await ack(
                response_action="errors",
                errors={ids.BLOCK_INFORMATION: t(language, "working.info.empty")},
            )
            return
        try:
            changed = await ctx.follow_up.add_information(target.ticket_id, user, text, files)
        except GuichetError as error:
            await refuse_form(ack, ctx, user, language, error, target.ticket_id)
            return
        await ack()
        await ctx.after_ack.turn(f"information on {target.ticket_id}")
        await announce(ctx, changed)
