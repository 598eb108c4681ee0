"""``/ticket audit [period]``: the audit log as a CSV file in the admin's direct messages.

The period is written as for ``/ticket export`` (``7d``, ``30j``, ``month``; 30 days when left
out). Everyone else is refused, and the refusal is itself a line of the log.
"""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncRespond

from bot.domain.errors import DeliveryFailed
from bot.domain.models import Language
from bot.governance.audit import MAX_LINES, NotAnAdmin
from bot.governance.audit_csv import audit_csv
from bot.locales.i18n import date_text, t
from bot.reports.request import parse_period
from handlers.kit import mrkdwn as md
from handlers.kit.context import HandlerContext

log = logging.getLogger(__name__)

AUDIT_WORDS = {"audit"}
AUDIT_DAYS = 30


async def answer_audit(
    ctx: HandlerContext, respond: AsyncRespond, user: str, language: Language, words: list[str]
) -> None:
    days = AUDIT_DAYS
    if words:
        period = parse_period(words[0]) if len(words) == 1 else None
        if period is None:
            word = md.escape(md.truncate(" ".join(words), 60))
            await respond(text=t(language, "governance.audit.bad_period", word=word))
            return
        days = period
    try:
        export = await ctx.audit.export_for(user, days)
    except NotAnAdmin:
        await respond(text=t(language, "governance.audit.not_admin"))
        return
    start, end = date_text(language, export.start.date()), date_text(language, export.end.date())
    if not export.entries:
        await respond(text=t(language, "governance.audit.empty", start=start))
        return
    comment = t(
        language, "governance.audit.comment", start=start, end=end, count=len(export.entries)
    )
    if export.truncated:
        comment += "\n" + t(language, "governance.audit.truncated", count=MAX_LINES)
    try:
        await ctx.report_files.send_file(
            user,
            filename=f"guichet-audit-{export.start:%Y%m%d}-{export.end:%Y%m%d}.csv",
            content=audit_csv(export.entries, language),
            title=t(language, "governance.audit.title", start=start, end=end),
            comment=comment,
        )
    except DeliveryFailed as failure:
        log.error("could not send %s the audit log: %s", user, failure.reason)
        await respond(text=t(language, "governance.audit.failed", error=md.escape(failure.reason)))
        return
    await respond(text=t(language, "governance.audit.sent", count=len(export.entries)))
