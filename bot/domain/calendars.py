"""Business calendars in the services file (``calendars:``): when a service's clocks run.

A calendar has a time zone (IANA name), weekly opening hours (several ranges a day), the public
holidays of a country and region (the ``holidays`` library: ``FR``, ``FR-57``) and extra closed
dates and date ranges (company closures). A service names its calendar (``calendar:``); an SLA
priority may name another (``sla.P3.calendar``). P1 tickets and emergencies run on
``ALWAYS`` (24/7) unless the P1 target names a calendar; a file without calendars keeps every
clock on wall time, as before calendars existed.

```yaml
calendars:
  office:
    timezone: Europe/Paris
    hours:
      mon-fri: ["08:30-12:30", "13:30-18:00"]
    holidays: FR-57
    closed: ["2026-12-24", "2026-12-28..2026-12-31"]
```

This module only describes and validates; the arithmetic is in ``bot/domain/business_time.py``.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays as holiday_tables
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from bot.domain.business_time import ALWAYS_OPEN, BusinessCalendar, OpeningHours
from bot.domain.models import Priority, TicketType


def _known_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {value!r} (write an IANA name such as Europe/Paris or UTC)"
        ) from None
    return value


TimeZoneName = Annotated[str, AfterValidator(_known_zone)]
"""An IANA time zone name (``Europe/Paris``), refused with one line when unknown."""

if TYPE_CHECKING:
    from bot.domain.config import ServicesConfig

ALWAYS = "always"  # the built-in calendar: open all the time (wall-clock SLA)
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")
_CLOSED = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*(?:\.\.\s*(\d{4}-\d{2}-\d{2}))?\s*$")


def _minutes(hours: str, minutes: str) -> int:
    value = int(hours) * 60 + int(minutes)
    if int(minutes) > 59 or value > 24 * 60:
        raise ValueError(f"{hours}:{minutes} is not a time of day")
    return value


def parse_range(text: str) -> tuple[int, int]:
    """``"08:30-12:30"`` -> minutes from midnight ``(510, 750)``; ``24:00`` ends a day."""
    match = _RANGE.match(str(text))
    if match is None:
        raise ValueError(f"{text!r} is not a range of hours such as 08:30-12:30")
    start, end = _minutes(*match.group(1, 2)), _minutes(*match.group(3, 4))
    if start >= end:
        raise ValueError(f"{text!r} ends before it starts")
    return start, end


def _day_keys(key: str) -> list[int]:
    """``mon`` -> [0]; ``mon-fri`` -> [0..4]; ``sat,sun`` -> [5, 6]."""
    days: list[int] = []
    for part in str(key).lower().replace(" ", "").split(","):
        first, _, last = part.partition("-")
        if first not in _DAYS or (last and last not in _DAYS):
            raise ValueError(f"{key!r} is not a day (write mon..sun, mon-fri, sat,sun)")
        start, end = _DAYS.index(first), _DAYS.index(last or first)
        if end < start:
            raise ValueError(f"{key!r} runs backwards")
        days.extend(range(start, end + 1))
    return days


class CalendarConfig(BaseModel):
    """One named calendar (``calendars.<name>``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    timezone: TimeZoneName = "UTC"
    hours: dict[str, list[str]] = Field(min_length=1)
    holidays: str | None = None  # a country (FR) or a country and subdivision (FR-57)
    closed: list[str] = Field(default_factory=list)  # dates or ranges 2026-12-24..2026-12-31

    @field_validator("hours")
    @classmethod
    def _week(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        week = _parse_week(value)
        if not any(week):
            raise ValueError("the week has no opening hours (give at least one range)")
        return value

    @field_validator("holidays")
    @classmethod
    def _known_country(cls, value: str | None) -> str | None:
        if value is not None:
            _holiday_table(value, 2026)  # raises ValueError naming what is unknown
        return value

    @field_validator("closed", mode="before")
    @classmethod
    def _dates_as_text(cls, value: Any) -> Any:
        """YAML reads an unquoted 2026-12-24 as a date: take it as its text."""
        if isinstance(value, list):
            return [item.isoformat() if isinstance(item, date) else item for item in value]
        return value

    @field_validator("closed")
    @classmethod
    def _closed_dates(cls, value: list[str]) -> list[str]:
        for entry in value:
            _parse_closed(entry)
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def week(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        """Monday..Sunday: each day's opening ranges in minutes from midnight, in order."""
        return _parse_week(self.hours)

    @cached_property
    def closed_ranges(self) -> tuple[tuple[date, date], ...]:
        """The extra closures, each as (first day, last day)."""
        return tuple(_parse_closed(entry) for entry in self.closed)

    @cached_property
    def business(self) -> OpeningHours:
        """This calendar's arithmetic (built once; it caches each day's open intervals)."""
        return OpeningHours(self.zone, self.week, _ClosedDays(self.holidays, self.closed_ranges))


class _ClosedDays:
    """Whether a local day is closed: a public holiday (tables loaded a year at a time) or one of
    the extra closures."""

    def __init__(self, spec: str | None, ranges: tuple[tuple[date, date], ...]) -> None:
        self.spec = spec
        self.ranges = ranges
        self._years: dict[int, frozenset[date]] = {}

    def __call__(self, day: date) -> bool:
        if any(first <= day <= last for first, last in self.ranges):
            return True
        if self.spec is None:
            return False
        table = self._years.get(day.year)
        if table is None:
            table = self._years[day.year] = holiday_dates(self.spec, day.year)
        return day in table


def calendar_for(
    config: ServicesConfig, service: str, priority: Priority, ticket_type: TicketType
) -> BusinessCalendar:
    """The calendar a ticket's clocks run on: its priority's ``calendar`` when the SLA names
    one; 24/7 for emergencies and (unless ``sla.P1.calendar`` says otherwise) P1; else its
    service's ``calendar``; else 24/7."""
    if ticket_type is TicketType.EMERGENCY:
        return ALWAYS_OPEN
    name = config.sla_for(priority).calendar
    if name is None and priority is not Priority.P1 and service in config.services:
        name = config.services[service].calendar
    if name is None or name == ALWAYS or name not in config.calendars:
        return ALWAYS_OPEN
    return config.calendars[name].business


def _parse_week(value: dict[str, Any]) -> tuple[tuple[tuple[int, int], ...], ...]:
    days: list[list[tuple[int, int]]] = [[] for _ in _DAYS]
    for key, ranges in value.items():
        if not isinstance(ranges, list):
            raise ValueError(f"{key}: expected a list of ranges such as [08:30-12:30]")
        for day in _day_keys(key):
            days[day].extend(parse_range(text) for text in ranges)
    for index, ranges in enumerate(days):
        ranges.sort()
        for (_, end), (start, _) in pairwise(ranges):
            if start < end:
                raise ValueError(f"{_DAYS[index]}: opening ranges overlap")
    return tuple(tuple(ranges) for ranges in days)


def _parse_closed(entry: str) -> tuple[date, date]:
    match = _CLOSED.match(str(entry))
    if match is None:
        raise ValueError(
            f"{entry!r} is not a date (2026-12-24) or a range (2026-12-24..2026-12-31)"
        )
    try:
        first = date.fromisoformat(match.group(1))
        last = date.fromisoformat(match.group(2) or match.group(1))
    except ValueError:
        raise ValueError(f"{entry!r} is not a real date") from None
    if last < first:
        raise ValueError(f"{entry!r} ends before it starts")
    return first, last


def _holiday_table(spec: str, year: int) -> holiday_tables.HolidayBase:
    """The holidays of ``spec`` (``FR``, ``FR-57``) in ``year``; ``ValueError`` when the library
    knows no such country or subdivision."""
    country, _, subdivision = spec.strip().partition("-")
    try:
        return holiday_tables.country_holidays(
            country.upper(), subdiv=subdivision or None, years=year
        )
    except NotImplementedError:
        known = holiday_tables.list_supported_countries().get(country.upper())
        if known is None:
            raise ValueError(
                f"unknown country {country!r} (write an ISO code such as FR)"
            ) from None
        raise ValueError(
            f"{country.upper()} has no subdivision {subdivision!r} (known: {', '.join(known)})"
        ) from None


def holiday_dates(spec: str, year: int) -> frozenset[date]:
    """The public holidays of ``spec`` in ``year``."""
    return frozenset(_holiday_table(spec, year).keys())
