"""The last N days as of now hold now, and not a millisecond more of the future."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.periods import DATE_RESOLUTION, last_days

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_the_last_days_hold_now_and_start_days_before() -> None:
    period = last_days(NOW, 7)
    assert period.start == NOW - timedelta(days=7)
    assert period.start <= NOW < period.end  # what was filed at now is in [start, end)
    assert period.end == NOW + DATE_RESOLUTION  # nothing filed after now
    assert period.now == NOW
