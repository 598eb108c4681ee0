"""Business-time arithmetic: pure, no I/O, by whole open intervals (never minute by minute).

A calendar answers four questions about instants (aware datetimes, any zone):
``add(start, d)`` — when ``d`` of open time has passed since ``start``; ``between(a, b)`` — how
much open time lies between two instants; ``is_open(at)`` and ``next_open(at)``.

``AlwaysOpen`` is wall time (24/7: the default, P1 and emergencies). ``OpeningHours`` turns each
local day into its open intervals in UTC once (cached): a range written 08:30-12:30 is 08:30 to
12:30 *local* time on that day, whatever the offset, so a day with a daylight-saving change is
as long as its ranges really are (00:00-24:00 on the last Sunday of March in Paris is 23 hours).
A wall time that does not exist that day (02:30 when clocks jump from 02:00 to 03:00) is read
with the offset in force before the jump, as ``zoneinfo`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

Interval = tuple[datetime, datetime]  # [start, end) in UTC
DayRanges = tuple[tuple[int, int], ...]  # minutes from local midnight, in order, no overlap

ZERO = timedelta(0)
_DAY = timedelta(days=1)
_HORIZON_DAYS = 3 * 366  # a calendar closed longer than this counts as open afterwards
_CACHE_DAYS = 4096


class BusinessCalendar(Protocol):
    always_open: bool

    def add(self, start: datetime, duration: timedelta) -> datetime: ...

    def before(self, end: datetime, duration: timedelta) -> datetime: ...

    def between(self, start: datetime, end: datetime) -> timedelta: ...

    def is_open(self, at: datetime) -> bool: ...

    def next_open(self, at: datetime) -> datetime: ...


class AlwaysOpen:
    """Open all the time: business time is wall time."""

    always_open = True

    def add(self, start: datetime, duration: timedelta) -> datetime:
        if start.tzinfo is UTC:
            return start + duration
        return (start.astimezone(UTC) + duration).astimezone(start.tzinfo)

    def before(self, end: datetime, duration: timedelta) -> datetime:
        return self.add(end, -max(duration, ZERO))

    def between(self, start: datetime, end: datetime) -> timedelta:
        return max(end.astimezone(UTC) - start.astimezone(UTC), ZERO)

    def is_open(self, at: datetime) -> bool:
        return True

    def next_open(self, at: datetime) -> datetime:
        return at


ALWAYS_OPEN = AlwaysOpen()


class OpeningHours:
    """Weekly opening ranges in a zone, minus the days ``closed_on`` says are closed."""

    always_open = False

    def __init__(
        self, zone: ZoneInfo, week: tuple[DayRanges, ...], closed_on: Callable[[date], bool]
    ) -> None:
        if len(week) != 7:
            raise ValueError("a week has seven days")
        self.zone = zone
        self.week = week
        self.closed_on = closed_on
        self._days: dict[date, tuple[Interval, ...]] = {}

    # --- the open intervals -------------------------------------------------------------------
    def day(self, local_day: date) -> tuple[Interval, ...]:
        """The open intervals (UTC) of one local day; computed once per day."""
        cached = self._days.get(local_day)
        if cached is not None:
            return cached
        intervals: tuple[Interval, ...] = ()
        if not self.closed_on(local_day):
            midnight = datetime(local_day.year, local_day.month, local_day.day)
            intervals = tuple(
                (start, end)
                for start, end in (
                    (self._utc(midnight, first), self._utc(midnight, last))
                    for first, last in self.week[local_day.weekday()]
                )
                if end > start
            )
        if len(self._days) >= _CACHE_DAYS:
            self._days.clear()
        self._days[local_day] = intervals
        return intervals

    def _utc(self, midnight: datetime, minutes: int) -> datetime:
        local = midnight + timedelta(minutes=minutes)  # 24:00 is the next day's midnight
        return local.replace(tzinfo=self.zone).astimezone(UTC)

    def intervals_from(self, at: datetime) -> Iterator[Interval]:
        """The open intervals after ``at``, in order, the first one cut at ``at``."""
        at = at.astimezone(UTC)
        local_day = at.astimezone(self.zone).date() - _DAY  # a day's intervals may start early
        for _ in range(_HORIZON_DAYS):
            for start, end in self.day(local_day):
                if end > at:
                    yield max(start, at), end
            local_day += _DAY
        horizon = datetime.combine(local_day, datetime.min.time(), self.zone).astimezone(UTC)
        yield max(horizon, at), datetime.max.replace(tzinfo=UTC)

    def intervals_until(self, at: datetime) -> Iterator[Interval]:
        """The open intervals before ``at``, latest first, the first one cut at ``at``."""
        at = at.astimezone(UTC)
        local_day = at.astimezone(self.zone).date() + _DAY  # a day's intervals may end late
        for _ in range(_HORIZON_DAYS):
            for start, end in reversed(self.day(local_day)):
                if start < at:
                    yield start, min(end, at)
            local_day -= _DAY
        horizon = datetime.combine(local_day + _DAY, datetime.min.time(), self.zone)
        yield datetime.min.replace(tzinfo=UTC), min(horizon.astimezone(UTC), at)

    # --- the questions --------------------------------------------------------------------------
    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The instant at which ``duration`` of open time has passed since ``start``: within an
        open interval, or at the closing time that ends the last bit of it."""
        if duration <= ZERO:
            return start
        left = duration
        for open_at, close_at in self.intervals_from(start):
            length = close_at - open_at
            if left <= length:
                return (open_at + left).astimezone(start.tzinfo)
            left -= length
        raise AssertionError("intervals_from never ends")  # pragma: no cover

    def before(self, end: datetime, duration: timedelta) -> datetime:
        """The latest instant from which ``duration`` of open time has passed by ``end`` (what
        ``add`` answers, counted backwards: within an open interval, or at the opening that
        starts the first bit of it)."""
        if duration <= ZERO:
            return end
        left = duration
        for open_at, close_at in self.intervals_until(end):
            length = close_at - open_at
            if left <= length:
                return (close_at - left).astimezone(end.tzinfo)
            left -= length
        raise AssertionError("intervals_until never ends")  # pragma: no cover

    def between(self, start: datetime, end: datetime) -> timedelta:
        """The open time in [start, end) (zero when ``end`` is not after ``start``)."""
        total = ZERO
        if end <= start:
            return total
        end = end.astimezone(UTC)
        for open_at, close_at in self.intervals_from(start):
            if open_at >= end:
                break
            total += min(close_at, end) - open_at
        return total

    def is_open(self, at: datetime) -> bool:
        return self.next_open(at) == at.astimezone(UTC)

    def next_open(self, at: datetime) -> datetime:
        """``at`` when open then, else the next opening."""
        open_at, _ = next(self.intervals_from(at))
        return open_at.astimezone(at.tzinfo)
