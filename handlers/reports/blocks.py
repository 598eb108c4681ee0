"""Block Kit for the reports: the ``/ticket stats`` answer and the weekly digest's figures."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from slack_sdk.models.blocks import (
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.blocks.blocks import Block

from bot.domain.config import ServicesConfig
from bot.domain.models import Language
from bot.domain.stats import Stats
from bot.locales.i18n import iso_date, status_name, t, type_name
from bot.reports.ports import DigestPost
from bot.reports.reports import MAX_TICKETS
from handlers.kit import mrkdwn as md
from handlers.kit.messages import Rendered, duration_text
from handlers.tickets.card import HEADER_MAX, SECTION_MAX

PROBLEM_TITLE_MAX = 80


def decimal(value: float, language: Language, places: int = 1) -> str:
    """``4.3`` / ``4,3``."""
    text = f"{value:.{places}f}"
    return text.replace(".", ",") if language is Language.FR else text


def percent(rate: float, language: Language) -> str:
    """``25%`` / ``25 %`` (French puts a narrow no-break space before it)."""
    figure = decimal(rate * 100, language, 0 if (rate * 100).is_integer() else 1)
    return f"{figure}\u202f%" if language is Language.FR else f"{figure}%"


def slack_day(moment: datetime) -> str:
    """A day Slack shows in the reader's own way and time zone."""
    return f"<!date^{int(moment.timestamp())}^{{date_short}}|{moment:%Y-%m-%d}>"


def rounded(mean: timedelta, *, in_days: bool) -> timedelta:
    """A mean to the nearest unit it is shown in (half up): the minute, or the hour once it is
    shown in days. Cut instead, 2 h 48 min 54 s read "2 h 48 min" where the hand count says
    2 h 49, and 7 min 30 s "7 min"."""
    unit = timedelta(hours=1) if in_days and mean >= timedelta(days=1) else timedelta(minutes=1)
    return unit * math.floor(mean / unit + 0.5)


def _field(key: str, language: Language, **values: object) -> MarkdownTextObject:
    return MarkdownTextObject(text=t(language, key, **values))


def _over(value: timedelta | None, count: int, language: Language, business: bool) -> str:
    """A mean time and how many tickets it is over; in hours when opening hours are counted
    (a mean of 26 h of them is about three working days: "1 d 2 h" would read as one)."""
    if value is None:
        return t(language, "reports.none")
    text = duration_text(language, rounded(value, in_days=not business), in_days=not business)
    return t(language, "reports.stats.over", value=text, count=count)


def _sla(stats: Stats, language: Language) -> str:
    if stats.breach_rate is None:
        return t(language, "reports.none")
    return t(
        language,
        "reports.stats.sla_value",
        rate=percent(stats.breach_rate, language),
        breached=stats.breached,
        total=stats.with_targets,
        response=stats.response_breaches,
        resolution=stats.resolution_breaches,
    )


def _satisfaction(stats: Stats, language: Language) -> str:
    if stats.satisfaction is None:
        return t(language, "reports.none")
    return t(
        language,
        "reports.stats.satisfaction_value",
        average=decimal(stats.satisfaction, language),
        rated=stats.rated,
    )


