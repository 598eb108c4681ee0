"""The filing form opened from the knowledge base: "I still need help" under suggested articles
(the form remembers the suggestions, so the ticket counts as filed after one), and "File a
ticket" when no article matched a direct message. Both pre-fill the form with the question."""

from __future__ import annotations

import logging

import aiohttp
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.models import Language
from bot.locales.i18n import t
from handlers.filing.form import FormContext, filing_modal, prefill_from_text
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.modals import open_form
from handlers.kit.opening import acknowledged
from handlers.knowledge.blocks import read_file_value
from handlers.tickets.card import text_blocks

log = logging.getLogger(__name__)
SOURCE = "knowledge"


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_KB_NEED_HELP)
    async def still_need_help(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        deflection = str(action.get("value") or "")
        question = await ctx.knowledge.question(deflection, user)
        if question is None:  # not shown to this person: an empty form, counted nowhere
            deflection, question = "", ""
        opened = await _open(ctx, client, body, user, language, question, deflection or None)
        if opened and deflection and body.get("message") and body.get("response_url"):
            await _asked_for_help(respond, language)

    @app.action(ids.ACTION_KB_FILE)
    async def file_ticket(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        question, deflection = read_file_value(str(action.get("value") or ""))
        if deflection and await ctx.knowledge.question(deflection, user) is None:
            deflection = None  # not shown to this person: counted nowhere
        await _open(ctx, client, body, user, language, question, deflection)


async def _asked_for_help(respond: AsyncRespond, language: Language) -> None:
    """The articles' message, once its reader asked for help and the form opened, says so,
    without its buttons (as "This answered my question" does): no live "answered" left under
    a question they are filing a ticket about."""
    said = t(language, "knowledge.suggest.asked_help")
    try:
        await respond(replace_original=True, text=said, blocks=text_blocks(said))
    except (aiohttp.ClientError, TimeoutError, ValueError) as error:
        log.warning("could not update the suggestions after a call for help: %r", error)


async def _open(
    ctx: HandlerContext,
    client: AsyncWebClient,
    body: dict,
    user: str,
    language: Language,
    question: str,
    deflection: str | None,
) -> bool:
    """Open the filing form pre-filled with ``question``; whether it opened."""
    question = question.strip()
    prefill = prefill_from_text(question, ctx.filing.suggest(question) if question else None)
    channel = (body.get("channel") or {}).get("id")
    form = FormContext(language=language, source=SOURCE, channel=channel, deflection=deflection)
    view = filing_modal(language, ctx.config, form, prefill)
    failed = t(language, "filing.trigger_expired")
    opened = await open_form(
        client, body, user, view, about="filing after suggestions", failed=failed
    )
    return opened is not None
