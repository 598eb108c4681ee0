"""What the emulator keeps for each person: modals on their screen, answers to their
response_urls, their reactions, and the change counter the page listens to."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from sandbox.emulator import RESPONSE_URL_METHOD, SlackEmulator
from sandbox.slack_requests import _find_element

TOKEN = "xoxb-test"


def modal(title: str, callback_id: str = "form") -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "Go"},
        "blocks": [
            {
                "type": "input",
                "block_id": "what",
                "label": {"type": "plain_text", "text": "What"},
                "element": {"type": "plain_text_input", "action_id": "what"},
            }
        ],
    }


@pytest_asyncio.fixture
async def emulator() -> AsyncIterator[SlackEmulator]:
    async with SlackEmulator(token=TOKEN) as started:
        started.add_user("U2", "bob")
        yield started


def client_for(emulator: SlackEmulator) -> AsyncWebClient:
    return AsyncWebClient(token=TOKEN, base_url=emulator.base_url)


async def test_modals_open_on_the_screen_of_who_triggered_them(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    emulator.remember_trigger("trig-1", "U1")
    opened = (await client.views_open(trigger_id="trig-1", view=modal("First")))["view"]
    with pytest.raises(SlackApiError):  # a trigger the emulator never issued
        await client.views_open(trigger_id="unknown", view=modal("Nobody's"))
    assert [v["title"]["text"] for v in emulator.modals("U1")] == ["First"]
    assert emulator.modals("U2") == []

    emulator.remember_trigger("trig-2", "U1")
    await client.views_push(trigger_id="trig-2", view=modal("Second"))
    await client.views_update(view_id=opened["id"], view=modal("First, updated"))
    assert [v["title"]["text"] for v in emulator.modals("U1")] == ["First, updated", "Second"]
    emulator.close_modal("U1")
    assert [v["title"]["text"] for v in emulator.modals("U1")] == ["First, updated"]
    emulator.close_modal("U1", clear=True)
    assert emulator.modals("U1") == []


async def test_answers_to_a_submission(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    emulator.remember_trigger("t", "U1")
    view = (await client.views_open(trigger_id="t", view=modal("Form")))["view"]
    assert emulator.answer_submission("U1", view["id"], {"response_action": "errors"}) is None
    assert [v["id"] for v in emulator.modals("U1")] == [view["id"]]

    update = {"response_action": "update", "view": modal("Done", "done")}
    assert emulator.answer_submission("U1", view["id"], update) is None
    (shown,) = emulator.modals("U1")
    assert (shown["id"], shown["title"]["text"]) == (view["id"], "Done")
    assert shown["hash"] != view["hash"]

    push = {"response_action": "push", "view": modal("More")}
    assert emulator.answer_submission("U1", view["id"], push) is None
    assert [v["title"]["text"] for v in emulator.modals("U1")] == ["Done", "More"]
    top = emulator.modals("U1")[-1]
    assert emulator.answer_submission("U1", top["id"], "") is None  # a plain ack closes it
    assert [v["title"]["text"] for v in emulator.modals("U1")] == ["Done"]

    too_long = {"response_action": "update", "view": modal("A title far longer than Slack allows")}
    problem = emulator.answer_submission("U1", view["id"], too_long)
    assert problem and "title" in problem
    assert emulator.modals("U1")[0]["title"]["text"] == "Done"  # refused: nothing changed
    assert emulator.answer_submission("U1", view["id"], {"response_action": "clear"}) is None
    assert emulator.modals("U1") == []


async def test_response_urls_made_for_a_person(emulator: SlackEmulator) -> None:
    async def post(url: str, body: dict) -> None:
        async with aiohttp.ClientSession() as session, session.post(url, json=body) as response:
            assert response.status == 200

    url = emulator.response_url("C0GENERAL", None, user_id="U1")
    await post(url, {"text": "only you", "blocks": [{"type": "divider"}]})
    (ephemeral,) = emulator.ephemerals("C0GENERAL")
    assert (ephemeral["user"], ephemeral["text"]) == ("U1", "only you")
    assert emulator.last(RESPONSE_URL_METHOD).args["text"] == "only you"

    await post(url, {"text": "everyone", "response_type": "in_channel"})
    (public,) = emulator.messages("C0GENERAL")
    assert (public["text"], public["user"]) == ("everyone", "UBOT")

    on_ephemeral = emulator.response_url("C0GENERAL", ephemeral["ts"], user_id="U1")
    await post(on_ephemeral, {"text": "replaced", "replace_original": True})
    assert [e["text"] for e in emulator.ephemerals()] == ["replaced"]
    await post(on_ephemeral, {"delete_original": True})
    assert emulator.ephemerals() == []

    on_message = emulator.response_url("C0GENERAL", public["ts"], user_id="U2")
    await post(on_message, {"text": "edited", "replace_original": "true"})
    assert emulator.message("C0GENERAL", public["ts"])["text"] == "edited"

    emulator.show_answer(url, {"text": "from the ack"})
    assert [e["text"] for e in emulator.ephemerals()] == ["from the ack"]
    emulator.show_answer("http://elsewhere/nope", {"text": "ignored"})
    assert len(emulator.ephemerals()) == 1


async def test_people_react_join_and_the_version_grows(emulator: SlackEmulator) -> None:
    message = emulator.add_message("C0GENERAL", "hello", user="U2")
    version = emulator.version
    assert emulator.add_reaction("C0GENERAL", message["ts"], ":ticket:", "U1")
    assert not emulator.add_reaction("C0GENERAL", message["ts"], "ticket", "U1")
    assert emulator.add_reaction("C0GENERAL", message["ts"], "ticket", "U2")
    (reaction,) = emulator.message("C0GENERAL", message["ts"])["reactions"]
    assert reaction == {"name": "ticket", "users": ["U1", "U2"], "count": 2}
    assert emulator.version > version

    emulator.join("C0GENERAL", "U2")
    emulator.join("C0GENERAL", "U2")
    assert emulator.channel_info("#general")["members"] == ["U1", "U2"]
    assert emulator.open_dm("U2") == "DU2" and emulator.channel_info("DU2")["is_im"]

    since = emulator.version
    waiting = asyncio.ensure_future(emulator.wait_change(since, 5))
    await asyncio.sleep(0)
    assert not waiting.done()
    await client_for(emulator).auth_test()  # any call is a change
    assert await waiting > since
    assert await emulator.wait_change(emulator.version, 0.01) == emulator.version  # timed out


async def test_clock_dated_timestamps_and_extra_routes() -> None:
    now = [1_767_603_600.0]

    async def hello(_: web.Request) -> web.Response:
        return web.Response(text="hello")

    def add_hello(app: web.Application) -> None:
        app.router.add_get("/hello", hello)

    emulator = SlackEmulator(token=TOKEN, ts_clock=lambda: now[0])
    emulator.extend_app(add_hello)
    async with emulator:
        first = emulator.add_message("C0GENERAL", "a")["ts"]
        second = emulator.add_message("C0GENERAL", "b")["ts"]
        now[0] += 900
        third = emulator.add_message("C0GENERAL", "c")["ts"]
        assert (first, second, third) == (
            "1767603600.000000",
            "1767603600.000001",
            "1767604500.000000",
        )
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{emulator.port}/hello") as response,
        ):
            assert await response.text() == "hello"


def test_elements_are_found_in_their_own_block() -> None:
    blocks = [
        {"block_id": "a", "elements": [{"action_id": "claim", "value": "INC-1"}]},
        {"block_id": "b", "elements": [{"action_id": "claim", "value": "INC-2"}]},
    ]
    in_b, first, unknown_block = (
        _find_element(blocks, "claim", "b"),
        _find_element(blocks, "claim"),
        _find_element(blocks, "claim", "zz"),
    )
    assert in_b is not None and in_b[1]["value"] == "INC-2"
    assert first is not None and first[1]["value"] == "INC-1"
    assert unknown_block is not None and unknown_block[1]["value"] == "INC-1"
