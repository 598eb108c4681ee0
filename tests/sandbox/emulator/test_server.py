"""The emulator's HTTP side: rate limits (fixed and random), injected failures, form-encoded
calls."""

from __future__ import annotations

import time

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler

from sandbox.emulator import SlackEmulator
from tests.sandbox.emulator.tiny_app import TOKEN, client_for

pytestmark = pytest.mark.asyncio


async def test_rate_limit_is_retried(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=1))
    emulator.fail_next("chat.postMessage", status=429, retry_after=0)
    response = await client.chat_postMessage(channel="C0GENERAL", text="hi")
    assert response["ok"]
    first, second = emulator.calls_to("chat.postMessage")
    assert first.status == 429 and first.response["error"] == "ratelimited"
    assert second.ok


async def test_random_rate_limits_are_reproducible(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    emulator.rate_limit_randomly(["chat.postMessage"], 0.3, retry_after=2, seed=5)
    outcomes = []
    for _ in range(40):
        try:
            await client.chat_postMessage(channel="C0GENERAL", text="hi")
            outcomes.append(True)
        except SlackApiError as error:
            assert error.response.status_code == 429
            assert error.response.headers.get("Retry-After") in ("2", ["2"])
            outcomes.append(False)
    assert 0 < outcomes.count(False) < 40
    await client.users_info(user="U1")  # other methods answer as usual
    emulator.rate_limit_randomly(["chat.postMessage"], 0.3, retry_after=2, seed=5)
    again = []
    for _ in range(40):
        try:
            await client.chat_postMessage(channel="C0GENERAL", text="hi")
            again.append(True)
        except SlackApiError:
            again.append(False)
    assert again == outcomes
    emulator.rate_limit_randomly(["chat.postMessage"], 0)
    assert (await client.chat_postMessage(channel="C0GENERAL", text="hi"))["ok"]


async def test_injected_failures(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    emulator.fail_next("chat.postMessage", status=500)
    with pytest.raises(SlackApiError) as err:
        await client.chat_postMessage(channel="C0GENERAL", text="hi")
    assert err.value.response.status_code == 500
    emulator.fail_next("users.info", error="ratelimited", times=2)
    for _ in range(2):
        with pytest.raises(SlackApiError):
            await client.users_info(user="U1")
    assert (await client.users_info(user="U1"))["ok"]
    emulator.set_latency(0.05)
    started = time.monotonic()
    await client.auth_test()
    assert time.monotonic() - started >= 0.05


async def test_form_encoded_calls_are_normalised(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]
    await client.api_call(
        "chat.postMessage",
        data={"channel": "C0GENERAL", "text": "hi", "blocks": '[{"type": "divider"}]'},
    )
    await client.api_call("chat.postMessage", json={"channel": "C0GENERAL", "blocks": blocks})
    form, body = emulator.calls_to("chat.postMessage")
    assert form.args["blocks"] == [{"type": "divider"}] and form.ok
    assert body.args["blocks"] == blocks and body.token == TOKEN
