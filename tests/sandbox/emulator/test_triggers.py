"""Trigger ids: the emulator takes back only those it issued, once, within 3 seconds of their
issue on its clock, and answers the rest as Slack does (https://api.slack.com/docs/triggers)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from slack_sdk.errors import SlackApiError

from sandbox.emulator import SlackEmulator
from sandbox.slack_requests import SlackRequests
from tests.sandbox.emulator.tiny_app import TOKEN, client_for, ticket_modal

pytestmark = pytest.mark.asyncio


class MovableTime:
    """The emulator's clock, moved by the test (no real waiting)."""

    def __init__(self) -> None:
        self.seconds = 1_700_000_000.0

    def __call__(self) -> float:
        return self.seconds


@pytest_asyncio.fixture
async def moment() -> MovableTime:
    return MovableTime()


@pytest_asyncio.fixture
async def timed(moment: MovableTime) -> AsyncIterator[SlackEmulator]:
    async with SlackEmulator(token=TOKEN, clock=moment) as emulator:
        yield emulator


async def _refusal(emulator: SlackEmulator, method: str, trigger_id: str) -> dict:
    client = client_for(emulator)
    call = client.views_open if method == "views.open" else client.views_push
    with pytest.raises(SlackApiError) as refused:
        await call(trigger_id=trigger_id, view=ticket_modal())
    return dict(refused.value.response.data)


@pytest.mark.parametrize("method", ["views.open", "views.push"])
async def test_a_trigger_never_issued_is_refused(timed: SlackEmulator, method: str) -> None:
    answer = await _refusal(timed, method, "12345.98765.abcd2358fdea")
    # Slack's documented answer to a bad trigger (views.open, "typical error response")
    assert answer["error"] == "invalid_arguments"
    assert answer["response_metadata"]["messages"] == ["invalid `trigger_id`"]
    assert timed.modals("U1") == []


@pytest.mark.parametrize("method", ["views.open", "views.push"])
async def test_a_trigger_is_exchanged_once(timed: SlackEmulator, method: str) -> None:
    trigger = timed.issue_trigger("U1")
    opened = await client_for(timed).views_open(trigger_id=trigger, view=ticket_modal())
    assert opened["ok"] and len(timed.modals("U1")) == 1
    answer = await _refusal(timed, method, trigger)
    assert answer["error"] == "exchanged_trigger_id"
    assert len(timed.modals("U1")) == 1


async def test_a_trigger_expires_three_seconds_after_its_issue(
    timed: SlackEmulator, moment: MovableTime
) -> None:
    late, in_time = timed.issue_trigger("U1"), timed.issue_trigger("U1")
    moment.seconds += 3.0
    opened = await client_for(timed).views_open(trigger_id=in_time, view=ticket_modal())
    assert opened["ok"]
    moment.seconds += 0.01
    answer = await _refusal(timed, "views.open", late)
    assert answer["error"] == "expired_trigger_id"


async def test_the_trigger_of_an_invalid_view_is_not_spent(timed: SlackEmulator) -> None:
    trigger = timed.issue_trigger("U1")
    client = client_for(timed)
    with pytest.raises(SlackApiError) as refused:
        await client.views_open(trigger_id=trigger, view=ticket_modal("a title far too long here"))
    assert refused.value.response["error"] == "invalid_arguments"
    assert (await client.views_open(trigger_id=trigger, view=ticket_modal()))["ok"]


async def test_each_request_carries_a_trigger_the_emulator_issued(
    emulator: SlackEmulator, slack: SlackRequests
) -> None:
    status, _ = await slack.command("printer on fire", user_id="U1")
    assert status == 200
    (call,) = await emulator.wait_for("views.open")
    assert call.ok, call.response
    assert [v["title"]["text"] for v in emulator.modals("U1")] == ["New ticket"]


async def test_on_a_slow_day_each_call_ages_the_triggers(timed: SlackEmulator) -> None:
    timed.slow_day(1.0)
    trigger, client = timed.issue_trigger("U1"), client_for(timed)
    for _ in range(3):  # three calls before the modal: 3 s, just in time
        await client.auth_test()
    assert (await client.views_open(trigger_id=trigger, view=ticket_modal()))["ok"]
    late = timed.issue_trigger("U1")
    for _ in range(4):
        await client.users_info(user="U1")
    answer = await _refusal(timed, "views.open", late)
    assert answer["error"] == "expired_trigger_id"
