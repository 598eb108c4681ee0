"""The Home tab's New ticket button: it opens the filing form, marked as coming from the Home
tab so that its submission publishes the tab again (``submission.py``)."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.locales.i18n import t
from handlers.filing.catalogue_choice import catalogue_form
from handlers.filing.form import FormContext, Prefill, filing_modal
from handlers.home.tab import HOME_SOURCE
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.modals import open_form
from handlers.kit.opening import acknowledged


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_HOME_NEW_TICKET)
    async def new_ticket_pressed(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        if ctx.catalogue.enabled:
            view = catalogue_form(ctx, language, HOME_SOURCE, None, "")
        else:
            form = FormContext(language=language, source=HOME_SOURCE)
            view = filing_modal(language, ctx.config, form, Prefill())
        failed = t(language, "home.form_failed")
        await open_form(client, body, user, view, about="filing from the Home tab", failed=failed)
