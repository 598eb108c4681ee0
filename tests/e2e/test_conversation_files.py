"""Files shared in a ticket's threads: relayed as links, and kept in the ticket's history."""

from __future__ import annotations

from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, Harness
from tests.e2e.test_conversation import share_files

LINK = "https://guichet-test.slack.com/files/U0DESKMEMBER/F0PROC/procedure.pdf"


async def test_files_shared_in_the_thread_are_relayed_as_links_and_kept(bot: Harness) -> None:
    files = [{"id": "F0PROC", "name": "procedure.pdf", "permalink": LINK}]
    ticket, relayed = await share_files(bot, "Here is the procedure", files)
    assert f"📎 <{LINK}|procedure.pdf>" in relayed[0] and "not relayed" not in relayed[0]
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    shared = [entry for entry in history if entry.action == "files_shared"]
    assert [(e.actor, e.note) for e in shared] == [(DESK_MEMBER, f"procedure.pdf {LINK}")]
    shown = await bot.show(ticket.id, EMPLOYEE_EN)
    assert f"<@{DESK_MEMBER}> shared files: procedure.pdf {LINK}" in shown
