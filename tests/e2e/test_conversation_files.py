"""Files shared in a ticket's threads: relayed as links, and kept in the ticket's history."""

from __future__ import annotations

from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, SECURITY_ONCALL, Harness
from tests.e2e.test_conversation import DM, _replies, _with_thread, share_files

LINK = "https://guichet-test.slack.com/files/U0DESKMEMBER/F0PROC/procedure.pdf"


async def test_files_shared_in_the_thread_are_relayed_as_links_and_kept(bot: Harness) -> None:
    files = [{"id": "F0PROC", "name": "procedure.pdf", "permalink": LINK}]
    ticket, relayed = await share_files(bot, "Here is the procedure", files)
    assert f"📎 <{LINK}|procedure.pdf>" in relayed[0] and "not relayed" not in relayed[0]
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    shared = [entry for entry in history if entry.action == "files_shared"]
    assert [(e.actor, e.note) for e in shared] == [(DESK_MEMBER, f"procedure.pdf {LINK}")]
    shown = await bot.show(ticket.id, EMPLOYEE_EN)  # named: its link is no use to every reader
    assert f"<@{DESK_MEMBER}> shared files: procedure.pdf" in shown and LINK not in shown


async def test_a_private_teams_files_reach_the_requester_named_not_as_dead_links(
    bot: Harness,
) -> None:
    """A file an agent shares in a private service's thread opens for that channel's members
    alone: the requester is told its name and how to get it, not a link they cannot open."""
    ticket = await bot.file(
        "incident", "Phishing email from the CEO", "Someone sent a phishing link to payroll."
    )
    assert ticket.service == "security" and ticket.message is not None
    link = "https://guichet-test.slack.com/files/U0SEC/F0IOC/indicators.csv"
    files = [{"id": "F0IOC", "name": "indicators.csv", "permalink": link}]
    await bot.say(
        ticket.message.channel,
        "Block these senders",
        SECURITY_ONCALL,
        ticket.message.ts,
        subtype="file_share",
        files=files,
    )
    ticket = await _with_thread(bot, ticket)
    assert ticket.requester_thread is not None
    thread = ticket.requester_thread
    relayed = await bot.eventually(
        lambda: [m["text"] for m in _replies(bot, DM, thread.ts) if "senders" in m["text"]],
        "the relay",
    )
    assert link not in relayed[0]
    assert relayed[0].endswith(
        "Block these senders\n📎 indicators.csv _(attached in the team’s private channel, which "
        "you cannot open: reply here to ask for a copy)_"
    )
