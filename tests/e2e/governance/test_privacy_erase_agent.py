"""``/ticket privacy erase`` of an *agent*: the bot's relays of their replies in the card's
thread into the requesters' DM threads ("@alice (INC-1): …") keep none of their words nor their
mention: each becomes one line saying a former employee's message was removed, in the language
it was written in (the ticket's), through the erasure's stored step (one budget with the rest),
tried again by the scheduler while Slack fails. Another agent's relays, and what the requester
wrote, stay. And the admin's summary says each kind's own state: copies of files done while the
relays wait is not "later" for both."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from bot.domain.models import Ticket
from tests.e2e.governance.test_privacy_erase import _erase_form
from tests.e2e.governance.test_privacy_erase_files import _adds_a_file
from tests.e2e.governance.test_privacy_erase_relays import REMOVED_EN, REMOVED_FR, _replies_to
from tests.e2e.harness import CHANNELS, DESK_AGENT, DESK_MEMBER, EMPLOYEE_EN, EMPLOYEE_FR, Harness
from tests.e2e.workspace import ADMIN

DESK = CHANNELS["service_desk"]


async def _answers(bot: Harness, ticket: Ticket, agent: str, text: str) -> dict[str, Any]:
    """``agent`` replies in the card's thread of ``ticket``; the bot relays it into the
    requester's DM thread. The relay, as Slack holds it."""
    assert ticket.message is not None
    await bot.say(DESK, text, agent, thread_ts=ticket.message.ts)

    async def relayed() -> dict[str, Any] | None:
        found = [m for m in await _dm_thread(bot, ticket) if text in m["text"]]
        return found[0] if found else None

    relay = await bot.wait_until(relayed, f"the relay to the requester of {ticket.id}")
    await bot.settled()
    assert relay.get("bot_id") and f"<@{agent}>" in relay["text"]
    return relay


async def _dm_thread(bot: Harness, ticket: Ticket) -> list[dict[str, Any]]:
    stored = await bot.ticket(ticket.id)
    if stored.requester_thread is None:
        return []
    thread = stored.requester_thread
    return [
        m
        for m in bot.slack.messages(thread.channel)
        if m.get("thread_ts") == thread.ts and m["ts"] != thread.ts
    ]


async def _text(bot: Harness, ticket: Ticket, ts: str) -> str:
    stored = await bot.ticket(ticket.id)
    assert stored.requester_thread is not None
    return str(bot.slack.message(stored.requester_thread.channel, ts)["text"])


async def _confirm(bot: Harness, person: str, admin: str = ADMIN) -> str:
    told = len(bot.told(admin))
    form = await _erase_form(bot, person, admin)
    assert (  # the confirmation says what becomes of their relayed replies
        "Their replies Guichet relayed (to the team in tickets’ threads, to requesters by direct "
        "message) are replaced by a line saying they were removed." in str(form["blocks"])
    )
    status, _ = await bot.send.view_submission(form, {}, user_id=admin)
    assert status == 200
    await bot.eventually(lambda: len(bot.told(admin)) > told, "the admin told")
    return bot.told(admin)[-1]


