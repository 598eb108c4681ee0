"""Tests of the Slack emulator and the signed-request helper against a tiny real Bolt app."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from sandbox.slack_emulator import RESPONSE_URL_METHOD, SlackEmulator
from sandbox.slack_requests import SlackRequests, state_values

pytestmark = pytest.mark.asyncio

TOKEN = "xoxb-test"
SECRET = "s3cret"


def ticket_modal(title: str = "New ticket") -> dict[str, Any]:
    """A modal with one input of each element type that state_values supports."""
    return {
        "type": "modal",
        "callback_id": "ticket_modal",
        "private_metadata": "C0GENERAL",
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "File"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            {
                "type": "input",
                "block_id": "summary",
                "label": {"type": "plain_text", "text": "Summary"},
                "element": {"type": "plain_text_input", "action_id": "summary_input"},
            },
            {
                "type": "input",
                "block_id": "priority",
                "label": {"type": "plain_text", "text": "Priority"},
                "element": {
                    "type": "static_select",
                    "action_id": "priority_select",
                    "options": [
                        {"text": {"type": "plain_text", "text": "Low"}, "value": "low"},
                        {"text": {"type": "plain_text", "text": "High"}, "value": "high"},
                    ],
                    "initial_option": {
                        "text": {"type": "plain_text", "text": "Low"},
                        "value": "low",
                    },
                },
            },
            {
                "type": "input",
                "block_id": "impact",
                "label": {"type": "plain_text", "text": "Impact"},
                "element": {
                    "type": "radio_buttons",
                    "action_id": "impact_radio",
                    "options": [
                        {"text": {"type": "plain_text", "text": "Me"}, "value": "me"},
                        {"text": {"type": "plain_text", "text": "Team"}, "value": "team"},
                    ],
                },
            },
            {
                "type": "input",
                "block_id": "assignee",
                "optional": True,
                "label": {"type": "plain_text", "text": "Assignee"},
                "element": {"type": "users_select", "action_id": "assignee_user"},
            },
            {
                "type": "input",
                "block_id": "watchers",
                "optional": True,
                "label": {"type": "plain_text", "text": "Watchers"},
                "element": {"type": "multi_users_select", "action_id": "watchers_users"},
            },
            {
                "type": "input",
                "block_id": "flags",
                "optional": True,
                "label": {"type": "plain_text", "text": "Flags"},
                "element": {
                    "type": "checkboxes",
                    "action_id": "flags_check",
                    "options": [
                        {"text": {"type": "plain_text", "text": "VIP"}, "value": "vip"},
                        {"text": {"type": "plain_text", "text": "Outage"}, "value": "outage"},
                    ],
                },
            },
        ],
    }


def build_app(emulator: SlackEmulator) -> AsyncApp:
    """A tiny Bolt app: /ticket opens a modal, a button posts in the thread."""
    client = AsyncWebClient(token=TOKEN, base_url=emulator.base_url)
    app = AsyncApp(client=client, signing_secret=SECRET)

    @app.command("/ticket")
    async def open_ticket(
        ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient, logger: logging.Logger
    ) -> None:
        await ack()
        title = "A title far too long for Slack!" if body["text"] == "long" else "New ticket"
        try:
            await client.views_open(trigger_id=body["trigger_id"], view=ticket_modal(title))
        except SlackApiError as e:
            # Bolt quirk: a listener raising right after ack() makes the request answer 404
            # after 3 s (ack.response is reset), so errors must be handled in the listener.
            logger.info("views.open refused: %s", e.response["error"])

    @app.action("take_ticket")
    async def take_ticket(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        await client.chat_postMessage(
            channel=body["channel"]["id"],
            thread_ts=body["message"]["ts"],
            text=f"<@{body['user']['id']}> took the ticket",
        )

    @app.view("ticket_modal")
    async def file_ticket(ack: AsyncAck, view: dict[str, Any], client: AsyncWebClient) -> None:
        values = view["state"]["values"]
        summary = values["summary"]["summary_input"]["value"]
        if not summary:
            await ack(response_action="errors", errors={"summary": "Required"})
            return
        await ack()
        priority = values["priority"]["priority_select"]["selected_option"]["value"]
        await client.chat_postMessage(
            channel=view["private_metadata"], text=f"{summary} ({priority})"
        )

    return app


@pytest_asyncio.fixture
async def emulator() -> AsyncIterator[SlackEmulator]:
    async with SlackEmulator(token=TOKEN) as emu:
        yield emu


@pytest_asyncio.fixture
async def slack(emulator: SlackEmulator) -> AsyncIterator[SlackRequests]:
    runner = web.AppRunner(build_app(emulator).web_app(path="/slack/events"))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    requests = SlackRequests(
        f"http://127.0.0.1:{port}", SECRET, response_url_base=emulator.response_url_base
    )
    try:
        yield requests
    finally:
        await requests.close()
        await runner.cleanup()


def client_for(emulator: SlackEmulator, token: str = TOKEN) -> AsyncWebClient:
    return AsyncWebClient(token=token, base_url=emulator.base_url)


async def test_signed_command_opens_modal(emulator: SlackEmulator, slack: SlackRequests) -> None:
    status, _ = await slack.command("printer on fire", trigger_id="123.456.abc")
    assert status == 200
    (call,) = await emulator.wait_for("views.open")
    assert call.ok and not call.rejected
    assert call.args["trigger_id"] == "123.456.abc"
    assert call.args["view"]["callback_id"] == "ticket_modal"
    view = call.response["view"]
    assert view["id"].startswith("V") and view["hash"]
    assert emulator.view(view["id"])["title"]["text"] == "New ticket"
    assert emulator.calls_to("auth.test")  # Bolt's single-team authorization


@pytest.mark.parametrize("sign", ["bad", "none", "stale"])
async def test_unsigned_or_stale_requests_are_refused(
    emulator: SlackEmulator, slack: SlackRequests, sign: str
) -> None:
    status, body = await slack.command("hello", sign=sign)  # type: ignore[arg-type]
    assert status == 401
    assert body == {"error": "invalid request"}
    await asyncio.sleep(0.05)
    assert emulator.calls == []


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


async def test_invalid_modal_is_rejected(emulator: SlackEmulator, slack: SlackRequests) -> None:
    status, _ = await slack.command("long")
    assert status == 200
    (call,) = await emulator.wait_for("views.open")
    assert call.rejected and not call.ok
    assert call.response["error"] == "invalid_arguments"
    assert "title" in call.response["errors"][0]


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


async def test_users_info_locale(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    emulator.add_user("U7", name="Alice", locale="fr-FR")
    with_locale = await client.users_info(user="U7", include_locale=True)
    assert with_locale["user"]["locale"] == "fr-FR" and with_locale["user"]["name"] == "Alice"
    assert "locale" not in (await client.users_info(user="U7"))["user"]
    assert emulator.last("users.info").http_verb == "GET"
    with pytest.raises(SlackApiError) as err:
        await client.users_info(user="U404")
    assert err.value.response["error"] == "user_not_found"
    with pytest.raises(AssertionError, match=r"users\.info"):
        emulator.last("views.update")


async def test_views_update_and_state_values(emulator: SlackEmulator, slack: SlackRequests) -> None:
    client = client_for(emulator)
    opened = await client.views_open(trigger_id="1.2.3", view=ticket_modal())
    view = opened["view"]
    updated = await client.views_update(view_id=view["id"], hash=view["hash"], view=ticket_modal())
    assert updated["view"]["id"] == view["id"]
    with pytest.raises(SlackApiError) as err:
        await client.views_update(view_id=view["id"], hash="stale", view=ticket_modal())
    assert err.value.response["error"] == "hash_conflict"

    values = state_values(
        view,
        {
            "summary": "VPN down",
            "impact": "team",
            "assignee": "U2",
            "watchers": ["U3", "U4"],
            "flags": ["outage"],
        },
    )
    assert values["summary"] == {"summary_input": {"type": "plain_text_input", "value": "VPN down"}}
    assert values["priority"]["priority_select"] == {
        "type": "static_select",
        "selected_option": {"text": {"type": "plain_text", "text": "Low"}, "value": "low"},
    }
    assert values["impact"]["impact_radio"]["selected_option"]["value"] == "team"
    assert values["assignee"]["assignee_user"] == {"type": "users_select", "selected_user": "U2"}
    assert values["watchers"]["watchers_users"]["selected_users"] == ["U3", "U4"]
    assert values["flags"]["flags_check"] == {
        "type": "checkboxes",
        "selected_options": [{"text": {"type": "plain_text", "text": "Outage"}, "value": "outage"}],
    }
    empty = state_values(view, {"priority": "high"})
    assert empty["summary"]["summary_input"]["value"] is None
    assert empty["priority"]["priority_select"]["selected_option"]["value"] == "high"
    assert empty["impact"]["impact_radio"]["selected_option"] is None
    assert empty["assignee"]["assignee_user"]["selected_user"] is None
    assert empty["watchers"]["watchers_users"]["selected_users"] == []
    assert empty["flags"]["flags_check"]["selected_options"] == []
    with pytest.raises(ValueError, match="not an option"):
        state_values(view, {"priority": "urgent"})
    with pytest.raises(ValueError, match="unknown blocks"):
        state_values(view, {"nope": "x"})

    status, body = await slack.view_submission(view, empty)
    assert (status, body) == (200, {"response_action": "errors", "errors": {"summary": "Required"}})
    status, _ = await slack.view_submission(view, values)
    assert status == 200
    (call,) = await emulator.wait_for("chat.postMessage")
    assert call.args["text"] == "VPN down (low)"


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


async def test_files_upload_v2_in_three_steps(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    response = await client.files_upload_v2(
        channel="C0GENERAL",
        file=data,
        filename="chart.png",
        title="The chart",
        alt_txt="bars",
        initial_comment="Here it is",
    )
    assert response["file"]["name"] == "chart.png" and response["file"]["size"] == len(data)
    assert [c.method for c in emulator.calls] == [
        "files.getUploadURLExternal",
        "upload_url",
        "files.completeUploadExternal",
    ]
    [upload] = emulator.uploads("C0GENERAL")
    assert upload.data == data and upload.length == len(data)
    assert (upload.title, upload.alt_txt, upload.mimetype) == ("The chart", "bars", "image/png")
    shared = emulator.messages("C0GENERAL")[-1]
    assert shared["text"] == "Here it is" and shared["files"][0]["id"] == upload.id
    emulator.open_dm("U1")
    await client.files_upload_v2(channel="DU1", content="a,b\r\n", filename="x.csv")
    assert emulator.uploads("DU1")[0].data == b"a,b\r\n"
    assert emulator.uploads("DU1")[0].mimetype == "text/csv"


async def test_uploads_refused_like_slack(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    with pytest.raises(SlackApiError) as raised:
        await client.files_upload_v2(channel="C0NOPE", file=b"x", filename="x.txt")
    assert raised.value.response["error"] == "channel_not_found"
    with pytest.raises(SlackApiError) as raised:
        await client.files_completeUploadExternal(files=[{"id": "F404", "title": "x"}])
    assert raised.value.response["error"] == "file_not_found"
    started = await client.files_getUploadURLExternal(filename="y.bin", length=3)
    with pytest.raises(SlackApiError):  # announced but never uploaded
        await client.files_completeUploadExternal(files=[{"id": started["file_id"]}])
    async with aiohttp.ClientSession() as session:
        form = aiohttp.FormData()
        form.add_field("file", b"abc", filename="y.bin")
        async with session.post(started["upload_url"], data=form) as answer:
            assert answer.status == 200  # a multipart form works too
        async with session.post(emulator.base_url.replace("/api/", "/upload/F404"), data=b"x") as a:
            assert a.status == 404
    done = await client.files_completeUploadExternal(files=[{"id": started["file_id"]}])
    assert done["files"][0]["size"] == 3 and emulator.uploads()[-1].channels == []  # private
