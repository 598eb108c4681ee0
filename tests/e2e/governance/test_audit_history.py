"""Every history entry written, however it was written (the filing's insert, the card posted,
files shared in the thread, a claim), has its audit line: nothing that happened is missing."""

from __future__ import annotations

from typing import Any

from tests.e2e.harness import DESK_MEMBER, Harness
from tests.e2e.test_conversation import share_files
from tests.e2e.test_conversation_files import LINK


async def _missing_lines(bot: Harness) -> list[tuple[Any, ...]]:
    """History entries of every ticket without their audit line (same ticket, time, person,
    action), and lines still waiting on a ticket."""
    handle = bot.guichet.database.handle
    lines = {
        (d["ticket_id"], d["at"], d["actor"], d["action"])
        for d in await handle["audit"].find({"outcome": "done"}).to_list(10_000)
    }
    missing: list[tuple[Any, ...]] = []
    for ticket in await handle["tickets"].find({}).to_list(1000):
        for entry in ticket.get("history") or []:
            key = (ticket["_id"], entry["at"], entry["actor"], entry["action"])
            if key not in lines:
                missing.append(key)
        missing.extend(("pending", line["action"]) for line in ticket.get("audit_pending") or [])
    return missing


async def test_filing_posting_and_shared_files_are_audited(bot: Harness) -> None:
    files = [{"id": "F0PROC", "name": "procedure.pdf", "permalink": LINK}]
    ticket, _ = await share_files(bot, "Here is the procedure", files)
    stored = await bot.guichet.database.handle["audit"].find({"ticket_id": ticket.id}).to_list(100)
    by_action = {d["action"]: d for d in stored}
    assert {"created", "posted", "files_shared"} <= set(by_action)
    created = by_action["created"]
    assert (created["actor"], created["surface"]) == (
        ticket.requester,
        "view_submission:file_ticket",
    )
    assert by_action["files_shared"]["actor"] == DESK_MEMBER
    assert await _missing_lines(bot) == []
