"""The conversation relay: channel thread -> requester's DM thread and back, internal notes."""

from __future__ import annotations

import asyncio

from bot.domain.models import Status, Ticket
from tests.e2e.harness import DESK_AGENT, DESK_MEMBER, EMPLOYEE_EN, Harness

DM = f"D{EMPLOYEE_EN}"


async def _desk_ticket(bot: Harness) -> Ticket:
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is the procedure?"
    )
    assert ticket.service == "service_desk" and ticket.message is not None
    return ticket


async def _with_thread(bot: Harness, ticket: Ticket) -> Ticket:
    async def stored() -> Ticket | None:
        current = await bot.guichet.helpdesk.tickets.get(ticket.id)
        return current if current and current.requester_thread else None

    return await bot.wait_until(stored, f"the DM thread of {ticket.id}")


async def _actions(bot: Harness, ticket: Ticket) -> list[str]:
    return [entry.action for entry in await bot.guichet.helpdesk.tickets.history(ticket.id)]


def _replies(bot: Harness, channel: str, thread_ts: str) -> list[dict]:
    """The replies in a thread, without its root."""
    return [
        m
        for m in bot.slack.messages(channel)
        if m.get("thread_ts") == thread_ts and m["ts"] != thread_ts
    ]


def _reactions(bot: Harness, channel: str, ts: str) -> list[str]:
    return [r["name"] for r in bot.slack.message(channel, ts).get("reactions", [])]


