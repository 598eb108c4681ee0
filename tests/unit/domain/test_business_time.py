"""Business-time arithmetic against hand-computed cases (lunch, nights, week-ends, bank holidays,
daylight saving, zones) and properties Hypothesis checks over thousands of instants."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.domain.business_time import ALWAYS_OPEN, ZERO, OpeningHours
from bot.domain.calendars import CalendarConfig

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
H = timedelta(hours=1)
M = timedelta(minutes=1)


def calendar(**fields: object) -> OpeningHours:
    settings_ = {"timezone": "Europe/Paris", "hours": {"mon-fri": ["08:30-12:30", "13:30-18:00"]}}
    return CalendarConfig.model_validate({**settings_, **fields}).business


OFFICE = calendar(holidays="FR")
MOSELLE = calendar(holidays="FR-57")
CLOSURES = calendar(holidays="FR", closed=["2026-12-24..2026-12-31"])
ROUND_THE_CLOCK_PARIS = calendar(hours={"mon-sun": ["00:00-24:00"]})
NIGHT = calendar(hours={"sun": ["02:00-04:00"]})
NEW_YORK_OFFICE = calendar(timezone="America/New_York", hours={"mon-fri": ["09:00-17:00"]})


def paris(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


@pytest.mark.parametrize(
    "cal,start,duration,due",
    [
        # Inside the morning range.
        (OFFICE, paris(2026, 3, 2, 9, 0), 2 * H, paris(2026, 3, 2, 11, 0)),
        # Across lunch: 1 h before 12:30, 1 h after 13:30.
        (OFFICE, paris(2026, 3, 2, 11, 30), 2 * H, paris(2026, 3, 2, 14, 30)),
        # Across the night: 1 h before 18:00, 1 h from 08:30.
        (OFFICE, paris(2026, 3, 2, 17, 0), 2 * H, paris(2026, 3, 3, 9, 30)),
        # Filed at night: the clock starts at the opening.
        (OFFICE, paris(2026, 3, 2, 23, 0), 30 * M, paris(2026, 3, 3, 9, 0)),
        # Exactly the rest of the day: due at closing time, not at the next opening.
        (OFFICE, paris(2026, 3, 2, 17, 0), H, paris(2026, 3, 2, 18, 0)),
        # A whole business day is 8 h 30.
        (OFFICE, paris(2026, 3, 2, 8, 30), 8 * H + 30 * M, paris(2026, 3, 2, 18, 0)),
        # Friday 17:59 before Easter Monday: 1 min on Friday, then Tuesday 08:30 + 59 min.
        (OFFICE, paris(2026, 4, 3, 17, 59), H, paris(2026, 4, 7, 9, 29)),
        # In Moselle Good Friday is a holiday too: Thursday 17:59 -> Tuesday 09:29.
        (MOSELLE, paris(2026, 4, 2, 17, 59), H, paris(2026, 4, 7, 9, 29)),
        (OFFICE, paris(2026, 4, 2, 17, 59), H, paris(2026, 4, 3, 9, 29)),
        # Company closure to New Year's Eve, then New Year's Day (Friday), then the week-end.
        (CLOSURES, paris(2026, 12, 23, 17, 0), 2 * H, paris(2027, 1, 4, 9, 30)),
        # Friday before the spring change (UTC+1) to Monday after it (UTC+2).
        (OFFICE, paris(2026, 3, 27, 17, 0), 2 * H, paris(2026, 3, 30, 9, 30)),
        # A calendar in another zone: 15:00 in Paris is 09:00 in New York (UTC-5).
        (NEW_YORK_OFFICE, paris(2026, 3, 2, 15, 0), 8 * H, paris(2026, 3, 2, 23, 0)),
        # New York has changed its clocks (8 March), Paris not yet: 09:00 there is 14:00 here.
        (NEW_YORK_OFFICE, paris(2026, 3, 9, 14, 0), 8 * H, paris(2026, 3, 9, 22, 0)),
        (ALWAYS_OPEN, paris(2026, 3, 28, 23, 0), 5 * H, paris(2026, 3, 29, 4, 0) + H),
    ],
)
def test_add(cal: OpeningHours, start: datetime, duration: timedelta, due: datetime) -> None:
    assert cal.add(start, duration) == due
    assert cal.between(start, due) == duration


def test_the_result_is_in_the_zone_of_the_start() -> None:
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    assert OFFICE.add(start, H).tzinfo is UTC
    assert OFFICE.add(start, H) == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "cal,start,end,open_time",
    [
        # The spring change: Sunday 29 March 2026 has 23 hours, the autumn one (25 Oct) 25.
        (ROUND_THE_CLOCK_PARIS, paris(2026, 3, 29), paris(2026, 3, 30), 23 * H),
        (ROUND_THE_CLOCK_PARIS, paris(2026, 10, 25), paris(2026, 10, 26), 25 * H),
        # 02:00-04:00 on the night the clocks jump from 02:00 to 03:00 lasts one hour.
        (NIGHT, paris(2026, 3, 29), paris(2026, 3, 30), H),
        (NIGHT, paris(2026, 10, 25), paris(2026, 10, 26), 3 * H),
        # A week: 5 x 8 h 30; Easter week loses Monday.
        (OFFICE, paris(2026, 3, 2), paris(2026, 3, 9), 42 * H + 30 * M),
        (OFFICE, paris(2026, 4, 6), paris(2026, 4, 13), 34 * H),
        # Around midnight nothing is open; backwards is zero.
        (OFFICE, paris(2026, 3, 2, 22, 0), paris(2026, 3, 3, 2, 0), ZERO),
        (OFFICE, paris(2026, 3, 3, 10, 0), paris(2026, 3, 2, 10, 0), ZERO),
        (ALWAYS_OPEN, paris(2026, 3, 2, 22, 0), paris(2026, 3, 3, 2, 0), 4 * H),
    ],
)
def test_between(cal: OpeningHours, start: datetime, end: datetime, open_time: timedelta) -> None:
    assert cal.between(start, end) == open_time


def test_is_open_and_next_open() -> None:
    assert OFFICE.is_open(paris(2026, 3, 2, 9, 0))
    assert not OFFICE.is_open(paris(2026, 3, 2, 12, 45))
    assert not OFFICE.is_open(paris(2026, 3, 2, 18, 0))  # a range ends before its end
    assert OFFICE.next_open(paris(2026, 3, 2, 12, 45)) == paris(2026, 3, 2, 13, 30)
    # Sunday 03:00 before Easter Monday: Tuesday morning.
    assert OFFICE.next_open(paris(2026, 4, 5, 3, 0)) == paris(2026, 4, 7, 8, 30)
    assert ALWAYS_OPEN.next_open(paris(2026, 4, 5, 3, 0)) == paris(2026, 4, 5, 3, 0)


def test_a_calendar_closed_for_years_counts_as_open_after_its_horizon() -> None:
    closed = calendar(closed=["2026-01-01..2035-12-31"])
    due = closed.add(paris(2026, 3, 2, 9, 0), H)
    assert due.year == 2029  # it gives up looking after three years, rather than loop forever


def test_each_day_is_computed_once() -> None:
    cal = calendar(holidays="FR")
    cal.add(paris(2026, 3, 2, 9, 0), 80 * H)
    days = dict(cal._days)
    cal.add(paris(2026, 3, 2, 9, 0), 80 * H)
    assert cal._days == days and len(days) <= 16


INSTANTS = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)
CALENDARS = st.sampled_from([OFFICE, MOSELLE, CLOSURES, NIGHT, NEW_YORK_OFFICE, ALWAYS_OPEN])


@settings(max_examples=300, deadline=None)
@given(CALENDARS, INSTANTS, INSTANTS)
def test_business_time_never_exceeds_wall_time(cal: OpeningHours, a: datetime, b: datetime) -> None:
    a, b = min(a, b), max(a, b)
    assert ZERO <= cal.between(a, b) <= b - a


@settings(max_examples=300, deadline=None)
@given(CALENDARS, INSTANTS, INSTANTS, INSTANTS)
def test_business_time_is_additive_over_adjacent_intervals(
    cal: OpeningHours, a: datetime, b: datetime, c: datetime
) -> None:
    a, b, c = sorted((a, b, c))
    assert cal.between(a, c) == cal.between(a, b) + cal.between(b, c)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([OFFICE, MOSELLE, CLOSURES, NEW_YORK_OFFICE]),
    st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
)
def test_a_closed_weekend_counts_nothing(cal: OpeningHours, day: date) -> None:
    saturday = day + timedelta(days=(5 - day.weekday()) % 7)
    start = datetime.combine(saturday, datetime.min.time(), cal.zone)
    end = datetime.combine(saturday + timedelta(days=2), datetime.min.time(), cal.zone)
    assert cal.between(start, end) == ZERO


@settings(max_examples=300, deadline=None)
@given(CALENDARS, INSTANTS, st.timedeltas(min_value=ZERO, max_value=timedelta(days=20)))
def test_add_is_the_inverse_of_between(cal: OpeningHours, start: datetime, d: timedelta) -> None:
    due = cal.add(start, d)
    assert due >= start
    assert cal.between(start, due) == d


@settings(max_examples=300, deadline=None)
@given(CALENDARS, INSTANTS, st.timedeltas(min_value=ZERO, max_value=timedelta(days=20)))
def test_before_is_the_inverse_of_between(cal: OpeningHours, end: datetime, d: timedelta) -> None:
    # within the calendars' horizon (2 h a week: 14 days of open time go back 168 weeks, past
    # the three years after which a closed calendar counts as open, forwards only)
    assume(cal is not NIGHT or d <= timedelta(days=2))
    start = cal.before(end, d)
    assert start <= end
    assert cal.between(start, end) == d
    if d > ZERO:  # the latest such instant: a moment later, less open time is left
        assert cal.between(start + timedelta(microseconds=1), end) < d


@pytest.mark.parametrize(
    "cal,end,duration,start",
    [
        (OFFICE, paris(2026, 3, 2, 11, 0), 2 * H, paris(2026, 3, 2, 9, 0)),
        # Across lunch: 1 h after 13:30, 1 h before 12:30.
        (OFFICE, paris(2026, 3, 2, 14, 30), 2 * H, paris(2026, 3, 2, 11, 30)),
        # Monday 09:30 back over the week-end: 1 h on Monday, 1 h on Friday before 18:00.
        (OFFICE, paris(2026, 3, 9, 9, 30), 2 * H, paris(2026, 3, 6, 17, 0)),
        # Exactly the morning's open time: from its opening, not the evening before.
        (OFFICE, paris(2026, 3, 3, 9, 30), H, paris(2026, 3, 3, 8, 30)),
        (ALWAYS_OPEN, paris(2026, 3, 29, 5, 0), 5 * H, paris(2026, 3, 28, 23, 0)),
    ],
)
def test_before(cal: OpeningHours, end: datetime, duration: timedelta, start: datetime) -> None:
    assert cal.before(end, duration) == start
