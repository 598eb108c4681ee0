"""views.*: invalid modals refused, modals updated, and the state values of their inputs."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError

from sandbox.emulator import SlackEmulator
from sandbox.slack_requests import SlackRequests, state_values
from tests.sandbox.emulator.tiny_app import client_for, ticket_modal

pytestmark = pytest.mark.asyncio


async def test_invalid_modal_is_rejected(emulator: SlackEmulator, slack: SlackRequests) -> None:
    status, _ = await slack.command("long")
    assert status == 200
    (call,) = await emulator.wait_for("views.open")
    assert call.rejected and not call.ok
    assert call.response["error"] == "invalid_arguments"
    assert "title" in call.response["errors"][0]


async def test_views_update_and_state_values(emulator: SlackEmulator, slack: SlackRequests) -> None:
    client = client_for(emulator)
    opened = await client.views_open(trigger_id=emulator.issue_trigger("U1"), view=ticket_modal())
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


async def test_a_view_answered_to_a_submission_is_checked_as_slack_does(
    emulator: SlackEmulator, slack: SlackRequests
) -> None:
    client = client_for(emulator)
    view = (await client.views_open(trigger_id=emulator.issue_trigger("U1"), view=ticket_modal()))[
        "view"
    ]
    status, body = await slack.view_submission(view, state_values(view, {"summary": "thanks"}))
    assert status == 200 and isinstance(body, dict) and body["view"]["title"]["text"] == "Thanks"
    with pytest.raises(ValueError, match=r"Slack refuses the view answered: .*title"):
        await slack.view_submission(view, state_values(view, {"summary": "thanks at length"}))
    assert emulator.view_problem(view) is None
