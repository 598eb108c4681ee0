"""conversations.* and auth.test: channels, members, DMs opened, unknown methods."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError

from sandbox.emulator import SlackEmulator
from tests.sandbox.emulator.tiny_app import client_for

pytestmark = pytest.mark.asyncio


async def test_channels_and_auth(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    with pytest.raises(SlackApiError) as err:
        await client.chat_postMessage(channel="C404", text="hi")
    assert err.value.response["error"] == "channel_not_found"
    emulator.add_channel("CPRIV", name="secret", bot_member=False)
    with pytest.raises(SlackApiError) as err:
        await client.chat_postMessage(channel="CPRIV", text="hi")
    assert err.value.response["error"] == "not_in_channel"
    with pytest.raises(SlackApiError) as err:
        await client_for(emulator, token="xoxb-wrong").auth_test()
    assert err.value.response["error"] == "invalid_auth"
    with pytest.raises(SlackApiError) as err:
        await client.api_call("chat.scheduleMessage", json={"channel": "C0GENERAL"})
    assert err.value.response["error"] == "unknown_method"
    auth = await client.auth_test()
    assert (auth["user_id"], auth["bot_id"], auth["team_id"]) == ("UBOT", "BBOT", "T0001")
    emulator.set_members("C1", ["U1", "U2"])
    assert (await client.conversations_members(channel="C1"))["members"] == ["U1", "U2"]
    info = await client.conversations_info(channel="C0GENERAL")
    assert info["channel"]["name"] == "general"
    emulator.add_user("U9", name="Zoe")
    dm = await client.conversations_open(users="U9")
    assert dm["channel"]["id"] == emulator.dm_channel_id("U9") == "DU9"
    await client.chat_postMessage(channel=dm["channel"]["id"], text="hello Zoe")
    assert emulator.messages("DU9")[0]["text"] == "hello Zoe"
