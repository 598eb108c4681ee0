"""A mean time is shown to the nearest unit it is written in, as a hand count rounds it."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.models import Language
from handlers.kit.messages import duration_text
from handlers.reports.blocks import rounded


def _shown(mean: timedelta, in_days: bool = True) -> str:
    return duration_text(Language.EN, rounded(mean, in_days=in_days), in_days=in_days)


def test_to_the_nearest_minute_half_up() -> None:
    assert _shown(timedelta(minutes=7, seconds=30)) == "8 min"  # was cut to 7 min
    assert _shown(timedelta(minutes=6, seconds=30)) == "7 min"  # half up, not to even
    assert _shown(timedelta(minutes=7, seconds=29)) == "7 min"
    assert _shown(timedelta(hours=2, minutes=48, seconds=54)) == "2 h 49 min"
    assert _shown(timedelta(minutes=59, seconds=45)) == "1 h"


def test_to_the_nearest_hour_once_written_in_days() -> None:
    assert _shown(timedelta(days=1, hours=2, minutes=40)) == "1 d 3 h"  # was cut to 1 d 2 h
    assert _shown(timedelta(days=1, hours=2, minutes=20)) == "1 d 2 h"
    # business time is written in hours however long: minutes kept
    assert _shown(timedelta(hours=26, minutes=40), in_days=False) == "26 h 40 min"
