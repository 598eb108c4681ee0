"""chat.*: messages posted from a button, refused blocks, history, deletion and updates."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError

from sandbox.emulator import SlackEmulator
from sandbox.slack_requests import SlackRequests
from tests.sandbox.emulator.tiny_app import client_for

pytestmark = pytest.mark.asyncio


async def test_block_action_posts_message(emulator: SlackEmulator, slack: SlackRequests) -> None:
    button = {
        "type": "button",
        "action_id": "take_ticket",
        "text": {"type": "plain_text", "text": "Take"},
        "value": "T-42",
    }
    blocks = [{"type": "actions", "block_id": "ticket_actions", "elements": [button]}]
    posted = await client_for(emulator).chat_postMessage(
        channel="C0GENERAL", text="Ticket T-42", blocks=blocks
    )
    message = emulator.message("C0GENERAL", posted["ts"])
    status, _ = await slack.block_action("take_ticket", channel_id="C0GENERAL", message=message)
    assert status == 200
    calls = await emulator.wait_for("chat.postMessage", count=2)
    reply = calls[-1]
    assert reply.args["thread_ts"] == posted["ts"]
    assert reply.args["text"] == "<@U1> took the ticket"
    stored = emulator.messages("C0GENERAL")
    assert [m["ts"] for m in stored] == [posted["ts"], reply.response["ts"]]
    assert stored[0]["reply_count"] == 1
    assert float(reply.response["ts"]) > float(posted["ts"])


async def test_invalid_message_blocks(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    too_long = {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}
    with pytest.raises(SlackApiError) as err:
        await client.chat_postMessage(channel="C0GENERAL", text="t", blocks=[too_long])
    assert err.value.response["error"] == "invalid_blocks"
    too_many = [{"type": "divider"}] * 51
    with pytest.raises(SlackApiError):
        await client.chat_postMessage(channel="C0GENERAL", text="t", blocks=too_many)
    with pytest.raises(SlackApiError) as err, pytest.warns(UserWarning):
        await client.chat_postMessage(channel="C0GENERAL")
    assert err.value.response["error"] == "no_text"
    assert [c.rejected for c in emulator.calls] == [True, True, False]
    assert emulator.messages("C0GENERAL") == []


async def test_history_and_delete(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    first = emulator.add_message("C0GENERAL", "first")
    second = emulator.add_message("C0GENERAL", "second")
    emulator.add_message("C0GENERAL", "a reply", thread_ts=first["ts"])
    history = await client.conversations_history(channel="C0GENERAL")
    assert [m["text"] for m in history["messages"]] == ["second", "first"]  # no replies
    one = await client.conversations_history(
        channel="C0GENERAL", latest=first["ts"], oldest=first["ts"], inclusive=True, limit=1
    )
    assert [m["text"] for m in one["messages"]] == ["first"]
    none = await client.conversations_history(
        channel="C0GENERAL", latest=first["ts"], oldest=first["ts"]
    )
    assert none["messages"] == []
    emulator.add_channel("CPRIV", name="secret", bot_member=False)
    with pytest.raises(SlackApiError) as err:
        await client.conversations_history(channel="CPRIV")
    assert err.value.response["error"] == "not_in_channel"

    with pytest.raises(SlackApiError) as err:
        await client.chat_delete(channel="C0GENERAL", ts=second["ts"])  # a person's message
    assert err.value.response["error"] == "cant_delete_message"
    posted = await client.chat_postMessage(channel="C0GENERAL", text="oops")
    await client.chat_delete(channel="C0GENERAL", ts=posted["ts"])
    assert "oops" not in [m["text"] for m in emulator.messages("C0GENERAL")]
    with pytest.raises(SlackApiError) as err:
        await client.chat_delete(channel="C0GENERAL", ts=posted["ts"])
    assert err.value.response["error"] == "message_not_found"


async def test_chat_update_modifies_stored_message(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    posted = await client.chat_postMessage(channel="C0GENERAL", text="open")
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*closed*"}}]
    await client.chat_update(channel="C0GENERAL", ts=posted["ts"], text="closed", blocks=blocks)
    stored = emulator.message("C0GENERAL", posted["ts"])
    assert stored["text"] == "closed" and stored["blocks"] == blocks and "edited" in stored
    with pytest.raises(SlackApiError) as err:
        await client.chat_update(channel="C0GENERAL", ts="1.000001", text="x")
    assert err.value.response["error"] == "message_not_found"
    await client.reactions_add(channel="C0GENERAL", timestamp=posted["ts"], name="white_check_mark")
    link = await client.chat_getPermalink(channel="C0GENERAL", message_ts=posted["ts"])
    assert link["permalink"].endswith(posted["ts"].replace(".", ""))
    thread = await client.conversations_replies(channel="C0GENERAL", ts=posted["ts"])
    assert thread["messages"][0]["reactions"][0]["name"] == "white_check_mark"
