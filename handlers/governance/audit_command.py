"""``/ticket audit [period] [ticket] [@person]``: the audit log as a CSV file in the admin's
direct messages.

The period is written as for ``/ticket export`` (``7d``, ``30j``, ``month``; 30 days when left
out), up to as long as ``retention.audit`` keeps the lines (``longest_period``); a ticket id
keeps its lines alone, a person (a mention) the lines they acted in or are the value of (assigned
to them, paged). Everyone else is refused, and the refusal is itself a line of the log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from slack_bolt.async_app import AsyncRespond

from bot.domain.errors import DeliveryFailed
from bot.domain.models import Language
from bot.governance.audit import MAX_LINES, NotAnAdmin, longest_period
from bot.governance.audit_csv import audit_csv
from bot.locales.i18n import date_text, t
from bot.reports.request import parse_period
from handlers.governance.privacy_command import MENTION
from handlers.kit import mrkdwn as md
from handlers.kit.context import HandlerContext
from handlers.kit.values import TICKET_ID

log = logging.getLogger(__name__)

AUDIT_WORDS = {"audit"}
AUDIT_DAYS = 30
TOO_LONG = "too_long:"


@dataclass(frozen=True)
class AuditRequest:
    days: int | None = None  # AUDIT_DAYS when left out
    ticket_id: str | None = None
    person: str | None = None


def parse_audit(words: list[str], longest: int) -> AuditRequest | str:
    """The period, ticket and person ``words`` ask for, in any order, each at most once; or
    the first word that is none of them (or a period longer than ``longest`` days, as
    ``too_long:<days>``)."""
    request = AuditRequest()
    for word in words:
        ticket = word.upper()
        mention = MENTION.match(word)
        if mention is not None and request.person is None:
            request = replace(request, person=mention.group(1))
        elif TICKET_ID.match(ticket) and request.ticket_id is None:
            request = replace(request, ticket_id=ticket)
        elif request.days is None and (days := parse_period(word, max_days=10**6)) is not None:
            if days > longest:
                return f"{TOO_LONG}{days}"
            request = replace(request, days=days)
        else:
            return word
    return request


async def answer_audit(
    ctx: HandlerContext, respond: AsyncRespond, user: str, language: Language, words: list[str]
) -> None:
    longest = longest_period(ctx.config.retention.audit)
    request = parse_audit(words, longest)
    if isinstance(request, str):
        limit = t(language, "governance.audit.days", count=longest)
        if request.startswith(TOO_LONG):
            asked = t(language, "governance.audit.days", count=int(request.removeprefix(TOO_LONG)))
            text = t(language, "governance.audit.too_long", asked=asked, limit=limit, max=longest)
        else:
            word = md.escape(md.truncate(request, 60))
            text = t(language, "governance.audit.bad_word", word=word, limit=limit)
        await respond(text=text)
        return
    days = request.days or AUDIT_DAYS
    try:
        export = await ctx.audit.export_for(
            user, days, ticket_id=request.ticket_id, person=request.person
        )
    except NotAnAdmin:
        await respond(text=t(language, "governance.audit.not_admin"))
        return
    start, end = date_text(language, export.start.date()), date_text(language, export.end.date())
    only = _only(request, language)
    if not export.entries:
        await respond(text=t(language, "governance.audit.empty", start=start) + only)
        return
    comment = t(
        language, "governance.audit.comment", start=start, end=end, count=len(export.entries)
    )
    comment += only
    if export.truncated:
        comment += "\n" + t(language, "governance.audit.truncated", count=MAX_LINES)
    try:
        await ctx.report_files.send_file(
            user,
            filename=f"guichet-audit-{export.start:%Y%m%d}-{export.end:%Y%m%d}{_suffix(request)}.csv",
            content=audit_csv(export.entries, language),
            title=t(language, "governance.audit.title", start=start, end=end),
            comment=comment,
        )
    except DeliveryFailed as failure:
        log.error("could not send %s the audit log: %s", user, failure.reason)
        await respond(text=t(language, "governance.audit.failed", error=md.escape(failure.reason)))
        return
    await respond(text=t(language, "governance.audit.sent", count=len(export.entries)))


def _only(request: AuditRequest, language: Language) -> str:
    """The filters asked for, said after the summary (« Seulement les lignes du ticket … »)."""
    said = ""
    if request.ticket_id is not None:
        said += " " + t(language, "governance.audit.only_ticket", ticket_id=request.ticket_id)
    if request.person is not None:
        said += " " + t(language, "governance.audit.only_person", person=md.user(request.person))
    return said


def _suffix(request: AuditRequest) -> str:
    return "".join(f"-{part}" for part in (request.ticket_id, request.person) if part)
