"""What the SLA clocks ran is written by the change that ends a stretch, in its own update, only
if no other change ended it first: two changes made from one read never count it twice."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.config import load_services_config
from bot.domain.due_times import initial, schedule_hook
from bot.domain.models import HistoryAction, HistoryEntry, Priority, SlaRan, TicketType
from storage.client import Database
from tests.fakes import SERVICES_FILE, T0, memory_desk, ticket

H = timedelta(hours=1)


async def test_two_changes_from_one_read_count_a_stretch_once(database: Database) -> None:
    config = load_services_config(SERVICES_FILE)
    desk = await memory_desk(database, config=config, change_hooks=[schedule_hook(config)])
    due = initial(TicketType.INCIDENT, Priority.P3, "security", T0, config)  # 24/7
    await desk.tickets.import_tickets([ticket(service="security", sla=due.sla)])
    read = await desk.require("INC-1")
    assert read.sla.ran_until == T0 and read.sla_ran == SlaRan()

    claim = HistoryEntry("INC-1", T0 + H, "U0A", HistoryAction.CLAIMED, after="U0A")
    claimed = await desk.apply_change(read, claim, {"assignee": "U0A"}, {"assignee": None})
    assert claimed is not None and claimed.sla_ran == SlaRan(response=H, resolution=H)
    assert claimed.sla.ran_until == T0 + H

    # made from the same read, an hour later: the stretch from T0 is counted already
    raise_ = HistoryEntry("INC-1", T0 + 2 * H, "U0B", HistoryAction.PRIORITY, after="P2")
    raised = await desk.apply_change(read, raise_, {"priority": Priority.P2}, {"priority": "P3"})
    assert raised is None
    stored = await desk.require("INC-1")
    assert stored.priority is Priority.P3 and stored.sla_ran == SlaRan(response=H, resolution=H)

    # made from what is stored now: counted from where the claim left it
    raised = await desk.apply_change(stored, raise_, {"priority": Priority.P2}, {"priority": "P3"})
    assert raised is not None and raised.sla_ran == SlaRan(response=H, resolution=2 * H)
