"""Block Kit that Slack refuses and ``slack_sdk.models`` lets through is refused by the emulator
too, on every surface that takes blocks, with Slack's messages in ``response_metadata``."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from sandbox.emulator import DEFAULT_CHANNEL_ID, SlackEmulator
from tests.sandbox.emulator.tiny_app import client_for

pytestmark = pytest.mark.asyncio

Blocks = list[dict[str, Any]]


def _text(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}


def _option(value: str, text: str = "An option") -> dict[str, Any]:
    return {"text": _text(text), "value": value}


def _select(options: Blocks, **extra: Any) -> Blocks:
    element = {"type": "static_select", "action_id": "pick", "options": options, **extra}
    return [{"type": "section", "block_id": "s", "text": _text("Pick"), "accessory": element}]


REFUSED: dict[str, tuple[Blocks, str, str]] = {
    "empty text": (
        [{"type": "section", "text": {"type": "mrkdwn", "text": ""}}],
        "must be more than 0 characters",
        "/0/text/text",
    ),
    "empty button": (
        [
            {
                "type": "actions",
                "elements": [{"type": "button", "text": _text(""), "action_id": "b"}],
            }
        ],
        "must be more than 0 characters",
        "/0/elements/0/text/text",
    ),
    "duplicate block_id": (
        [{"type": "divider", "block_id": "same"}, {"type": "divider", "block_id": "same"}],
        'duplicate block_id "same"',
        "/1/block_id",
    ),
    "initial_option not among the options": (
        _select([_option("a")], initial_option=_option("b")),
        "initial_option must exactly match one of the options",
        "/0/accessory/initial_option",
    ),
    "option value over 150": (
        _select([_option("v" * 151)]),
        "must be less than 151 characters",
        "/0/accessory/options/0/value",
    ),
    "option text over 75": (
        _select([_option("a", "t" * 76)]),
        "must be less than 76 characters",
        "/0/accessory/options/0/text/text",
    ),
    "duplicate action_id": (
        [
            {
                "type": "actions",
                "elements": [
                    {"type": "button", "text": _text("One"), "action_id": "b"},
                    {"type": "button", "text": _text("Two"), "action_id": "b"},
                ],
            }
        ],
        'duplicate action_id "b"',
        "/0/elements/1/action_id",
    ),
    "11 radio buttons": (
        [
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "radio_buttons",
                        "action_id": "r",
                        "options": [_option(str(n)) for n in range(11)],
                    }
                ],
            }
        ],
        "must provide no more than 10 items",
        "/0/elements/0/options",
    ),
}


async def _posted(
    client: AsyncWebClient, method: str, emulator: SlackEmulator, blocks: Blocks
) -> AsyncSlackResponse:
    if method == "chat.postMessage":
        return await client.chat_postMessage(channel=DEFAULT_CHANNEL_ID, text="t", blocks=blocks)
    if method == "chat.postEphemeral":
        return await client.chat_postEphemeral(
            channel=DEFAULT_CHANNEL_ID, user="U1", text="t", blocks=blocks
        )
    posted = await client.chat_postMessage(channel=DEFAULT_CHANNEL_ID, text="t")
    return await client.chat_update(
        channel=DEFAULT_CHANNEL_ID, ts=posted["ts"], text="t", blocks=blocks
    )


def _modal(blocks: Blocks) -> dict[str, Any]:
    return {"type": "modal", "title": _text("A form"), "blocks": blocks}


async def _shown(
    client: AsyncWebClient, method: str, emulator: SlackEmulator, blocks: Blocks
) -> AsyncSlackResponse:
    if method == "views.publish":
        return await client.views_publish(user_id="U1", view={"type": "home", "blocks": blocks})
    if method == "views.update":
        opened = await client.views_open(
            trigger_id=emulator.issue_trigger("U1"), view=_modal([{"type": "divider"}])
        )
        return await client.views_update(view_id=opened["view"]["id"], view=_modal(blocks))
    call = client.views_open if method == "views.open" else client.views_push
    return await call(trigger_id=emulator.issue_trigger("U1"), view=_modal(blocks))


# views.* say invalid_arguments where chat.* say invalid_blocks (views.open's documented
# "typical error response"), with the same messages
SURFACES = {
    "chat.postMessage": ("invalid_blocks", "/blocks"),
    "chat.postEphemeral": ("invalid_blocks", "/blocks"),
    "chat.update": ("invalid_blocks", "/blocks"),
    "views.open": ("invalid_arguments", "/view/blocks"),
    "views.push": ("invalid_arguments", "/view/blocks"),
    "views.update": ("invalid_arguments", "/view/blocks"),
    "views.publish": ("invalid_arguments", "/view/blocks"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
@pytest.mark.parametrize("method", sorted(SURFACES))
async def test_blocks_slack_refuses(emulator: SlackEmulator, method: str, case: str) -> None:
    blocks, message, where = REFUSED[case]
    error, pointer = SURFACES[method]
    send = _posted if method.startswith("chat.") else _shown
    with pytest.raises(SlackApiError) as refused:
        await send(client_for(emulator), method, emulator, blocks)
    answer = refused.value.response
    assert answer["error"] == error
    assert answer["response_metadata"]["messages"] == [
        f"[ERROR] {message} [json-pointer:{pointer}{where}]"
    ]
    assert not any(m.get("blocks") == blocks for m in emulator.messages(DEFAULT_CHANNEL_ID))


async def test_what_slack_accepts_is_accepted(emulator: SlackEmulator) -> None:
    options = [_option("v" * 150, "t" * 75), _option("b")]
    blocks = [
        *_select(options, initial_option=_option("b")),
        {"type": "divider", "block_id": "other"},
        {
            "type": "actions",
            "elements": [
                {
                    "type": "checkboxes",
                    "action_id": "c",
                    "options": [_option(str(n)) for n in range(10)],
                    "initial_options": [_option("3")],
                },
                {"type": "button", "text": _text("Go"), "action_id": "go"},
            ],
        },
    ]
    client = client_for(emulator)
    for method in ("chat.postMessage", "chat.postEphemeral", "chat.update"):
        assert (await _posted(client, method, emulator, blocks))["ok"], method
    for method in ("views.open", "views.push", "views.update", "views.publish"):
        assert (await _shown(client, method, emulator, blocks))["ok"], method


async def test_every_problem_is_listed(emulator: SlackEmulator) -> None:
    blocks = [*REFUSED["empty text"][0], *REFUSED["duplicate block_id"][0]]
    with pytest.raises(SlackApiError) as refused:
        await client_for(emulator).chat_postMessage(
            channel=DEFAULT_CHANNEL_ID, text="t", blocks=blocks
        )
    assert refused.value.response["response_metadata"]["messages"] == [
        "[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]",
        '[ERROR] duplicate block_id "same" [json-pointer:/blocks/2/block_id]',
    ]
