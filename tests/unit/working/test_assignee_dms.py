"""Who is told that a ticket was taken off them: the assignee before, when someone else acted."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.domain.models import HistoryAction, HistoryEntry, Ticket
from bot.working.assignee_dms import taken_off
from bot.working.changes import Changed
from tests.fakes import ticket

NOW = datetime(2026, 12, 5, 10, tzinfo=UTC)


def _changed(before: Ticket, after: Ticket, actor: str, action: HistoryAction) -> Changed:
    entry = HistoryEntry(before.id, NOW, actor, action, before.assignee, after.assignee)
    return Changed(before=before, ticket=after, entry=entry)


@pytest.mark.parametrize(
    ("had", "actor", "action", "now_has", "told"),
    [
        ("U0A", "U0B", HistoryAction.UNASSIGNED, None, "U0A"),  # a teammate unassigned them
        ("U0A", "U0A", HistoryAction.UNASSIGNED, None, None),  # they let it go themselves
        ("U0A", "U0B", HistoryAction.ASSIGNED, "U0C", "U0A"),  # given to another by a third
        ("U0A", "U0B", HistoryAction.ASSIGNED, "U0B", "U0A"),  # a teammate took it over
        ("U0A", "U0A", HistoryAction.ASSIGNED, "U0C", None),  # they handed it on
        (None, "U0B", HistoryAction.ASSIGNED, "U0C", None),  # nobody had it
        ("U0A", "U0B", HistoryAction.STATUS, "U0A", None),  # not an assignment
    ],
)
def test_who_is_told(
    had: str | None, actor: str, action: HistoryAction, now_has: str | None, told: str | None
) -> None:
    before = ticket(assignee=had)
    assert taken_off(_changed(before, replace(before, assignee=now_has), actor, action)) == told
