"""The requester's buttons in their direct messages: add information (opens a form), cancel,
"is it solved?" yes / no (one table, ``ANSWERS``), and the 1-5 satisfaction rating."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import aiohttp
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.approvals import ApprovalState
from bot.domain.errors import GuichetError
from bot.locales.i18n import t
from bot.working.changes import Changed
from bot.working.follow_up import RequesterFollowUp
from handlers.kit import ids
from handlers.kit.context import HandlerContext
from handlers.kit.modals import open_form
from handlers.kit.opening import acknowledged
from handlers.kit.refusals import tell_bad_value, tell_refused
from handlers.kit.values import ActionValue, unpack
from handlers.tickets.card import text_blocks
from handlers.working.control_actions import announce
from handlers.working.modals import information_modal

log = logging.getLogger(__name__)


def register(app: AsyncApp, ctx: HandlerContext) -> None:
    @app.action(ids.ACTION_ADD_INFO)
    async def add_information_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales)
        value = unpack(action.get("value"))
        if value is None:
            await tell_bad_value(ctx, client, body, user, language)
            return
        try:
            ticket = await ctx.follow_up.own(value.ticket_id, user)
        except GuichetError as error:
            await tell_refused(ctx, client, body, user, language, error, value.ticket_id)
            return
        view = information_modal(ticket, language)
        failed = t(language, "working.form_expired")
        await open_form(client, body, user, view, about=f"adding to {ticket.id}", failed=failed)

    for action_id, answer in ANSWERS.items():
        app.action(action_id)(_answering(ctx, answer))

    @app.action(ids.ACTION_RATE)
    async def rating_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        value = unpack(action.get("value"), parts=1)
        rating = value.parts[0] if value else None
        if value is None or rating is None or not rating.isdigit():
            await tell_bad_value(ctx, client, body, user, language)
            return
        try:
            changed = await ctx.follow_up.rate(value.ticket_id, user, int(rating))
        except (GuichetError, ValueError) as error:
            await tell_refused(ctx, client, body, user, language, error, value.ticket_id)
            return
        thanks = t(language, "working.rating.thanks", ticket_id=value.ticket_id, rating=rating)
        try:  # the buttons give way to the thanks
            await respond(replace_original=True, text=thanks, blocks=text_blocks(thanks))
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            log.warning("could not replace the rating message of %s: %r", value.ticket_id, error)
        await announce(ctx, changed)


Answer = Callable[[RequesterFollowUp, ActionValue, str], Awaitable[Changed]]
"""What a requester's button does: (follow-up, its value, requester) -> the change written."""

ANSWERS: dict[str, Answer] = {
    ids.ACTION_CANCEL: lambda follow_up, value, user: follow_up.cancel(
        value.ticket_id, user, seen_approval=value.parts[0] if value.parts else None
    ),
    ids.ACTION_SOLVED: lambda follow_up, value, user: follow_up.answer_resolution(
        value.ticket_id, user, solved=True
    ),
    ids.ACTION_NOT_SOLVED: lambda follow_up, value, user: follow_up.answer_resolution(
        value.ticket_id, user, solved=False
    ),
}

IN_PLACE = frozenset({ids.ACTION_SOLVED, ids.ACTION_NOT_SOLVED})
"""The answers whose change is told in the pressed DM itself, once answered."""


def _answer_value(action: dict) -> ActionValue | None:
    """The ticket id; Cancel may also say what the requester saw (a request awaiting
    approval: ``REQ-1|pending``), so that pressed once that is no longer so, it is too late."""
    raw = action.get("value")
    if action.get("action_id") == ids.ACTION_CANCEL:
        return unpack(raw) or unpack(raw, parts=1)
    return unpack(raw)


def _answered_key(action_id: str, changed: Changed) -> str:
    """What the pressed message says now: a cancelled request that awaited approval was
    withdrawn (its button said so); "not solved" on a ticket nobody had reopens it into the
    queue (nobody is back on it); any other answer is named by its button."""
    withdrawn = changed.ticket.approval == ApprovalState.WITHDRAWN.value
    if action_id == ids.ACTION_CANCEL and withdrawn:
        return "working.answered.ticket_withdrawn"
    if action_id == ids.ACTION_NOT_SOLVED and changed.ticket.assignee is None:
        return "working.answered.ticket_not_solved_queue"  # nobody is back on it yet
    return f"working.answered.{action_id}"


def _answering(ctx: HandlerContext, answer: Answer) -> Callable[..., Awaitable[None]]:
    """The listener of one of ``ANSWERS``: cancel, or answer "is it solved?"; tell everyone
    concerned, or why nothing changed."""

    async def answer_pressed(
        ack: AsyncAck, body: dict, action: dict, client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        user, language = await acknowledged(ack, body, ctx.locales, ctx.after_ack)
        value = _answer_value(action)
        if value is None:
            await tell_bad_value(ctx, client, body, user, language)
            return
        try:
            changed = await answer(ctx.follow_up, value, user)
        except GuichetError as error:
            await tell_refused(ctx, client, body, user, language, error, value.ticket_id)
            return
        done = t(language, _answered_key(action["action_id"], changed), ticket_id=value.ticket_id)
        if action["action_id"] in IN_PLACE:
            # answered at once, then telling makes this very DM say the ticket is open again
            # with its buttons, or closed with the rating's (bot/tickets/requester_dms.py): one
            # message for one press
            await _answer_in_place(respond, done, value.ticket_id)
            await announce(ctx, changed)
            return
        # told first: telling takes the buttons off the earlier DMs, this one included, and
        # then the answered question says what happened, with no button left
        await announce(ctx, changed)
        await _answer_in_place(respond, done, value.ticket_id)

    return answer_pressed


async def _answer_in_place(respond: AsyncRespond, done: str, ticket_id: str) -> None:
    """The pressed message says what was answered, with no button left."""
    try:
        await respond(replace_original=True, text=done, blocks=text_blocks(done))
    except (aiohttp.ClientError, TimeoutError, ValueError) as error:
        log.warning("could not replace the answered message of %s: %r", ticket_id, error)
