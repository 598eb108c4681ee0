"""Reports in business time: MTTA and MTTR count the opening hours of each ticket's calendar,
as its SLA clocks do, and the answer says so; the CSV export tells due times and whether each
was met."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.domain import stats
from bot.domain.business_time import ALWAYS_OPEN, BusinessCalendar
from bot.domain.calendars import CalendarConfig
from bot.domain.config import parse_services_config
from bot.domain.models import Language, Priority, Status, TicketType
from bot.domain.stats import TicketFacts
from bot.reports.csv_export import tickets_csv
from handlers.reports.blocks import figures_blocks

H = timedelta(hours=1)
OFFICE = CalendarConfig.model_validate(
    {"timezone": "Europe/Paris", "hours": {"mon-fri": ["09:00-18:00"]}}
).business
FRIDAY_17 = datetime(2026, 3, 6, 16, 0, tzinfo=UTC)  # 17:00 in Paris
MONDAY_10 = datetime(2026, 3, 9, 9, 0, tzinfo=UTC)  # 10:00 in Paris
CONFIG = parse_services_config(
    """
default_service: service_desk
services:
  service_desk:
    name: {fr: "Centre de support", en: "Service desk"}
    channel: C0DESK
"""
)


def _facts(ticket_id: str, priority: Priority = Priority.P3, **fields: Any) -> TicketFacts:
    base: dict[str, Any] = {
        "id": ticket_id,
        "type": TicketType.INCIDENT,
        "title": "t",
        "service": "service_desk",
        "priority": priority,
        "status": Status.CLOSED,
        "requester": "U1",
        "created_at": FRIDAY_17,
        "responded_at": MONDAY_10,
        "resolved_at": MONDAY_10 + 2 * H,
        "response_due": MONDAY_10 + H,
        "resolution_due": MONDAY_10 + H,
    }
    return TicketFacts(**{**base, **fields})


def _calendar_of(
    facts: TicketFacts,
) -> BusinessCalendar:  # the P1 runs 24/7, the others on office hours
    return ALWAYS_OPEN if facts.priority is Priority.P1 else OFFICE


def test_mtta_and_mttr_count_opening_hours() -> None:
    friday_to_monday = [_facts("INC-1")]
    start, end = FRIDAY_17 - H, MONDAY_10
    wall = stats.compute(friday_to_monday, start, end, MONDAY_10 + 3 * H)
    assert wall.mtta == 65 * H and not wall.business_time
    business = stats.compute(
        friday_to_monday, start, end, MONDAY_10 + 3 * H, calendar_of=_calendar_of
    )
    assert business.mtta == 2 * H  # Friday 17-18, Monday 09-10
    assert business.mttr == 4 * H
    assert business.business_time
    assert business.breached == 1 and business.resolution_breaches == 1  # resolved after due


def test_a_p1_keeps_wall_clock_time() -> None:
    p1 = [_facts("INC-2", Priority.P1)]
    figures = stats.compute(p1, FRIDAY_17 - H, MONDAY_10, MONDAY_10, calendar_of=_calendar_of)
    assert figures.mtta == 65 * H and not figures.business_time


def test_the_answer_says_times_are_in_opening_hours() -> None:
    figures = stats.compute(
        [_facts("INC-1")], FRIDAY_17 - H, MONDAY_10, MONDAY_10, calendar_of=_calendar_of
    )
    french = str([block.to_dict() for block in figures_blocks(figures, Language.FR)])
    assert "comptés en heures ouvrées" in french
    english = str([block.to_dict() for block in figures_blocks(figures, Language.EN)])
    assert "MTTA, MTTR and targets count opening hours" in english
    wall = stats.compute([_facts("INC-1")], FRIDAY_17 - H, MONDAY_10, MONDAY_10)
    assert "opening hours" not in str([b.to_dict() for b in figures_blocks(wall, Language.EN)])


def test_opening_hours_are_said_in_hours_not_days() -> None:
    """26 h of opening hours are three working days: "1 d 2 h" would read as one; wall time
    keeps its days."""
    # Friday 17:00 to Wednesday 16:00 (Paris): 1 h + 9 h + 9 h + 7 h of opening hours.
    late = _facts("INC-3", responded_at=MONDAY_10 + 2 * 24 * H + 6 * H)
    figures = stats.compute([late], FRIDAY_17 - H, MONDAY_10, MONDAY_10, calendar_of=_calendar_of)
    assert figures.mtta == 26 * H
    for language, word in ((Language.FR, "sur"), (Language.EN, "over")):
        text = str([block.to_dict() for block in figures_blocks(figures, language)])
        assert f"26 h · {word} 1 ticket" in text
        assert "1 j 2 h" not in text and "1 d 2 h" not in text
    wall = stats.compute([_facts("INC-4")], FRIDAY_17 - H, MONDAY_10, MONDAY_10)
    assert wall.mtta == 65 * H
    assert "2 d 17 h · over 1 ticket" in str(
        [block.to_dict() for block in figures_blocks(wall, Language.EN)]
    )


def test_the_export_tells_due_times_and_whether_they_were_met() -> None:
    facts = [
        _facts("INC-1"),  # responded before its due time, resolved after
        _facts("INC-2", status=Status.NEW, responded_at=None, resolved_at=None),  # late now
        _facts(  # open, due later: not decided yet
            "INC-3",
            status=Status.IN_PROGRESS,
            resolved_at=None,
            resolution_due=MONDAY_10 + 10 * H,
        ),
        _facts(  # waiting on the requester since before its due time: not decided yet
            "INC-4",
            status=Status.WAITING_ON_REQUESTER,
            resolved_at=None,
            paused_at=MONDAY_10 + H / 2,
        ),
    ]
    content = tickets_csv(facts, MONDAY_10 + 3 * H, CONFIG, Language.EN)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    by_id = {row["ID"]: row for row in rows}
    assert by_id["INC-1"]["Response due (UTC)"] == "2026-03-09 10:00"
    assert by_id["INC-1"]["Response target met"] == "yes"
    assert by_id["INC-1"]["Resolution target met"] == "no"
    assert by_id["INC-2"]["Response target met"] == "no"
    assert by_id["INC-3"]["Resolution target met"] == ""
    assert by_id["INC-4"]["Resolution target met"] == ""
    assert by_id["INC-4"]["SLA breached"] == "no"
