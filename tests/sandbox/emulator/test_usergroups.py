"""usergroups.users.list: a group's members, and what Slack refuses."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError

from sandbox.emulator import SlackEmulator
from tests.sandbox.emulator.tiny_app import client_for

pytestmark = pytest.mark.asyncio


async def test_members_of_a_group_and_refusals(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    emulator.set_usergroup("S0NET", ["U1", "U2"])
    assert (await client.usergroups_users_list(usergroup="S0NET"))["users"] == ["U1", "U2"]
    with pytest.raises(SlackApiError) as err:
        await client.usergroups_users_list(usergroup="S0NONE")
    assert err.value.response["error"] == "no_such_subteam"
    emulator.set_usergroup("S0OLD", ["U1"], disabled=True)
    with pytest.raises(SlackApiError) as err:
        await client.usergroups_users_list(usergroup="S0OLD")
    assert err.value.response["error"] == "subteam_disabled"
    listed = await client.usergroups_users_list(usergroup="S0OLD", include_disabled=True)
    assert listed["users"] == ["U1"]
