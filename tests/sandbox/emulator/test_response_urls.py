"""Answering the person who acted, as Slack does: ``chat.postEphemeral`` only to a member of the
channel, and the interaction's ``response_url`` (ephemeral to that person wherever they are,
5 uses within 30 minutes, only URLs Slack issued)."""

from __future__ import annotations

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError

from sandbox.emulator import RESPONSE_URL_METHOD, SlackEmulator
from sandbox.emulator.response_urls import RESPONSE_URL_SECONDS, RESPONSE_URL_USES
from sandbox.slack_requests import SlackRequests
from tests.sandbox.emulator.tiny_app import TOKEN, client_for

pytestmark = pytest.mark.asyncio


async def _post(url: str, body: dict) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.post(url, json=body) as response:
        return response.status, await response.text()


async def test_an_ephemeral_only_reaches_a_member_of_the_channel(emulator: SlackEmulator) -> None:
    emulator.add_user("U2", "outsider")
    emulator.add_channel("C0QUIET", "quiet")  # nobody in it: membership is known, not guessed
    client = client_for(emulator)
    for channel in ("C0GENERAL", "C0QUIET"):
        with pytest.raises(SlackApiError) as refused:
            await client.chat_postEphemeral(channel=channel, user="U2", text="psst")
        assert refused.value.response["error"] == "user_not_in_channel"
    await client.chat_postEphemeral(channel="C0GENERAL", user="U1", text="psst")
    assert [(e["user"], e["text"]) for e in emulator.ephemerals("C0GENERAL")] == [("U1", "psst")]
    emulator.join("C0QUIET", "U2")
    await client.chat_postEphemeral(channel="C0QUIET", user="U2", text="now you are in")
    assert [e["text"] for e in emulator.ephemerals("C0QUIET")] == ["now you are in"]


async def test_a_response_url_reaches_the_person_even_outside_the_channel(
    emulator: SlackEmulator,
) -> None:
    emulator.add_user("U2", "outsider")
    status, _ = await _post(emulator.response_url("C0GENERAL", None, user_id="U2"), {"text": "no"})
    assert status == 200
    (seen,) = emulator.ephemerals("C0GENERAL")
    assert (seen["user"], seen["text"]) == ("U2", "no")


async def test_the_helper_sends_a_response_url_the_emulator_issued_for_that_person(
    emulator: SlackEmulator, slack: SlackRequests
) -> None:
    """The signed-request helper asks the emulator for each interaction's ``response_url``, so
    what the app posts to it shows to the person who pressed, in that channel."""
    message = await client_for(emulator).chat_postMessage(channel="C0GENERAL", text="card")
    url = slack.new_response_url("C0GENERAL", message["ts"], "U1")
    assert url.startswith(emulator.response_url_base)
    assert await _post(url, {"text": "only you"}) == (200, "ok")
    assert [(e["user"], e["text"]) for e in emulator.ephemerals()] == [("U1", "only you")]
    assert await _post(url, {"text": "card, edited", "replace_original": True}) == (200, "ok")
    assert emulator.message("C0GENERAL", message["ts"])["text"] == "card, edited"
    assert await _post(url, {"delete_original": True}) == (200, "ok")
    assert emulator.messages("C0GENERAL") == []


async def test_a_response_url_takes_five_posts(emulator: SlackEmulator) -> None:
    url = emulator.response_url("C0GENERAL", None, user_id="U1")
    for n in range(RESPONSE_URL_USES):
        assert await _post(url, {"text": f"answer {n}"}) == (200, "ok")
    assert await _post(url, {"text": "one too many"}) == (404, "used_url")
    assert len(emulator.ephemerals()) == RESPONSE_URL_USES
    refused = emulator.last(RESPONSE_URL_METHOD)
    assert (refused.status, refused.response) == (404, {"ok": False, "error": "used_url"})


async def test_a_response_url_expires_after_thirty_minutes() -> None:
    now = [1_800_000_000.0]
    async with SlackEmulator(token=TOKEN, ts_clock=lambda: now[0]) as emulator:
        url = emulator.response_url("C0GENERAL", None, user_id="U1")
        now[0] += RESPONSE_URL_SECONDS
        assert await _post(url, {"text": "just in time"}) == (200, "ok")
        now[0] += 1
        assert await _post(url, {"text": "too late"}) == (404, "expired_url")
        assert [e["text"] for e in emulator.ephemerals()] == ["just in time"]


async def test_a_response_url_slack_never_issued_or_an_empty_answer_is_refused(
    emulator: SlackEmulator,
) -> None:
    made_up = f"{emulator.response_url_base}C0GENERAL/_/NOTISSUED"
    assert await _post(made_up, {"text": "hello"}) == (404, "no_service")
    url = emulator.response_url("C0GENERAL", None, user_id="U1")
    assert await _post(url, {"response_type": "ephemeral"}) == (400, "no_text")
    assert emulator.ephemerals() == []
