"""A user group the services file names and Slack does not know: one line naming it and where
to correct it, where the log said ``usergroups.users.list failed for S0NONE: no_such_subteam``."""

from __future__ import annotations

import logging

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from handlers.governance.membership import SlackUserGroups
from sandbox.emulator import SlackEmulator
from tests.e2e.workspace import TOKEN


async def test_a_group_slack_does_not_know_is_named_with_what_to_check(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with SlackEmulator(token=TOKEN) as slack:
        slack.set_usergroup("S0OLD", ["U1"], disabled=True)
        groups = SlackUserGroups(AsyncWebClient(token=TOKEN, base_url=slack.base_url))
        with caplog.at_level(logging.WARNING):
            assert await groups.users("S0NONE") is None
            assert await groups.users("S0OLD") is None
    assert [record.getMessage() for record in caplog.records] == [
        "services file: user group S0NONE: Slack knows no such group (no_such_subteam): check "
        "the id in the services file's usergroups (or the approval step's usergroup)",
        "services file: user group S0OLD: the group is disabled in Slack (subteam_disabled): "
        "check the id in the services file's usergroups (or the approval step's usergroup)",
    ]
