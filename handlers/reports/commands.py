"""``/ticket stats`` and ``/ticket export``: read the arguments, ask the reports, answer.

Both answer in the ephemeral reply of the command (``respond``); the export's file itself goes
to the person's direct messages with the bot.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from slack_bolt.async_app import AsyncRespond

from bot.domain.errors import DeliveryFailed, NotAllowed
from bot.domain.models import Language
from bot.locales.i18n import iso_date, t
from bot.reports.csv_export import tickets_csv
from bot.reports.reports import MAX_TICKETS, NotAnAgent
from bot.reports.request import BadReportRequest, Problem, ReportRequest, parse_request
from handlers.kit import mrkdwn as md
from handlers.kit.context import HandlerContext
from handlers.kit.refusals import record_refusal
from handlers.knowledge.blocks import deflection_blocks
from handlers.reports.blocks import stats_answer, usage_text

log = logging.getLogger(__name__)

STATS_DAYS = 7
EXPORT_DAYS = 30
_PROBLEM_KEYS = {
    Problem.PERIOD: "reports.stats.bad_period",
    Problem.SERVICE: "reports.stats.bad_service",
    Problem.TWICE: "reports.stats.twice",
}


async def _request(
    ctx: HandlerContext,
    respond: AsyncRespond,
    words: Sequence[str],
    language: Language,
    default_days: int,
) -> ReportRequest | None:
    """The arguments, or ``None`` once the person was told what is wrong with them."""
    try:
        return parse_request(words, ctx.config, default_days)
    except BadReportRequest as error:
        word = md.escape(md.truncate(error.word, 60))
        problem = t(language, _PROBLEM_KEYS[error.problem], word=word)
        await respond(text=f"{problem}\n\n{usage_text(ctx.config, language)}")
        return None


async def answer_stats(
    ctx: HandlerContext, respond: AsyncRespond, user: str, language: Language, words: list[str]
) -> None:
    request = await _request(ctx, respond, words, language, STATS_DAYS)
    if request is None:
        return
    try:
        stats = await ctx.reports.stats_for(user, request)
    except NotAllowed as refusal:
        await record_refusal(ctx, user, refusal, None)
        service = ctx.config.service_name(refusal.service, language)
        await respond(text=t(language, "reports.stats.not_allowed", service=md.escape(service)))
        return
    answer = stats_answer(stats, ctx.config, language, request.service, request.days)
    blocks = list(answer.blocks)
    if request.service is None:  # suggestions are not a service's: shown with the whole desk
        since = ctx.desk.clock.now() - timedelta(days=request.days)
        counts = await ctx.knowledge.counts(since)
        titles = {
            a: found.title for a, _ in counts.unhelpful if (found := ctx.knowledge.article(a))
        }
        blocks += deflection_blocks(language, counts, titles)
    await respond(text=answer.text, blocks=blocks)


async def answer_export(
    ctx: HandlerContext, respond: AsyncRespond, user: str, language: Language, words: list[str]
) -> None:
    request = await _request(ctx, respond, words, language, EXPORT_DAYS)
    if request is None:
        return
    try:
        export = await ctx.reports.export_for(user, request)
    except NotAnAgent as refusal:
        await record_refusal(ctx, user, refusal, None)
        await respond(text=t(language, "reports.export.not_agent"))
        return
    except NotAllowed as refusal:
        await record_refusal(ctx, user, refusal, None)
        service = ctx.config.service_name(refusal.service, language)
        await respond(text=t(language, "reports.export.not_allowed", service=md.escape(service)))
        return
    # each with its article in French (« du Centre de support et de la Sécurité informatique »);
    # every service of the helpdesk (an admin's): said so, as /ticket stats says it
    every = len(ctx.config.services) > 1 and set(export.services) == set(ctx.config.services)
    services: tuple[str, ...] | str = (
        t(language, "reports.stats.all_services")
        if every
        else tuple(md.escape(ctx.config.service_name(s, language)) for s in export.services)
    )
    if not export.tickets:
        await respond(
            text=t(
                language,
                "reports.export.empty",
                services=services,
                period=t(language, "reports.period.in", count=request.days),
            )
        )
        return
    start, end = export.start.date(), export.end.date()
    content = tickets_csv(export.tickets, export.end, ctx.config, language)
    comment = t(
        language,
        "reports.export.comment",
        services=services,
        start=iso_date(start),
        end=iso_date(end),
        count=len(export.tickets),
    )
    if export.truncated:
        comment += "\n" + t(language, "reports.export.truncated", count=MAX_TICKETS)
    try:
        await ctx.report_files.send_file(
            user,
            filename=f"guichet-tickets-{start:%Y%m%d}-{end:%Y%m%d}.csv",
            content=content,
            title=t(
                language,
                "reports.export.title",
                start=iso_date(start),
                end=iso_date(end),
            ),
            comment=comment,
        )
    except DeliveryFailed as failure:
        log.error("could not send %s the export: %s", user, failure.reason)
        await respond(text=t(language, "reports.export.failed", error=md.escape(failure.reason)))
        return
    count = len(export.tickets)
    await respond(
        text=t(
            language,
            "reports.export.sent",
            count=count,
            services=services,
            period=t(language, "reports.period.over", count=request.days),
        )
    )