def figures_blocks(stats: Stats, language: Language) -> list[Block]:
    """The figures of ``stats``: totals, times, targets, satisfaction, top problems."""
    if not stats.total:
        blocks: list[Block] = [SectionBlock(text=_field("reports.stats.empty", language))]
    else:
        fields = [
            _field("reports.stats.tickets", language, count=stats.total),
            _field("reports.stats.sla", language, value=_sla(stats, language)),
            _field(
                "reports.stats.mtta",
                language,
                value=_over(stats.mtta, stats.responded, language, stats.business_time),
            ),
            _field(
                "reports.stats.mttr",
                language,
                value=_over(stats.mttr, stats.resolved, language, stats.business_time),
            ),
            _field("reports.stats.satisfaction", language, value=_satisfaction(stats, language)),
        ]
        by_type = " · ".join(f"{type_name(language, k)} {n}" for k, n in stats.by_type.items())
        statuses = [f"{status_name(language, k)} {n}" for k, n in stats.by_status.items()]
        if stats.awaiting_approval:  # filed, nobody's work yet: never in a status's count
            pending = t(language, "vocabulary.status.awaiting_approval")
            statuses.append(f"{pending} {stats.awaiting_approval}")
        by_status = " · ".join(statuses)
        blocks = [
            SectionBlock(fields=fields),
            SectionBlock(
                text=MarkdownTextObject(
                    text=t(language, "reports.stats.by_type", counts=by_type)
                    + "\n"
                    + t(language, "reports.stats.by_status", counts=by_status)
                )
            ),
        ]
    blocks.append(_problems(stats, language))
    if stats.business_time:
        blocks.append(ContextBlock(elements=[_field("reports.stats.business_time", language)]))
    if stats.truncated:
        blocks.append(
            ContextBlock(elements=[_field("reports.stats.truncated", language, count=MAX_TICKETS)])
        )
    return blocks


def _problems(stats: Stats, language: Language) -> SectionBlock:
    lines = [t(language, "reports.stats.problems", open=stats.open_problems)]
    if not stats.top_problems and not stats.unlisted_problems:
        lines.append(t(language, "reports.stats.no_problems"))
    for item in stats.top_problems:
        lines.append(
            t(
                language,
                "reports.stats.problem_line",
                ticket_id=item.problem.id,
                title=md.escape(md.truncate(item.problem.title, PROBLEM_TITLE_MAX)),
                status=status_name(language, item.problem.status),
                linked=item.linked,
            )
        )
    if stats.unlisted_problems:  # counted in the figures above: said, never named
        lines.append(t(language, "reports.stats.unlisted_problems", count=stats.unlisted_problems))
    return SectionBlock(text=MarkdownTextObject(text=md.truncate("\n".join(lines), SECTION_MAX)))


def stats_answer(
    stats: Stats, config: ServicesConfig, language: Language, service: str | None, days: int
) -> Rendered:
    """The ephemeral answer to ``/ticket stats``."""
    scope = (
        config.service_name(service, language)
        if service
        else t(language, "reports.stats.all_services")
    )
    last = t(language, "reports.period.header", count=days)
    header = t(language, "reports.stats.header", scope=scope, period=last)
    period = t(
        language, "reports.stats.period", start=slack_day(stats.start), end=slack_day(stats.end)
    )
    blocks: list[Block] = [
        HeaderBlock(text=md.truncate(header, HEADER_MAX)),
        ContextBlock(elements=[MarkdownTextObject(text=period)]),
        *figures_blocks(stats, language),
        DividerBlock(),
        ContextBlock(elements=[_field("reports.stats.definitions", language)]),
    ]
    return Rendered(text=header, blocks=blocks)


def digest_message(digest: DigestPost, config: ServicesConfig) -> Rendered:
    """The weekly digest's figures, in the service channel's language."""
    language = config.service(digest.service).language
    service = config.service_name(digest.service, language)
    header = t(language, "reports.digest.header", service=service)
    period = t(
        language,
        "reports.digest.period",
        first=iso_date(digest.first_day),
        last=iso_date(digest.last_day),
    )
    blocks: list[Block] = [
        HeaderBlock(text=md.truncate(header, HEADER_MAX)),
        ContextBlock(elements=[MarkdownTextObject(text=period)]),
    ]
    blocks.extend(figures_blocks(digest.stats, language))
    blocks.append(ContextBlock(elements=[_field("reports.stats.definitions", language)]))
    text = t(language, "reports.digest.fallback", service=service, count=digest.stats.total)
    return Rendered(text=text, blocks=blocks)


def usage_text(config: ServicesConfig, language: Language) -> str:
    services = ", ".join(
        f"`{service_id}` ({md.escape(config.service_name(service_id, language))})"
        for service_id in config.services
    )
    return t(language, "reports.stats.usage", services=services)
