"""When the weekly digest runs and which days it covers (the services file's ``digest``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.domain.config import DigestConfig
from bot.reports.digest import DigestWeek, cron_trigger, last_run

PARIS = DigestConfig(day="mon", hour=9, timezone="Europe/Paris")


def test_the_cron_trigger_fires_on_the_configured_day_and_hour() -> None:
    after = datetime(2026, 1, 1, tzinfo=UTC)  # a Thursday
    fire = cron_trigger(PARIS).get_next_fire_time(None, after)
    assert fire is not None
    assert fire.astimezone(UTC) == datetime(2026, 1, 5, 8, 0, tzinfo=UTC)  # 09:00 in Paris
    summer = cron_trigger(PARIS).get_next_fire_time(None, datetime(2026, 7, 1, tzinfo=UTC))
    assert summer is not None and summer.astimezone(UTC).hour == 7  # 09:00 CEST


def test_the_latest_run() -> None:
    monday = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    assert last_run(PARIS, monday) == monday
    assert last_run(PARIS, monday + timedelta(hours=3)) == monday
    assert last_run(PARIS, monday - timedelta(seconds=1)) == monday - timedelta(days=7)


def test_the_week_is_the_seven_local_days_before_the_digest_day() -> None:
    week = DigestWeek.before(datetime(2026, 1, 5, 8, 0, tzinfo=UTC), PARIS)
    assert (week.first_day, week.last_day) == (date(2025, 12, 29), date(2026, 1, 4))
    assert week.start == datetime(2025, 12, 28, 23, 0, tzinfo=UTC)  # midnight in Paris
    assert week.end == datetime(2026, 1, 4, 23, 0, tzinfo=UTC)


def test_a_week_across_the_change_to_summer_time_has_one_hour_less() -> None:
    week = DigestWeek.before(datetime(2026, 3, 30, 7, 0, tzinfo=UTC), PARIS)
    assert week.end - week.start == timedelta(days=7) - timedelta(hours=1)
