"""The period of a report "of the last N days": up to now, now included.

Reports read the tickets (or audit lines) filed in a half-open interval ``[start, end)``, which
lets consecutive periods (the digest's weeks) share their bounds without counting anything
twice. A period that ends *now* must still hold what was filed now: a clock that stands still
(the sandbox's, between two moves) stamps every ticket filed since its last move with exactly
``now``, and even a real clock can file a ticket in the same millisecond as the report. So the
end of such a period is the first instant after ``now`` that the database tells apart from it:
MongoDB keeps dates to the millisecond.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

DATE_RESOLUTION = timedelta(milliseconds=1)  # the precision of a BSON date


@dataclass(frozen=True)
class RecentPeriod:
    """The last ``days`` days as of ``now``; ``[start, end)`` holds ``now``."""

    start: datetime
    now: datetime

    @property
    def end(self) -> datetime:
        return self.now + DATE_RESOLUTION


def last_days(now: datetime, days: int) -> RecentPeriod:
    """The ``days`` days up to ``now``, ``now`` included."""
    return RecentPeriod(start=now - timedelta(days=days), now=now)