async def test_an_erased_agents_replies_relayed_to_requesters_keep_none_of_their_words(
    bot: Harness,
) -> None:
    johns = await bot.file(  # John reads English
        "information_request", "How do I reset my password?", "Where is it?", user=EMPLOYEE_EN
    )
    maries = await bot.file(  # Marie reads French
        "information_request", "Mot de passe ?", "Où est la procédure ?", user=EMPLOYEE_FR
    )
    await bot.settled()
    to_john = await _answers(bot, johns, DESK_MEMBER, "Call me on my mobile, 07700 900123")
    to_marie = await _answers(bot, maries, DESK_MEMBER, "Appelez-moi au 06 12 34 56 78")
    other = await _answers(bot, johns, DESK_AGENT, "Or try the reset page")
    assert to_john["text"].startswith(f"<@{DESK_MEMBER}> ({johns.id}):")
    # the requester's own answer in the DM thread stays theirs
    stored = await bot.ticket(johns.id)
    assert stored.requester_thread is not None
    dm, thread = stored.requester_thread.channel, stored.requester_thread.ts
    answer = await bot.say(dm, "Thanks, will do", EMPLOYEE_EN, thread_ts=thread)
    await bot.settled()
    # the relays' records in the outbox are purged 7 days after sending: not needed to find them
    outbox = bot.guichet.database.handle["outbox"]
    await outbox.delete_many({"message.kind": "relay_to_requester"})
    bot.slack.fail_next("conversations.replies", "fatal_error")  # Slack fails once

    told = await _confirm(bot, DESK_MEMBER)
    assert (
        "Their replies Guichet had relayed to requesters by direct message could not be "
        "removed from Slack yet: Guichet will try again by itself."
    ) in told, told
    assert "07700 900123" in await _text(bot, johns, to_john["ts"])  # stored, not lost
    jobs = bot.guichet.database.handle["dm_erasures"]
    (job,) = await jobs.find({}).to_list(9)
    assert {(t["channel"], t["ts"]) for t in job["threads"]} >= {(dm, thread)}

    await bot.tick(timedelta(minutes=1))  # the step's first retry
    # updated in place, in the language each was written in: the answers around keep their place
    assert await _text(bot, johns, to_john["ts"]) == REMOVED_EN
    assert await _text(bot, maries, to_marie["ts"]) == REMOVED_FR
    everything = str([await _dm_thread(bot, johns), await _dm_thread(bot, maries)])
    assert DESK_MEMBER not in everything and "07700" not in everything
    assert "06 12 34" not in everything
    assert await _text(bot, johns, other["ts"]) == other["text"]  # another agent's relay stays
    assert await _text(bot, johns, answer["ts"]) == "Thanks, will do"  # the requester's own
    assert await jobs.count_documents({}) == 0
    redacted = bot.slack.message(dm, to_john["ts"])["metadata"]["event_payload"]
    assert redacted == {"ticket_id": johns.id, "role": "relay_to_requester:erased"}

    # erasing again: the history no longer names them, nothing else is touched
    updates = len(bot.slack.calls_to("chat.update"))
    assert "nothing to erase" in await _confirm(bot, DESK_MEMBER)
    assert len(bot.slack.calls_to("chat.update")) == updates


async def test_the_summary_says_each_kinds_own_state(bot: Harness) -> None:
    """John's file copy is deleted at once; the relay of his reply waits for Slack: the summary
    says the copy is done and only the relay is left for later (it said "later" for both)."""
    johns = await _adds_a_file(bot, EMPLOYEE_EN, "john-badge.png")
    other = await bot.file(
        "service_request", "Install Visio please", "For the audit", "low", "low", user=EMPLOYEE_EN
    )
    await bot.settled()
    relay = await _replies_to(bot, other, EMPLOYEE_EN, "My home number is 555-0100")
    assert johns.message is not None and other.message is not None
    bot.slack.fail_next("chat.update", "fatal_error", times=1_000)  # no relay redacted for now

    told = await _confirm(bot, EMPLOYEE_EN)
    assert "1 copy of their files Guichet had shared in a ticket’s thread is deleted" in told
    assert "The other copies will be deleted" not in told, told  # none is left
    assert (
        "Their replies Guichet had relayed in tickets’ threads could not be removed from Slack "
        "yet: Guichet will try again by itself."
    ) in told, told
    bot.slack.stop_failing("chat.update")
    await bot.tick(timedelta(minutes=1))
    assert (
        str(bot.slack.message(other.message.channel, relay["ts"])["text"]) == REMOVED_EN
    )  # internal IT speaks English
    assert await bot.guichet.database.handle["dm_erasures"].count_documents({}) == 0


async def test_the_export_lists_the_requesters_threads_holding_an_agents_relays(
    bot: Harness,
) -> None:
    johns = await bot.file(
        "information_request", "How do I reset my password?", "Where is it?", user=EMPLOYEE_EN
    )
    await bot.settled()
    await _answers(bot, johns, DESK_MEMBER, "Try the reset page")
    stored = await bot.ticket(johns.id)
    assert stored.requester_thread is not None

    await bot.command_answer(f"privacy export <@{DESK_MEMBER}>", ADMIN)
    upload = bot.slack.uploads()[-1]
    exported = json.loads((upload.data or b"").decode("utf-8"))
    assert exported["requester_relays"] == [
        {
            "ticket": johns.id,
            "channel": stored.requester_thread.channel,
            "thread_ts": stored.requester_thread.ts,
        }
    ]
    assert "the requesters’ direct message threads where Guichet relayed their replies" in str(
        upload.initial_comment
    )