async def test_a_team_reply_reaches_the_requester_in_a_dm_thread(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    reply = await bot.say(channel, "Try the *reset page* first?", DESK_MEMBER, thread_ts=root)
    ticket = await _with_thread(bot, ticket)
    thread = ticket.requester_thread
    assert thread is not None and thread.channel == DM

    opening = bot.slack.message(DM, thread.ts)
    assert ticket.id in opening["text"] and "reply in this thread" in opening["text"]
    await bot.slack.wait_for("reactions.add")
    relayed = _replies(bot, DM, thread.ts)
    assert len(relayed) == 1
    assert relayed[0]["text"] == f"<@{DESK_MEMBER}> ({ticket.id}):\nTry the *reset page* first?"
    assert _reactions(bot, channel, reply["ts"]) == ["incoming_envelope"]

    # the second reply goes to the same DM thread
    await bot.say(channel, "Or call extension 1234.", DESK_AGENT, thread_ts=root)
    await bot.slack.wait_for("reactions.add", count=2)
    relayed = _replies(bot, DM, thread.ts)
    assert [m["text"].split("\n")[-1] for m in relayed] == [
        "Try the *reset page* first?",
        "Or call extension 1234.",
    ]
    roots = [m for m in bot.slack.messages(DM) if "reply in this thread" in m["text"]]
    assert len(roots) == 1
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    relays = [(e.action, e.actor) for e in history if e.action.startswith("relayed")]
    assert relays == [
        ("relayed_to_requester", DESK_MEMBER),
        ("relayed_to_requester", DESK_AGENT),
    ]
    assert "conversation_opened" in await _actions(bot, ticket)


async def test_the_requesters_reply_reaches_the_channel_thread(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    await bot.say(channel, "Which browser do you use?", DESK_MEMBER, thread_ts=root)
    ticket = await _with_thread(bot, ticket)
    thread = ticket.requester_thread
    assert thread is not None

    answer = await bot.say(DM, "Firefox. <!channel> help & thanks", EMPLOYEE_EN, thread.ts)
    await bot.slack.wait_for("reactions.add", count=2)
    from_bot = [m for m in _replies(bot, channel, root) if m.get("bot_id")]
    assert len(from_bot) == 1
    text = from_bot[0]["text"]
    # the desk channel speaks French; @channel is defused, the rest kept as Slack encoded it
    assert text.startswith(f"💬 <@{EMPLOYEE_EN}>, demandeur de {ticket.id}, répond\u00a0:")
    assert text.endswith("Firefox. @channel help & thanks") and "<!channel>" not in text
    assert _reactions(bot, DM, answer["ts"]) == ["incoming_envelope"]
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [(e.action, e.actor) for e in history][-1] == ("relayed_to_team", EMPLOYEE_EN)
    shown = str((await bot.command_answer(f"show {ticket.id}", EMPLOYEE_EN))["blocks"])
    assert "conversation opened with the requester by direct message" in shown
    assert f"message from <@{DESK_MEMBER}> relayed to the requester" in shown
    assert f"reply from the requester <@{EMPLOYEE_EN}> relayed to the team" in shown


async def test_an_internal_note_is_not_relayed(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    dms_before = len(bot.slack.messages(DM))
    note = await bot.say(channel, "!note VIP user, be quick", DESK_MEMBER, thread_ts=root)
    await bot.slack.wait_for("reactions.add")
    assert _reactions(bot, channel, note["ts"]) == ["lock"]
    assert len(bot.slack.messages(DM)) == dms_before
    stored = await bot.guichet.helpdesk.tickets.get(ticket.id)
    assert stored is not None and stored.requester_thread is None
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [(e.action, e.actor) for e in history][-1] == ("internal_note", DESK_MEMBER)
    assert all(e.note is None for e in history)  # the note's text is not copied anywhere
    shown = await bot.command_answer(f"show {ticket.id}", DESK_MEMBER)
    assert f"internal note by <@{DESK_MEMBER}>" in str(shown["blocks"])


async def test_bots_edits_and_the_bot_itself_are_ignored(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    history_before = await _actions(bot, ticket)
    await bot.say(channel, "Build #42 passed", "U0CIBOT", root, bot_id="B0CI")
    await bot.say(channel, "deploy bot", "U0CIBOT", root, subtype="bot_message", bot_id="B0CI")
    await bot.say(channel, "edited", DESK_MEMBER, root, subtype="message_changed")
    await bot.say(channel, "I am Guichet", "UBOT", root, bot_id="BBOT")
    await bot.say(channel, "not in a thread", DESK_MEMBER)
    await bot.say(channel, "I am the requester", EMPLOYEE_EN, root)
    # a real reply afterwards is relayed; by then the ignored events are long done
    await bot.say(channel, "Real answer", DESK_MEMBER, root)
    ticket = await _with_thread(bot, ticket)
    await bot.slack.wait_for("reactions.add")
    assert ticket.requester_thread is not None
    relayed = [m["text"] for m in _replies(bot, DM, ticket.requester_thread.ts)]
    assert relayed == [f"<@{DESK_MEMBER}> ({ticket.id}):\nReal answer"]
    assert len(bot.slack.calls_to("reactions.add")) == 1
    assert await _actions(bot, ticket) == [
        *history_before,
        "conversation_opened",
        "relayed_to_requester",
    ]


async def test_a_dm_outside_guichets_threads_is_not_relayed(bot: Harness) -> None:
    """Under the requester's own message, or not in a thread: no ticket's. (Under any of
    Guichet's DMs about the ticket it is relayed: ``test_conversation_any_dm.py``.)"""
    ticket = await _desk_ticket(bot)
    assert ticket.message is not None
    await bot.say(ticket.message.channel, "Hello?", DESK_MEMBER, ticket.message.ts)
    ticket = await _with_thread(bot, ticket)
    await bot.slack.wait_for("reactions.add")
    mine = await bot.say(DM, "anyone?", EMPLOYEE_EN)  # not in a thread
    await bot.say(DM, "thanks!", EMPLOYEE_EN, thread_ts=mine["ts"])  # under their own message
    assert ticket.requester_thread is not None and ticket.message is not None
    await bot.say(DM, "Yes, still broken", EMPLOYEE_EN, ticket.requester_thread.ts)
    await bot.slack.wait_for("reactions.add", count=2)
    from_bot = [
        m["text"]
        for m in _replies(bot, ticket.message.channel, ticket.message.ts)
        if m.get("bot_id")
    ]
    assert len(from_bot) == 1 and from_bot[0].endswith("Yes, still broken")


async def test_a_failed_relay_is_marked_and_recorded(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    bot.slack.fail_next("chat.postMessage", "channel_not_found")
    assert ticket.message is not None
    reply = await bot.say(ticket.message.channel, "Hi", DESK_MEMBER, ticket.message.ts)
    await bot.slack.wait_for("reactions.add")
    assert _reactions(bot, ticket.message.channel, reply["ts"]) == ["warning"]
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert (history[-1].action, history[-1].note) == (
        "relay_to_requester_failed",
        "channel_not_found",
    )


async def share_files(bot: Harness, text: str, files: list[dict]) -> tuple[Ticket, list[str]]:
    """An agent replies with ``files`` in a new ticket's thread; the ticket and what its
    requester's DM thread then says."""
    ticket = await _desk_ticket(bot)
    assert ticket.message is not None
    await bot.say(
        ticket.message.channel,
        text,
        DESK_MEMBER,
        ticket.message.ts,
        subtype="file_share",
        files=files,
    )
    ticket = await _with_thread(bot, ticket)
    await bot.slack.wait_for("reactions.add")
    assert ticket.requester_thread is not None
    return ticket, [m["text"] for m in _replies(bot, DM, ticket.requester_thread.ts)]


async def test_attached_files_are_mentioned(bot: Harness) -> None:
    _, relayed = await share_files(bot, "See this", [{"id": "F1", "name": "screenshot.png"}])
    assert "See this" in relayed[0] and "1 attached file, not relayed: ask for it" in relayed[0]


async def test_two_first_replies_at_once_share_one_dm_thread(bot: Harness) -> None:
    """Two replies at once in a thread nobody answered yet: one process relays them one at a
    time, in order, so the second finds the DM thread the first opened (two replicas may both
    open one: tests/e2e/test_replicas.py)."""
    ticket = await _desk_ticket(bot)
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    bot.slack.set_latency(0.02)  # Slack is slower than both replies
    await asyncio.gather(
        bot.say(channel, "First!", DESK_MEMBER, root),
        bot.say(channel, "Me too", DESK_AGENT, root),
    )
    await bot.slack.wait_for("reactions.add", count=2)
    bot.slack.set_latency(0)
    ticket = await _with_thread(bot, ticket)
    thread = ticket.requester_thread
    assert thread is not None
    roots = [m for m in bot.slack.messages(DM) if "reply in this thread" in m["text"]]
    assert [m["ts"] for m in roots] == [thread.ts]
    assert not bot.slack.calls_to("chat.delete")  # none opened in vain
    relayed = [m["text"].split("\n")[-1] for m in _replies(bot, DM, thread.ts)]
    assert relayed == ["First!", "Me too"]
    assert (await _actions(bot, ticket)).count("conversation_opened") == 1


async def test_the_requesters_reply_resumes_a_ticket_waiting_on_them(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    await bot.claim(ticket, DESK_MEMBER)  # the card (whose menu the agent uses next) redrawn
    card = str((await bot.channel_message(ticket.id))["blocks"])
    assert f"{ticket.id}|in_progress|waiting_on_requester" in card and "ticket_unassign" in card
    await bot.choose(ticket.id, "ticket_status", "waiting_on_requester", DESK_MEMBER)

    async def waiting() -> bool:
        return (await bot.ticket(ticket.id)).status is Status.WAITING_ON_REQUESTER

    await bot.eventually(waiting, "the ticket waiting on the requester")
    await bot.say(channel, "Can you send a screenshot?", DESK_MEMBER, thread_ts=root)
    ticket = await _with_thread(bot, ticket)
    assert ticket.status is Status.WAITING_ON_REQUESTER
    assert ticket.requester_thread is not None
    await bot.say(DM, "Here it is", EMPLOYEE_EN, ticket.requester_thread.ts)

    async def resumed() -> bool:
        return (await bot.ticket(ticket.id)).status is Status.IN_PROGRESS

    await bot.eventually(resumed, "the ticket back in progress")
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [(e.action, e.actor) for e in history][-1] == ("relayed_to_team", EMPLOYEE_EN)
