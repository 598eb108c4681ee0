"""Why an action changed nothing, in the words of the person who tried it.

One place turns every error the working use cases raise into a polite message; listeners show
it as an ephemeral message, a DM or a modal. Every refusal is also recorded in the audit log
(who, which surface, which ticket, why) by ``record_refusal`` — ``explained`` does both.
"""

from __future__ import annotations

import logging
import re

from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.config import ServicesConfig
from bot.domain.errors import (
    AlreadyClaimed,
    AlreadyRated,
    AwaitingApproval,
    CannotWork,
    EmergencyPriority,
    GuichetError,
    IllegalTransition,
    LinksAcrossPrivacy,
    NoChange,
    NotAllowed,
    NotTheRequester,
    StaleTicket,
    StoreUnavailable,
    TicketEnded,
    TicketNotFound,
    TypeHeldByLinks,
    WrongStatus,
)
from bot.domain.models import TYPE_PREFIX, HistoryAction, Language, Priority, Status, TicketType
from bot.locales.i18n import priority_name, status_in_sentence, status_name, t, type_name
from bot.telemetry.observability import TICKET_ID, current_request
from handlers.kit import mrkdwn as md
from handlers.kit import people
from handlers.kit.context import HandlerContext
from handlers.kit.history import describe_change
from handlers.kit.replies import tell
from handlers.kit.store_answers import store_failed, store_failure

log = logging.getLogger(__name__)

TICKET_ID_SHOWN = 20
OTHER_SUBJECT = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")  # SUG-3, kb-12, a folder article's id
TICKET_PREFIXES = frozenset(TYPE_PREFIX.values())
BAD_VALUE = "bad_value"  # a value no control of ours sends (forged, or cut)


def explain(
    error: GuichetError | ValueError, language: Language, config: ServicesConfig, ticket_id: str
) -> str:
    """The message for ``error`` raised while acting on ``ticket_id`` (as the payload named
    it: shown cut and escaped, a forged one pings nobody)."""
    ticket_id = shown_id(ticket_id)
    if isinstance(error, StaleTicket):
        return _stale(error, language, config)
    if isinstance(error, AwaitingApproval):
        return t(language, "working.awaiting_approval", ticket_id=error.ticket_id)
    if isinstance(error, TicketEnded):
        return ended(error, language)
    if isinstance(error, TicketNotFound):
        return t(language, "tickets.not_found", ticket_id=shown_id(error.ticket_id))
    if isinstance(error, NotAllowed):
        key = "working.not_allowed_requester" if error.requester else "working.not_allowed"
        service = config.service_name(error.service, language)
        return t(language, key, service=service, ticket_id=ticket_id)
    if isinstance(error, NotTheRequester):
        return t(language, "working.not_requester", ticket_id=error.ticket_id)
    if isinstance(error, IllegalTransition):
        return t(
            language,
            "working.illegal",
            ticket_id=ticket_id,
            current=status_name(language, Status(error.current)),
            wanted=status_name(language, Status(error.wanted)),
        )
    if isinstance(error, WrongStatus):
        status = status_name(language, Status(error.status))
        return t(language, "working.wrong_status", ticket_id=error.ticket_id, status=status)
    if isinstance(error, NoChange):
        return t(
            language,
            f"working.same_{error.field}",
            ticket_id=error.ticket_id,
            value=_value(error, language, config),
        )
    if isinstance(error, TypeHeldByLinks):
        if error.problem_id is not None:
            return t(
                language,
                "working.type_linked_to",
                ticket_id=error.ticket_id,
                problem_id=error.problem_id,
            )
        return t(language, "working.type_has_links", ticket_id=error.ticket_id, count=error.linked)
    if isinstance(error, LinksAcrossPrivacy):
        service = config.service_name(error.service, language)
        if error.problem_id is not None:
            return t(
                language,
                "working.move_linked_to",
                ticket_id=error.ticket_id,
                service=service,
                problem_id=error.problem_id,
            )
        return t(
            language,
            "working.move_has_links",
            ticket_id=error.ticket_id,
            service=service,
            count=error.linked,
        )
    if isinstance(error, EmergencyPriority):
        return t(language, "working.emergency_priority", ticket_id=error.ticket_id)
    if isinstance(error, CannotWork):
        service = config.service_name(error.service, language)
        return t(language, "working.cannot_work", user=md.user(error.user), service=service)
    if isinstance(error, AlreadyRated):
        return t(language, "working.already_rated", ticket_id=error.ticket_id, rating=error.rating)
    if isinstance(error, AlreadyClaimed):
        return t(
            language,
            "working.claim.already",
            ticket_id=error.ticket_id,
            user=md.user(error.assignee),
        )
    if isinstance(error, StoreUnavailable):
        log.error("database %s while working %s: %s", store_failed(error), ticket_id, error)
        return store_failure(language, error)
    if isinstance(error, ValueError):
        return t(language, "working.bad_value")
    log.error("no explanation for %r while working %s", error, ticket_id)
    return t(language, "operations.error.unexpected")


