"""The ``/ticket`` slash command: open the form, or help, list, show, stats, export, kb."""

from __future__ import annotations

import logging
import re

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import NotVisible, StoreUnavailable, TicketNotFound
from bot.domain.models import Language
from bot.locales.i18n import t
from handlers.filing.catalogue_choice import catalogue_form
from handlers.filing.form import FormContext, Prefill, prefill_from_text
from handlers.filing.form_cache import FormCache
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.context import HandlerContext
from handlers.kit.refusals import record_refusal
from handlers.kit.store_answers import store_failed, store_failure
from handlers.kit.subcommand_typo import as_meant, meant_subcommand
from handlers.knowledge.blocks import suggestion_blocks, suggestion_intro
from handlers.knowledge.browse import answer_browse
from handlers.reports.commands import answer_export, answer_stats
from handlers.tickets.card import (
    help_blocks,
    help_text,
    ticket_detail_blocks,
    ticket_list_blocks,
)

log = logging.getLogger(__name__)

TICKET_ID = re.compile(r"^[A-Za-z]{3}-\d{1,9}$")
# An id as people type it: ``#INC-42``, ``*INC-42*``, ``INC-42.``, ``(INC-42)``, ``INC-42?``
_WRAPPED_ID = re.compile(r"^[#*_`(\[]*([A-Za-z]{3})(-?)(\d{1,9})[)\]*_`.,;:!?]*$")
HELP_WORDS = {"help", "aide", "?"}
LIST_WORDS = {"list", "liste", "ls"}
SHOW_WORDS = {"show", "voir", "afficher"}
STATS_WORDS = {"stats", "stat", "statistiques"}
EXPORT_WORDS = {"export", "exporter"}
KB_WORDS = {"kb"}  # not "articles": "/ticket articles de bureau manquants" is a request
# what a one-word slip may have meant (handlers/kit/subcommand_typo.py), preferred first: "stat"
# left out ("start" is one letter from it), the words under 4 letters too
TYPO_TARGETS = (
    *("list", "liste", "help", "aide", "show", "voir", "afficher"),
    *("stats", "statistiques", "export", "exporter"),
)
# ... and a slip followed by more words (``/ticket stast 30d``, ``/ticket exprot security``,
# ``/ticket shwo INC-42``): only the sub-commands that take words after them; "lsit printers"
# stays a request
ARGUMENT_TYPO_TARGETS = ("show", "voir", "afficher", "stats", "statistiques", "export", "exporter")


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    forms = FormCache(ctx.config)

    @app.command(ids.COMMAND)
    async def ticket_command(
        ack: AsyncAck, body: dict, client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        await ack()
        user = body["user_id"]
        # escaped by Slack (the manifest's should_escape): as the person wrote it
        text = md.plain_text(body.get("text") or "").strip()
        language = await ctx.locales.language_of(user)
        words = text.split()
        first = words[0].lower() if words else ""
        try:
            if text.lower() in HELP_WORDS:
                admin = await ctx.desk.directory.is_admin(user)  # from the rosters
                await respond(
                    blocks=help_blocks(language, admin=admin), text=help_text(language, admin)
                )
            elif text.lower() in LIST_WORDS:
                await _list(ctx, respond, user, language)
            elif first in SHOW_WORDS and len(words) == 1:
                await respond(text=t(language, "tickets.show.usage"))
            elif first in SHOW_WORDS and len(words) == 2 and (named := ticket_id_in(words[1])):
                await _show(ctx, respond, user, language, named)
            elif first in SHOW_WORDS and len(words) == 2 and _has_digit(words[1]):
                # an id mistyped ("show 42", "show INC_42"): not a request to file
                written = md.escape(md.truncate(words[1], 30))
                await respond(text=t(language, "tickets.show.not_an_id", written=written))
            elif len(words) == 1 and (named := ticket_id_in(words[0], hyphen=True)):
                await _show(ctx, respond, user, language, named)
            elif first in STATS_WORDS:
                await answer_stats(ctx, respond, user, language, words[1:])
            elif first in EXPORT_WORDS:
                await answer_export(ctx, respond, user, language, words[1:])
            elif first in KB_WORDS:
                await answer_browse(ctx, respond, user, language, " ".join(words[1:]))
            elif meant := _slip(words):
                await respond(text=t(language, "filing.typo", command=meant))
            elif text and (shown := await ctx.knowledge.suggest(user, text, language, "command")):
                # articles first; "I still need help" opens the form (from_suggestions.py)
                blocks = suggestion_blocks(language, shown)
                await respond(blocks=blocks, text=suggestion_intro(language, shown))
            else:
                await _open_form(ctx, forms, client, respond, body, language, text)
        except StoreUnavailable as store_error:
            log.exception("database %s for /ticket %s", store_failed(store_error), first)
            await respond(text=store_failure(language, store_error))


def ticket_id_in(word: str, hyphen: bool = False) -> str | None:
    """The ticket id ``word`` names (``INC-42``), as typed with a ``#``, in bold or followed by
    punctuation; after ``show``, without its hyphen too (``inc42``). ``hyphen``: only with it
    (a word alone such as ``Win10`` is a request, not ticket WIN-10)."""
    match = _WRAPPED_ID.match(word)
    if match is None or (hyphen and not match.group(2)):
        return None
    return f"{match.group(1)}-{match.group(3)}".upper()


def _slip(words: list[str]) -> str | None:
    """The command meant when ``words`` start with a slip for a sub-command, or None."""
    if not words:
        return None
    if len(words) == 1:
        return meant_subcommand(words[0], TYPO_TARGETS)
    meant = meant_subcommand(words[0], ARGUMENT_TYPO_TARGETS)
    return as_meant(meant, words[1:]) if meant else None


def _has_digit(word: str) -> bool:
    return any(character.isdigit() for character in word)


async def _open_form(
    ctx: HandlerContext,
    forms: FormCache,
    client: AsyncWebClient,
    respond: AsyncRespond,
    body: dict,
    language: Language,
    text: str,
) -> None:
    view: View | str
    if ctx.catalogue.enabled:
        view = catalogue_form(ctx, language, "command", body.get("channel_id"), text)
    else:
        suggestion = ctx.filing.suggest(text) if text else None
        prefill = prefill_from_text(text, suggestion) if text else Prefill()
        context = FormContext(language=language, source="command", channel=body.get("channel_id"))
        view = forms.filing_form(language, context, prefill)
    try:
        # slack_sdk types ``view`` as dict | View; the Web API takes JSON text too (form_cache)
        await client.views_open(trigger_id=body["trigger_id"], view=view)  # type: ignore[arg-type]
    except SlackApiError as error:
        log.error("views.open failed: %s", error.response.get("error"))
        await respond(text=t(language, "filing.trigger_expired"))


async def _list(ctx: HandlerContext, respond: AsyncRespond, user: str, language: Language) -> None:
    tickets = await ctx.desk.open_tickets_of(user)
    assigned = await ctx.desk.open_tickets_assigned_to(user)
    await respond(
        blocks=ticket_list_blocks(tickets, ctx.config, language, assigned),
        text=t(language, "tickets.list.title"),
    )


async def _show(
    ctx: HandlerContext, respond: AsyncRespond, user: str, language: Language, ticket_id: str
) -> None:
    ticket_id = ticket_id.upper()
    try:
        shown = await ctx.desk.show(ticket_id, user)
    except TicketNotFound as missing:
        await record_refusal(ctx, user, missing, ticket_id)
        await respond(text=t(language, "tickets.not_found", ticket_id=ticket_id))
        return
    except NotVisible as refused:
        await record_refusal(ctx, user, refused, ticket_id)
        await respond(text=t(language, "tickets.not_visible", ticket_id=ticket_id))
        return
    ticket = shown.ticket
    await respond(
        blocks=ticket_detail_blocks(
            ticket, shown.history, ctx.config, language, ctx.desk.clock.now()
        ),
        text=f"{ticket.id} · {md.escape(ticket.title)}",  # a title is text, never a mention
    )
