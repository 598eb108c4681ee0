"""A relayed reply its author edits or deletes: its copy on the other side follows (updated, or
deleted), through the stored outbox; what was never relayed (a note) has no copy to follow."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.domain.models import Ticket
from storage.outbox import OutboxRepository
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, Harness
from tests.e2e.test_conversation import DM, _desk_ticket, _replies, _with_thread


def _edited(channel: str, before: dict[str, Any], text: str, edit_ts: str) -> dict[str, Any]:
    """The ``message_changed`` event Slack sends when ``before`` (a person's message) is edited."""
    shown = {**_plain(before), "text": text, "edited": {"user": before["user"], "ts": edit_ts}}
    return {
        "type": "message",
        "subtype": "message_changed",
        "hidden": True,
        "channel": channel,
        "channel_type": "im" if channel.startswith("D") else "channel",
        "ts": edit_ts,
        "message": shown,
        "previous_message": _plain(before),
    }


def _deleted(channel: str, before: dict[str, Any], event_ts: str) -> dict[str, Any]:
    """The ``message_deleted`` event Slack sends when ``before`` is deleted."""
    return {
        "type": "message",
        "subtype": "message_deleted",
        "hidden": True,
        "channel": channel,
        "channel_type": "im" if channel.startswith("D") else "channel",
        "ts": event_ts,
        "deleted_ts": before["ts"],
        "previous_message": _plain(before),
    }


def _plain(message: dict[str, Any]) -> dict[str, Any]:
    keys = ("type", "user", "text", "ts", "thread_ts", "files")
    return {key: message[key] for key in keys if key in message}


async def _relayed_to_requester(bot: Harness, text: str) -> tuple[Ticket, dict, dict]:
    """A desk member's reply relayed to the requester: the ticket, the reply, its DM copy."""
    ticket = await _desk_ticket(bot)
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    reply = await bot.say(channel, text, DESK_MEMBER, thread_ts=root)
    ticket = await _with_thread(bot, ticket)
    assert ticket.requester_thread is not None
    thread = ticket.requester_thread.ts
    (copy,) = await bot.eventually(lambda: _replies(bot, DM, thread), "the relayed copy")
    return ticket, reply, copy


async def test_an_edited_team_reply_is_corrected_in_the_requesters_dm(bot: Harness) -> None:
    ticket, reply, copy = await _relayed_to_requester(bot, "Your code is 1234")
    assert ticket.message is not None and ticket.requester_thread is not None
    channel = ticket.message.channel
    status, _ = await bot.send.event(_edited(channel, reply, "Your code is 4321", "1800000000.1"))
    assert status == 200
    update = await bot.message_updated(DM, copy["ts"])
    assert update.ok, update.response
    (shown,) = _replies(bot, DM, ticket.requester_thread.ts)
    assert shown["text"] == f"<@{DESK_MEMBER}> ({ticket.id}):\nYour code is 4321"

    # a link unfurling sends an edit with the same text: nothing to follow
    await bot.send.event(
        _edited(
            channel, {**reply, "text": "Your code is 4321"}, "Your code is 4321", "1800000000.2"
        )
    )
    await bot.settled()
    assert len(bot.message_updates(DM, copy["ts"])) == 1


async def test_a_deleted_team_reply_is_deleted_from_the_requesters_dm(bot: Harness) -> None:
    """An agent who pasted a password in the wrong thread and deleted it left it, before, in
    the requester's DM: the copy goes too, once, though Slack delivers the event again."""
    ticket, reply, copy = await _relayed_to_requester(bot, "The admin password is hunter2")
    assert ticket.message is not None and ticket.requester_thread is not None
    event = _deleted(ticket.message.channel, reply, "1800000000.3")
    status, _ = await bot.send.event(event, event_id="Ev0DELETED")
    assert status == 200
    await bot.slack.wait_for("chat.delete")
    assert _replies(bot, DM, ticket.requester_thread.ts) == []
    await bot.send.event(event, event_id="Ev0DELETED", retry_num=1)  # Slack delivers it again
    await bot.settled()
    deletes = [c for c in bot.slack.calls_to("chat.delete") if c.args.get("ts") == copy["ts"]]
    assert len(deletes) == 1


async def test_the_requesters_edit_and_deletion_follow_in_the_channel_thread(
    bot: Harness,
) -> None:
    ticket, _, _ = await _relayed_to_requester(bot, "Which browser do you use?")
    assert ticket.message is not None and ticket.requester_thread is not None
    channel, root = ticket.message.channel, ticket.message.ts
    answer = await bot.say(DM, "Firefox", EMPLOYEE_EN, ticket.requester_thread.ts)

    def copies() -> list[dict]:
        return [m for m in _replies(bot, channel, root) if m.get("bot_id")]

    (copy,) = await bot.eventually(copies, "the requester's answer in the channel thread")
    await bot.send.event(_edited(DM, answer, "Chrome, sorry", "1800000000.4"))
    await bot.message_updated(channel, copy["ts"])
    (shown,) = copies()
    assert shown["text"].endswith("Chrome, sorry") and "Firefox" not in shown["text"]
    assert shown["text"].startswith(f"💬 <@{EMPLOYEE_EN}>, demandeur de {ticket.id}")  # French

    await bot.send.event(_deleted(DM, {**answer, "text": "Chrome, sorry"}, "1800000000.5"))
    await bot.eventually(lambda: not copies(), "the copy deleted from the channel thread")


async def test_an_edited_note_has_no_copy_to_follow(bot: Harness) -> None:
    ticket, _, _ = await _relayed_to_requester(bot, "Looking into it")
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    note = await bot.say(channel, "!note the user is a VIP", DESK_MEMBER, thread_ts=root)
    await bot.slack.wait_for("reactions.add", count=2)  # 📨 on the reply, 🔒 on the note
    updates = len(bot.slack.calls_to("chat.update"))
    await bot.send.event(
        _edited(channel, note, "!note the user is a VIP, be quick", "1800000000.6")
    )
    await bot.send.event(_deleted(channel, note, "1800000000.7"))
    await bot.settled()
    assert len(bot.slack.calls_to("chat.update")) == updates
    assert not bot.slack.calls_to("chat.delete")


async def test_a_deletion_slack_cannot_take_now_is_retried(bot: Harness) -> None:
    """Stored before it is tried: a Slack outage delays the copy's deletion, never loses it."""
    ticket, reply, copy = await _relayed_to_requester(bot, "Wrong ticket, sorry")
    assert ticket.message is not None and ticket.requester_thread is not None
    bot.slack.fail_next("chat.delete", status=500)
    await bot.send.event(_deleted(ticket.message.channel, reply, "1800000000.8"))
    relay = f"{ticket.id}:relay_to_requester:{ticket.message.channel}:{reply['ts']}"
    outbox = OutboxRepository(bot.database)

    async def tried() -> bool:  # its first attempt is over, and failed
        item = await outbox.get(f"{relay}:corrected:1800000000.8")
        return item is not None and item.attempts >= 1 and item.last_error is not None

    await bot.eventually(tried, "the deletion's first attempt")
    assert [m["ts"] for m in _replies(bot, DM, ticket.requester_thread.ts)] == [copy["ts"]]

    await bot.tick(timedelta(minutes=1))  # the outbox's next attempt
    assert _replies(bot, DM, ticket.requester_thread.ts) == []
