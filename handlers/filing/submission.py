"""Modal submissions: the filing form."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.audit import AuditEntry
from bot.domain.errors import AlreadyFiled, StoreUnavailable
from bot.filing.drafts import Draft, validate
from bot.locales.i18n import t
from handlers.filing.filed_view import FiledViews
from handlers.filing.form import FormContext
from handlers.home.tab import HOME_SOURCE, publish_home
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.forms import form_values, submission_key, text_value
from handlers.kit.store_answers import store_failed, store_failure
from handlers.tickets.card import service_name

log = logging.getLogger(__name__)


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    filed_views = FiledViews()

    @app.view(ids.FILE_TICKET_CALLBACK)
    async def file_ticket_submitted(
        ack: AsyncAck, body: dict, view: dict, client: AsyncWebClient
    ) -> None:
        user = body["user"]["id"]
        form = FormContext.decode(view.get("private_metadata"), ctx.config.language)
        language = form.language
        values = form_values(view)
        draft = Draft(*(text_value(values, block) for block in ids.FORM_BLOCKS))
        checked = validate(draft)
        if isinstance(checked, dict):
            errors = {field: t(language, e.key, **e.params) for field, e in checked.items()}
            await ack(response_action="errors", errors=errors)
            return
        submission = submission_key(view)
        unsettled: list[AuditEntry] = []  # copied to the audit log after the ack
        try:
            ticket = await ctx.filing.file(
                checked,
                user,
                language,
                source=form.source,
                origin=form.origin(),
                submission=submission,
                unsettled=unsettled,
            )
        except AlreadyFiled:  # the same submission again: the same answer, nothing filed
            filed = await ctx.filing.filed_from(submission) if submission else None
            if filed is None:
                await ack()
                return
            name = service_name(ctx.config, filed.service, language)
            await ack(response_action="update", view=filed_views.view(language, filed, name))
            return
        except StoreUnavailable as store_error:
            log.exception("database %s while filing a ticket", store_failed(store_error))
            error = store_failure(language, store_error)
            await ack(response_action="errors", errors={ids.BLOCK_DESCRIPTION: error})
            return
        if form.deflection:
            await ctx.knowledge.ticket_filed(form.deflection, user, ticket.id)
        name = service_name(ctx.config, ticket.service, language)
        await ack(response_action="update", view=filed_views.view(language, ticket, name))

        async def announce() -> None:
            try:
                await ctx.filing.announce(ticket, unsettled)
            except StoreUnavailable:  # its mark stays: the scheduler announces it later
                log.exception("ticket %s could not be announced", ticket.id)
            if form.source == HOME_SOURCE:
                await publish_home(ctx, client, user)

        await ctx.after_ack.submit(f"announce {ticket.id}", announce)
