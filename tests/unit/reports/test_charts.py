"""The digest's chart: a real PNG of the tickets filed per day, stacked by type."""

from __future__ import annotations

from datetime import date

from bot.domain.models import Language, TicketType
from bot.domain.stats import Day
from bot.reports.charts import DPI, SIZE_INCHES, day_label, tickets_per_day_png
from tests.png import png_size

WEEK = tuple(
    Day(date(2025, 12, 29 + offset) if offset < 3 else date(2026, 1, offset - 2), counts)
    for offset, counts in enumerate(
        [
            {},
            {TicketType.INCIDENT: 3},
            {TicketType.INCIDENT: 1, TicketType.SERVICE_REQUEST: 2},
            {TicketType.EMERGENCY: 1},
            {TicketType.PROBLEM: 1, TicketType.INCIDENT: 4},
            {},
            {TicketType.TRAINING_REQUEST: 1},
        ]
    )
)


def test_a_real_png_of_the_chart_size() -> None:
    english = tickets_per_day_png(WEEK, Language.EN, "Tickets filed per day · Service desk")
    assert png_size(english) == (int(SIZE_INCHES[0] * DPI), int(SIZE_INCHES[1] * DPI))
    french = tickets_per_day_png(WEEK, Language.FR, "Tickets ouverts par jour · Sécurité")
    assert png_size(french) == png_size(english)
    assert french != english  # the labels are in the reader's language


def test_an_empty_week_still_draws() -> None:
    empty = tuple(Day(day.day) for day in WEEK)
    assert png_size(tickets_per_day_png(empty, Language.EN, "Nothing")) > (0, 0)


def test_day_labels() -> None:
    assert day_label(WEEK[0], Language.EN) == "Mon 29"
    assert day_label(WEEK[3], Language.FR) == "jeu. 1"
