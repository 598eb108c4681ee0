"""Signed requests as Slack sends them: a command opening a modal, refused when unsigned or
stale; answers through response_url; events."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from sandbox.emulator import RESPONSE_URL_METHOD, SlackEmulator
from sandbox.slack_requests import SlackRequests
from sandbox.slack_requests.transport import SignMode

pytestmark = pytest.mark.asyncio


async def test_signed_command_opens_modal(emulator: SlackEmulator, slack: SlackRequests) -> None:
    trigger = emulator.issue_trigger("U1")
    status, _ = await slack.command("printer on fire", trigger_id=trigger)
    assert status == 200
    (call,) = await emulator.wait_for("views.open")
    assert call.ok and not call.rejected
    assert call.args["trigger_id"] == trigger
    assert call.args["view"]["callback_id"] == "ticket_modal"
    view = call.response["view"]
    assert view["id"].startswith("V") and view["hash"]
    assert emulator.view(view["id"])["title"]["text"] == "New ticket"
    assert len(emulator.calls_to("auth.test")) == 1  # at start-up, none before views.open


@pytest.mark.parametrize("sign", ["bad", "none", "stale"])
async def test_unsigned_or_stale_requests_are_refused(
    emulator: SlackEmulator, slack: SlackRequests, sign: SignMode
) -> None:
    status, body = await slack.command("hello", sign=sign)
    assert status == 401
    assert body == {"error": "invalid request"}
    await asyncio.sleep(0.05)
    assert emulator.calls == []


async def test_response_url_and_events(emulator: SlackEmulator, slack: SlackRequests) -> None:
    status, body = await slack.url_verification("chall-1")
    assert status == 200 and body == {"challenge": "chall-1"}
    status, _ = await slack.event({"type": "app_mention", "user": "U1", "text": "hi"}, retry_num=1)
    assert status in (200, 404)
    url = emulator.response_url("C0GENERAL", "1.0")
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json={"text": "done", "replace_original": True}) as resp,
    ):
        assert resp.status == 200
    assert emulator.last(RESPONSE_URL_METHOD).args["text"] == "done"
