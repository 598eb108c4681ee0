"""An item's form submitted: the answers checked (errors under the fields), the request filed
in the item's service, the form turned into its confirmation, then the ticket announced."""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.models.blocks import MarkdownTextObject, PlainTextObject, SectionBlock
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import AlreadyFiled, StoreUnavailable
from bot.domain.models import Language, Ticket
from bot.locales.i18n import number_text, t
from handlers.catalogue.file_input import uploaded_files
from handlers.catalogue.item_form import field_block_id, typed_answers
from handlers.catalogue.metadata import CatalogueMetadata
from handlers.home.tab import HOME_SOURCE, publish_home
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.forms import form_values, submission_key
from handlers.kit.mrkdwn import escape
from handlers.kit.store_answers import store_failed, store_failure

log = logging.getLogger(__name__)


def _notice(language: Language, title_key: str, text: str) -> View:
    return View(
        type="modal",
        callback_id=ids.NOTICE_CALLBACK,
        title=PlainTextObject(text=t(language, title_key)),
        close=PlainTextObject(text=t(language, "vocabulary.close")),
        blocks=[SectionBlock(text=MarkdownTextObject(text=text))],
    )


def _filed(ctx: HandlerContext, ticket: Ticket, language: Language) -> View:
    """What the form turns into once the request is filed: sent to its team, or, when it must
    be approved first, held until then (not "sent", which the DM that follows contradicts)."""
    service = escape(ctx.config.service_name(ticket.service, language))
    if ticket.awaiting_approval:
        body = t(language, "catalogue.modal.awaiting_body", ticket_id=ticket.id, service=service)
        return _notice(language, "catalogue.modal.awaiting_title", body)
    body = t(language, "filing.modal.filed_body", ticket_id=ticket.id, service=service)
    return _notice(language, "filing.modal.filed_title", body)


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.view(ids.CATALOGUE_REQUEST_CALLBACK)
    async def catalogue_request_submitted(
        ack: AsyncAck, body: dict, view: dict, client: AsyncWebClient
    ) -> None:
        user = body["user"]["id"]
        metadata = CatalogueMetadata.decode(view.get("private_metadata"), ctx.config.language)
        language = metadata.language
        item_id = metadata.item or ""
        if item_id not in ctx.catalogue.items:
            gone = t(language, "catalogue.error.gone")
            await ack(
                response_action="update", view=_notice(language, "catalogue.picker.title", gone)
            )
            return
        typed = typed_answers(form_values(view))
        checked = ctx.catalogue.check(item_id, typed, uploaded_files(view))
        if isinstance(checked, dict):
            errors = {
                field_block_id(field): t(language, error.key, **written(language, error.params))
                for field, error in checked.items()
            }
            await ack(response_action="errors", errors=errors)
            return
        submission = submission_key(view)
        try:
            ticket = await ctx.catalogue.file(
                checked, user, language, source=metadata.source, submission=submission
            )
        except AlreadyFiled:  # the same submission again: the same answer, nothing filed
            filed = await ctx.catalogue.filed_from(submission) if submission else None
            if filed is None:
                await ack()
                return
            await ack(response_action="update", view=_filed(ctx, filed, language))
            return
        except StoreUnavailable as store_error:
            log.exception("database %s while filing a catalogue request", store_failed(store_error))
            error = store_failure(language, store_error)
            await ack(
                response_action="update", view=_notice(language, "catalogue.picker.title", error)
            )
            return
        await ack(response_action="update", view=_filed(ctx, ticket, language))
        await ctx.after_ack.turn(f"request {ticket.id} filed")
        try:
            await ctx.catalogue.announce(ticket)
        except StoreUnavailable:
            log.exception("ticket %s posted but its message could not be recorded", ticket.id)
        if metadata.source == HOME_SOURCE:
            await publish_home(ctx, client, user)


def written(language: Language, params: dict[str, object]) -> dict[str, object]:
    """A limit (a float) as the reader writes numbers: « Le minimum est 0,5. », "1,000"."""
    return {
        name: number_text(language, value) if isinstance(value, float) else value
        for name, value in params.items()
    }
