"""The weekly digest through the Slack emulator: figures and a real PNG chart in each service
channel, once per service and week, however many replicas run the job."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.app.build import build
from bot.domain.config import DigestConfig
from bot.reports.charts import DPI, SIZE_INCHES
from bot.reports.digest import DIGEST_JOB, FRESH_FOR, DigestReport
from sandbox.emulator import UPLOAD_METHOD
from storage.client import Database
from tests.e2e.harness import CHANNELS, Harness, settings_for
from tests.e2e.observations import searchable
from tests.e2e.test_delivery import bot_with_dated_slack
from tests.png import png_size
from tests.storage.test_reports import seed

# The harness clock starts on Monday 2026-01-05 09:00 UTC, 10:00 in Paris: an hour after the
# digest time of tests/data/services.yml (Monday 09:00 Europe/Paris).
DIGEST_TIME = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
WEEK = timedelta(days=7)


def _figures(bot: Harness, channel: str) -> list[dict]:
    """The digest figures posted in ``channel`` (messages headed 📊)."""
    return [
        c.args
        for c in bot.slack.calls_to("chat.postMessage")
        if c.ok and c.args.get("channel") == channel and "📊" in str(c.args.get("blocks"))
    ]


async def test_two_replicas_post_each_digest_once_with_a_real_png(bot: Harness) -> None:
    await seed(bot.guichet.database)
    other = bot.replica()
    reports: tuple[DigestReport, DigestReport] = await asyncio.gather(
        bot.guichet.digest.run_due(), other.digest.run_due()
    )
    posted = [service for report in reports for service in report.posted]
    assert sorted(posted) == sorted(CHANNELS)  # every service once, by one replica or the other
    skipped = [service for report in reports for service in report.skipped]
    assert sorted(skipped) == sorted(CHANNELS)
    for service, channel in CHANNELS.items():
        assert len(_figures(bot, channel)) == 1, service
    # a chart where the week had tickets: the service desk and infrastructure
    charted = {upload.channels[0]: upload for upload in bot.slack.uploads()}
    assert sorted(charted) == sorted([CHANNELS["service_desk"], CHANNELS["infra_network"]])
    size = (int(SIZE_INCHES[0] * DPI), int(SIZE_INCHES[1] * DPI))
    for upload in charted.values():
        assert upload.mimetype == "image/png" and upload.data is not None
        assert upload.length == len(upload.data)
        assert png_size(upload.data) == size
    desk = charted[CHANNELS["service_desk"]]
    assert desk.filename == "guichet-service_desk-2025-12-29.png"
    assert desk.title == "Tickets créés par jour · Centre de support · 2025-12-29 – 2026-01-04"
    assert desk.alt_txt is not None and "jeu. 1: 1" in desk.alt_txt and "dim. 4: 2" in desk.alt_txt
    assert (
        desk.initial_comment == "Tickets créés par jour et par type, du 2025-12-29 au 2026-01-04."
    )
    infra = charted[CHANNELS["infra_network"]]
    assert infra.title and infra.title.startswith("Tickets filed per day · Infrastructure")

    again = await asyncio.gather(bot.guichet.digest.run_due(), other.digest.run_due())
    assert not any(report.posted for report in again)  # once per week
    assert len(bot.slack.uploads()) == 2


async def test_the_figures_are_the_weeks(bot: Harness) -> None:
    await seed(bot.guichet.database)
    report = await bot.guichet.digest.run_due()
    assert sorted(report.posted) == sorted(CHANNELS)
    [desk] = _figures(bot, CHANNELS["service_desk"])
    text = searchable(desk["blocks"])
    assert "Bilan de la semaine · Centre de support" in text  # a title: the name as a label
    assert desk["text"].startswith("Bilan de la semaine du Centre de support\u00a0: ")
    assert "Tickets créés du 2025-12-29 au 2026-01-04 inclus." in text
    assert "1 h 48 min · sur 5 tickets" in text and "14 h 30 min · sur 2 tickets" in text
    assert "3 sur 6 (réponse\u00a0: 2, résolution\u00a0: 2)" in text and "4,0 / 5" in text
    assert "VPN drops for everyone" in text
    [security] = _figures(bot, CHANNELS["security"])
    assert "No tickets were filed in this period." in str(security["blocks"])
    # the chart follows the figures in the same channel
    desk_messages = bot.slack.messages(CHANNELS["service_desk"])
    assert [bool(m.get("files")) for m in desk_messages] == [False, True]


async def test_next_week_gets_its_own_digest(bot: Harness) -> None:
    await seed(bot.guichet.database)
    assert len((await bot.guichet.digest.run_due()).posted) == len(CHANNELS)
    bot.clock.advance(WEEK)
    second = await bot.guichet.digest.run_due()
    assert len(second.posted) == len(CHANNELS)
    assert len(_figures(bot, CHANNELS["service_desk"])) == 2
    assert len(bot.slack.uploads()) == 2  # nothing was filed in the second week: no chart


async def test_nothing_is_posted_before_the_time_nor_long_after(bot: Harness) -> None:
    bot.clock.advance(DIGEST_TIME - bot.clock.now() - timedelta(minutes=1))
    # the latest digest time is last week's: too old to post now
    assert (await bot.guichet.digest.run_due()).posted == []
    bot.clock.advance(timedelta(minutes=1) + FRESH_FOR + timedelta(seconds=1))
    assert (await bot.guichet.digest.run_due()).posted == []
    assert not bot.slack.calls_to("chat.postMessage")


async def test_a_failed_chart_upload_is_retried_without_posting_the_figures_again(
    bot: Harness,
) -> None:
    await seed(bot.guichet.database)
    retries: list[timedelta] = []
    bot.guichet.digest.retry = lambda job, delay: retries.append(delay)
    bot.slack.fail_next(UPLOAD_METHOD, status=400)  # refused (a 5xx would be retried first)
    await bot.guichet.digest.scheduled_run()
    assert retries == [timedelta(minutes=10)]  # the job asked to run again later
    assert len(bot.slack.uploads()) == 1  # infrastructure's chart went through
    bot.clock.advance(timedelta(minutes=10))
    second = await bot.guichet.digest.run_due()
    assert second.posted == ["service_desk"]
    assert len(_figures(bot, CHANNELS["service_desk"])) == 1  # figures posted once
    assert sorted(u.channels[0] for u in bot.slack.uploads()) == sorted(
        [CHANNELS["service_desk"], CHANNELS["infra_network"]]
    )


async def test_figures_whose_answer_was_lost_are_found_not_posted_again(database: Database) -> None:
    """Slack posted the service desk's figures but the answer was lost: the digest failed for
    now and runs again; the figures are looked for in the channel by their metadata, adopted
    (the chart follows), not posted twice."""
    async with bot_with_dated_slack(database) as bot:
        await seed(bot.guichet.database)
        desk = CHANNELS["service_desk"]
        bot.slack.answer_lost("chat.postMessage", channel=desk)
        assert (await bot.guichet.digest.run_due()).failed == ["service_desk"]
        (figures,) = _posted_figures(bot, desk)  # Slack has them; the bot could not know
        bot.clock.advance(timedelta(minutes=10))
        assert (await bot.guichet.digest.run_due()).posted == ["service_desk"]
        assert _posted_figures(bot, desk) == [figures]
        assert figures["metadata"]["event_payload"] == {
            "ticket_id": "service_desk:2025-12-29",
            "role": "digest",
        }
        assert [u.channels[0] for u in bot.slack.uploads()].count(desk) == 1


async def test_a_chart_whose_answer_was_lost_is_found_not_shared_again(
    database: Database,
) -> None:
    """Slack shared the service desk's chart but the answer to completing the upload was lost:
    the digest runs again, finds the chart shared in the channel since its first try, and does
    not upload it twice."""
    async with bot_with_dated_slack(database) as bot:
        await seed(bot.guichet.database)
        desk = CHANNELS["service_desk"]
        bot.slack.answer_lost("files.completeUploadExternal")  # the first chart: the desk's
        assert (await bot.guichet.digest.run_due()).failed == ["service_desk"]
        assert len(bot.slack.uploads(desk)) == 1  # Slack has it; the bot could not know
        bot.clock.advance(timedelta(minutes=10))
        assert (await bot.guichet.digest.run_due()).posted == ["service_desk"]
        assert len(bot.slack.uploads(desk)) == 1
        shares = [m for m in bot.slack.messages(desk) if m.get("subtype") == "file_share"]
        assert [f["name"] for m in shares for f in m["files"]] == [
            "guichet-service_desk-2025-12-29.png"
        ]
        assert len(_posted_figures(bot, desk)) == 1


def _posted_figures(bot: Harness, channel: str) -> list[dict]:
    """The figures in ``channel`` as Slack holds them (answered or not)."""
    return [m for m in bot.slack.messages(channel) if "📊" in str(m.get("blocks"))]


async def test_the_cron_job_is_scheduled_at_the_digest_time(bot: Harness) -> None:
    assert bot.guichet.scheduler.next_run(DIGEST_JOB) is None  # off in the tests' file
    enabled = bot.config.model_copy(update={"digest": DigestConfig(timezone="Europe/Paris")})
    other = build(settings_for(bot.slack), enabled, bot.database, clock=bot.clock)
    other.scheduler.start()
    try:
        next_run = other.scheduler.next_run(DIGEST_JOB)
    finally:
        await other.scheduler.stop()
    assert next_run is not None
    local = next_run.astimezone(enabled.digest.zone)
    assert (local.weekday(), local.hour, local.minute) == (0, 9, 0)  # a Monday, 09:00 Paris