def shown_id(ticket_id: str) -> str:
    """A ticket id a payload or a person typed, as a message may echo it: cut, and escaped (a
    forged ``<!channel>`` or ``<@U…>`` is shown, never a mention)."""
    return md.escape(ticket_id[:TICKET_ID_SHOWN])


def ended(error: TicketEnded, language: Language) -> str:
    """A control pressed on a ticket that is over: what it is, who ended it and when."""
    ticket, entry = error.ticket, error.ended
    status = status_name(language, ticket.status, ticket.awaiting_approval)
    if entry is None:
        return t(language, "tickets.ended.plain", ticket_id=ticket.id, status=status)
    who = people.actor(entry.actor, language)
    if entry.actor == ticket.requester:
        who = t(language, "tickets.ended.its_requester")
    if entry.action == HistoryAction.MERGED:
        when = md.time(entry.at)
        other = entry.after or ""
        return t(
            language, "tickets.ended.merged", ticket_id=ticket.id, other=other, user=who, time=when
        )
    return t(
        language,
        "tickets.ended.by",
        ticket_id=ticket.id,
        status=status,
        user=who,
        time=md.time(entry.at),
    )


async def record_refusal(
    ctx: HandlerContext,
    user: str,
    error: Exception | str,
    ticket_id: str | None,
) -> None:
    """Put the refusal in the audit log: what was tried is the request's button, menu, form or
    command; the ticket is kept only when the payload named a well-formed id (it may be forged),
    and another subject (a suggestion, an article) when it is a short plain id. ``error`` is
    the use case's error (its class names the refusal: ``GuichetError``, or a lookup's like
    ``ArticleNotFound``), a ``ValueError`` for a malformed value, or a word saying why."""
    record = current_request()
    attempted = (record.name if record else "") or "unknown"
    subject = ticket_id if ticket_id and _is_ticket(ticket_id) else None
    about = ticket_id if subject is None and ticket_id and OTHER_SUBJECT.match(ticket_id) else None
    reason = BAD_VALUE if isinstance(error, ValueError) else error
    await ctx.audit.refused(user, attempted, subject, reason, about)


def _is_ticket(subject: str) -> bool:
    """``INC-4`` is a ticket's id; ``SUG-1`` (a problem suggestion) is shaped alike but not."""
    return bool(TICKET_ID.match(subject)) and subject.split("-")[0] in TICKET_PREFIXES


async def explained(
    ctx: HandlerContext,
    error: GuichetError | ValueError,
    user: str,
    language: Language,
    ticket_id: str,
) -> str:
    """``explain`` the refusal to ``user``, once it is recorded in the audit log."""
    await record_refusal(ctx, user, error, ticket_id)
    return explain(error, language, ctx.config, ticket_id)


async def tell_refused(
    ctx: HandlerContext,
    client: AsyncWebClient,
    body: dict,
    user: str,
    language: Language,
    error: GuichetError | ValueError,
    ticket_id: str,
) -> None:
    """Tell ``user``, where they pressed, why ``error`` refused their press, once it is
    recorded in the audit log (``explained``)."""
    await tell(client, body, user, await explained(ctx, error, user, language, ticket_id))


async def tell_bad_value(
    ctx: HandlerContext, client: AsyncWebClient, body: dict, user: str, language: Language
) -> None:
    """A button's value no control of ours sends (forged, or cut): recorded, then said."""
    await record_refusal(ctx, user, ValueError("value"), None)
    await tell(client, body, user, t(language, "working.bad_value"))


def _value(error: NoChange, language: Language, config: ServicesConfig) -> str:
    if error.field == "status":
        return status_in_sentence(language, Status(error.value))
    if error.field == "assignee":
        return md.user(error.value)
    if error.field == "priority":
        return priority_name(language, Priority(error.value))
    if error.field == "type":
        return type_name(language, TicketType(error.value))
    return config.service_name(error.value, language)


def _stale(error: StaleTicket, language: Language, config: ServicesConfig) -> str:
    ticket = error.ticket
    change = (
        describe_change(error.last_change, language, config)
        if error.last_change is not None
        else status_name(language, ticket.status, ticket.awaiting_approval)
    )
    assignee = (
        people.person(ticket.assignee, language)
        if ticket.assignee
        else t(language, "tickets.card.unassigned")
    )
    return t(
        language,
        "working.stale",
        ticket_id=ticket.id,
        change=change,
        status=status_in_sentence(language, ticket.status, ticket.awaiting_approval),
        assignee=assignee,
    )
