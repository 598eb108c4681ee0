"""Every history entry written, however it was written (the filing's insert, the card posted,
files shared in the thread, a claim), has its audit line: nothing that happened is missing."""

from __future__ import annotations

from typing import Any

from tests.e2e.harness import CHANNELS, DESK_AGENT, DESK_MEMBER, OUTSIDER, Harness
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


async def test_a_late_claim_and_a_forged_value_are_audited_refusals(bot: Harness) -> None:
    ticket = await bot.file("information_request", "Where is the expense policy?", "I need it.")
    assert ticket.message is not None
    seen = bot.slack.message(ticket.message.channel, ticket.message.ts)  # with Claim
    await bot.choose(ticket.id, "ticket_claim", None, DESK_MEMBER)
    await bot.eventually(lambda: _assigned(bot, ticket.id), "claimed")
    await bot.choose(ticket.id, "ticket_claim", None, DESK_AGENT, message=seen)  # too late
    await bot.told_eventually(DESK_AGENT, ticket.id)
    status, _ = await bot.send.block_action(  # a value no card carries
        "ticket_status",
        {"text": {"type": "plain_text", "text": "?"}, "value": f"{ticket.id}|forged|x"},
        user_id=DESK_AGENT,
        channel_id=CHANNELS["service_desk"],
    )
    assert status == 200
    await bot.eventually(lambda: _refusals_of(bot, DESK_AGENT, 2), "both refusals logged")
    lines = await _refusals_of(bot, DESK_AGENT, 2)
    assert lines is not None
    assert [(d["action"], d.get("ticket_id"), d["note"]) for d in lines] == [
        ("ticket_claim", ticket.id, "AlreadyClaimed"),
        ("ticket_status", None, "bad_value"),
    ]


async def _assigned(bot: Harness, ticket_id: str) -> bool:
    return (await bot.ticket(ticket_id)).assignee == DESK_MEMBER


async def _refusals_of(bot: Harness, user: str, count: int) -> list[dict[str, Any]] | None:
    handle = bot.guichet.database.handle
    found = (
        await handle["audit"].find({"actor": user, "outcome": "refused"}).sort("at", 1).to_list(10)
    )
    return found if len(found) >= count else None


async def test_a_thread_reply_by_someone_outside_the_service_is_an_audited_refusal(
    bot: Harness,
) -> None:
    ticket = await bot.file("information_request", "Where is the expense policy?", "I need it.")
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    await bot.say(channel, "I know where it is", OUTSIDER, thread_ts=root)
    lines = await bot.eventually(lambda: _refusals_of(bot, OUTSIDER, 1), "the refusal logged")
    assert [(d["action"], d["ticket_id"], d["note"], d["surface"]) for d in lines] == [
        ("thread_reply", ticket.id, "NotAllowed", "event:message")
    ]
    assert "relayed_to_requester" not in [
        e.action for e in await bot.guichet.helpdesk.tickets.history(ticket.id)
    ]
