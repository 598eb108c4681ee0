"""file_input: the emulator refuses what Slack refuses (too many files, outside a modal's input
block) and sends the files uploaded in the submission's state."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk.errors import SlackApiError

from sandbox.emulator import SlackEmulator
from sandbox.slack_requests import SlackRequests, state_values
from tests.sandbox.emulator.tiny_app import client_for

pytestmark = pytest.mark.asyncio


def _modal(element: dict[str, Any], block_type: str = "input") -> dict[str, Any]:
    block: dict[str, Any] = {"type": block_type, "block_id": "files"}
    if block_type == "input":
        block.update(label={"type": "plain_text", "text": "Files"}, element=element)
    else:
        block["elements"] = [element]
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Files"},
        "submit": {"type": "plain_text", "text": "Send"},
        "blocks": [block],
    }


@pytest.mark.parametrize(
    "element,block_type,problem",
    [
        ({"type": "file_input", "action_id": "f", "max_files": 11}, "input", "max_files"),
        ({"type": "file_input", "action_id": "f", "max_files": 0}, "input", "max_files"),
        ({"type": "file_input", "action_id": "f", "filetypes": "pdf"}, "input", "filetypes"),
        ({"type": "file_input", "action_id": "f"}, "actions", "only allowed in an input block"),
    ],
)
async def test_file_inputs_slack_refuses(
    emulator: SlackEmulator, slack: SlackRequests, element: dict, block_type: str, problem: str
) -> None:
    client = client_for(emulator)
    with pytest.raises(SlackApiError) as refused:
        await client.views_open(
            trigger_id=emulator.issue_trigger("U1"), view=_modal(element, block_type)
        )
    assert refused.value.response["error"] == "invalid_arguments"
    assert problem in refused.value.response["errors"][0]


async def test_a_file_input_and_its_state(emulator: SlackEmulator, slack: SlackRequests) -> None:
    client = client_for(emulator)
    element = {"type": "file_input", "action_id": "f", "max_files": 10, "filetypes": ["pdf"]}
    opened = await client.views_open(trigger_id=emulator.issue_trigger("U1"), view=_modal(element))
    uploaded = {"id": "F0DOC", "name": "quote.pdf", "permalink": "https://x.slack.com/files/F0DOC"}
    values = state_values(opened["view"], {"files": [uploaded]})
    assert values == {"files": {"f": {"type": "file_input", "files": [uploaded]}}}
