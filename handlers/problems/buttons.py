"""The buttons of problems: "Create a problem" and "Not related" on a suggestion, "Unlink" on
an incident listed in a problem's thread, "Link to PRB-1" on a possible recurrence of a problem
reopened since."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.config import ServicesConfig
from bot.domain.errors import (
    AlreadyDecided,
    CannotLink,
    GuichetError,
    NotAllowed,
    NotLinked,
    SuggestionNotFound,
)
from bot.domain.models import Language, SuggestionState
from bot.locales.i18n import t
from handlers.kit import ids
from handlers.kit import mrkdwn as md
from handlers.kit.context import HandlerContext
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import explain, record_refusal
from handlers.kit.replies import tell
from handlers.kit.values import TICKET_ID, unpack

log = logging.getLogger(__name__)

SUGGESTION_ID = re.compile(r"^SUG-\d{1,9}$")


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_PROBLEM_CREATE)
    async def create_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        await ack()
        await ctx.after_ack.turn("problem created")

        async def create(suggestion_id: str, user: str, language: Language) -> None:
            await ctx.problems.create_problem(suggestion_id, user, language)

        await _decide(ctx, body, action, client, create)

    @app.action(ids.ACTION_PROBLEM_DISMISS)
    async def dismiss_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        await ack()
        await ctx.after_ack.turn("problem dismissed")

        async def dismiss(suggestion_id: str, user: str, _: Language) -> None:
            await ctx.problems.dismiss(suggestion_id, user)

        await _decide(ctx, body, action, client, dismiss)

    @app.action(ids.ACTION_UNLINK)
    async def unlink_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        incident_id = str(action.get("value") or "")
        if not TICKET_ID.match(incident_id):
            await record_refusal(ctx, user, ValueError(incident_id), None)
            await tell(client, body, user, t(language, "working.bad_value"))
            return
        try:  # the reply listing it is redrawn through the outbox, at once
            await ctx.problems.unlink(incident_id, user)
        except GuichetError as error:
            await record_refusal(ctx, user, error, incident_id)
            await tell(client, body, user, refusal(error, language, ctx.config, incident_id))

    @app.action(ids.ACTION_LINK_RECURRENCE)
    async def link_pressed(ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        value = unpack(action.get("value"), parts=1)
        parent_id = value.parts[0] if value is not None else None
        if value is None or parent_id is None or not TICKET_ID.match(parent_id):
            await record_refusal(ctx, user, ValueError(str(action.get("value"))[:40]), None)
            await tell(client, body, user, t(language, "working.bad_value"))
            return
        try:  # the reply is redrawn through the outbox, at once
            await ctx.problems.link_recurrence(value.ticket_id, parent_id, user)
        except ValueError as forged:  # no such reply was ever sent
            await record_refusal(ctx, user, forged, value.ticket_id)
            await tell(client, body, user, t(language, "working.bad_value"))
        except GuichetError as error:
            await record_refusal(ctx, user, error, value.ticket_id)
            await tell(client, body, user, refusal(error, language, ctx.config, value.ticket_id))


async def _decide(
    ctx: HandlerContext,
    body: dict,
    action: dict,
    client: AsyncWebClient,
    decision: Callable[[str, str, Language], Awaitable[None]],
) -> None:
    """A button of a suggestion: check the id it carries, make the ``decision``, and answer a
    refusal to the person who pressed it."""
    user = body["user"]["id"]
    language = await ctx.locales.language_of(user)
    suggestion_id = str(action.get("value") or "")
    if not SUGGESTION_ID.match(suggestion_id):
        await record_refusal(ctx, user, ValueError(suggestion_id), None)
        await tell(client, body, user, t(language, "working.bad_value"))
        return
    try:
        await decision(suggestion_id, user, language)
    except GuichetError as error:
        await record_refusal(ctx, user, error, suggestion_id)
        await tell(client, body, user, refusal(error, language, ctx.config, suggestion_id))


def refusal(error: GuichetError, language: Language, config: ServicesConfig, subject: str) -> str:
    """Why a problem button did nothing, for the person who pressed it."""
    if isinstance(error, SuggestionNotFound):
        return t(language, "problems.not_found")
    if isinstance(error, AlreadyDecided):
        by = md.user(error.by) if error.by else "?"
        if error.state == SuggestionState.DISMISSED.value:
            return t(language, "problems.already_dismissed", user=by)
        if error.problem_id is None:
            return t(language, "problems.suggestion.accepting", user=by)
        return t(language, "problems.already_accepted", user=by, problem_id=error.problem_id)
    if isinstance(error, CannotLink) and error.linked_to is not None:
        key = "problems.link.already"
        return t(language, key, ticket_id=error.ticket_id, problem_id=error.linked_to)
    if isinstance(error, CannotLink):
        key = "problems.link.private" if error.private else "problems.link.cannot"
        return t(language, key, ticket_id=error.ticket_id, problem_id=error.problem_id)
    if isinstance(error, NotLinked):
        return t(language, "problems.not_linked", ticket_id=error.ticket_id)
    if isinstance(error, NotAllowed) and SUGGESTION_ID.match(subject):
        service = config.service_name(error.service, language)
        return t(language, "problems.not_allowed", service=service)
    return explain(error, language, config, subject)
