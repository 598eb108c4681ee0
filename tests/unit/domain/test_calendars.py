"""Calendars in the services file: what loads, which calendar a ticket runs on, and one line
naming the key for every mistake."""

from __future__ import annotations

import pytest

from bot.domain.business_time import ALWAYS_OPEN
from bot.domain.calendars import calendar_for
from bot.domain.config import parse_services_config
from bot.domain.errors import ConfigError
from bot.domain.models import Priority, TicketType

FILE = """
default_service: service_desk
services:
  service_desk:
    name: {fr: "Centre de support", en: "Service desk"}
    channel: C0DESK
    calendar: office
  security:
    name: {fr: "Sécurité", en: "Security"}
    channel: C0SEC
calendars:
  office:
    timezone: Europe/Paris
    hours:
      mon-fri: ["08:30-12:30", "13:30-18:00"]
      sat: ["09:00-12:00"]
    holidays: FR-57
    closed: ["2026-12-24", "2026-12-28..2026-12-31"]
"""


def test_a_calendar_loads_with_its_week_holidays_and_closures() -> None:
    config = parse_services_config(FILE)
    office = config.calendars["office"]
    assert office.week[0] == ((510, 750), (810, 1080))
    assert office.week[5] == ((540, 720),)
    assert office.week[6] == ()
    assert office.closed_ranges[1][1].isoformat() == "2026-12-31"
    assert office.business.zone.key == "Europe/Paris"


def test_a_ticket_runs_on_its_service_calendar_except_p1_and_emergencies() -> None:
    config = parse_services_config(FILE)
    office = config.calendars["office"].business
    assert calendar_for(config, "service_desk", Priority.P3, TicketType.INCIDENT) is office
    assert calendar_for(config, "service_desk", Priority.P1, TicketType.INCIDENT) is ALWAYS_OPEN
    assert calendar_for(config, "service_desk", Priority.P1, TicketType.EMERGENCY) is ALWAYS_OPEN
    assert calendar_for(config, "security", Priority.P3, TicketType.INCIDENT) is ALWAYS_OPEN
    assert calendar_for(config, "gone", Priority.P3, TicketType.INCIDENT) is ALWAYS_OPEN


def test_a_priority_overrides_the_service_calendar() -> None:
    text = FILE + (
        "sla:\n  P1: {response: 15m, resolution: 4h, calendar: office}\n"
        "  P4: {response: 1d, resolution: 5d, calendar: always}\n"
        "  P5: {response: 2d, resolution: 10d, calendar: office}\n"
    )
    config = parse_services_config(text)
    office = config.calendars["office"].business
    assert calendar_for(config, "service_desk", Priority.P1, TicketType.INCIDENT) is office
    assert calendar_for(config, "service_desk", Priority.P1, TicketType.EMERGENCY) is ALWAYS_OPEN
    assert calendar_for(config, "service_desk", Priority.P4, TicketType.INCIDENT) is ALWAYS_OPEN
    assert calendar_for(config, "security", Priority.P5, TicketType.INCIDENT) is office


def test_a_file_without_calendars_keeps_wall_clock_time() -> None:
    without = FILE.replace("    calendar: office\n", "").split("calendars:")[0]
    config = parse_services_config(without)
    assert config.calendars == {}
    assert calendar_for(config, "service_desk", Priority.P4, TicketType.INCIDENT) is ALWAYS_OPEN


@pytest.mark.parametrize(
    "old,new,message",
    [
        (
            "timezone: Europe/Paris",
            "timezone: Europe/Pariss",
            "calendars.office.timezone: unknown time zone 'Europe/Pariss'",
        ),
        (
            'mon-fri: ["08:30-12:30", "13:30-18:00"]\n      sat: ["09:00-12:00"]',
            "mon: []",
            "calendars.office.hours: the week has no opening hours",
        ),
        (
            '"13:30-18:00"',
            '"12:00-18:00"',
            "calendars.office.hours: mon: opening ranges overlap",
        ),
        ("holidays: FR-57", "holidays: XX", "calendars.office.holidays: unknown country 'XX'"),
        (
            "holidays: FR-57",
            "holidays: FR-99",
            "calendars.office.holidays: FR has no subdivision '99'",
        ),
        (
            '"2026-12-24"',
            '"2026-02-30"',
            "calendars.office.closed: '2026-02-30' is not a real date",
        ),
        (
            '"2026-12-28..2026-12-31"',
            '"2026-12-31..2026-12-28"',
            "calendars.office.closed: '2026-12-31..2026-12-28' ends before it starts",
        ),
        ('"08:30-12:30"', '"8h30-12:30"', "calendars.office.hours: '8h30-12:30' is not a range"),
        ("mon-fri:", "fri-mon:", "calendars.office.hours: 'fri-mon' runs backwards"),
        ("sat:", "samedi:", "calendars.office.hours: 'samedi' is not a day"),
        (
            "    calendar: office\n",
            "    calendar: bureau\n",
            "services.service_desk.calendar: unknown calendar 'bureau' (known: always, office)",
        ),
        ("holidays: FR-57", "holiday: FR", "calendars.office.holiday: unknown setting"),
    ],
)
def test_mistakes_name_the_key(old: str, new: str, message: str) -> None:
    assert old in FILE
    with pytest.raises(ConfigError) as caught:
        parse_services_config(FILE.replace(old, new, 1))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_unknown_calendar_in_an_sla_target_names_its_key() -> None:
    with pytest.raises(ConfigError, match=r"sla\.P3\.calendar: unknown calendar 'x'"):
        parse_services_config(FILE + "sla:\n  P3: {response: 4h, resolution: 2d, calendar: x}\n")


def test_unquoted_dates_are_read_as_dates() -> None:
    text = FILE.replace('closed: ["2026-12-24", "2026-12-28..2026-12-31"]', "closed: [2026-12-24]")
    office = parse_services_config(text).calendars["office"]
    assert [first.isoformat() for first, _ in office.closed_ranges] == ["2026-12-24"]
