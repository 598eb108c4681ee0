"""What the request log line and the metrics say about a payload, whatever its shape."""

from __future__ import annotations

import pytest
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.telemetry.metrics import Metrics
from handlers.transport.telemetry import RequestObserver, outcome_of, summarize


def test_command() -> None:
    record = summarize({"command": "/ticket", "user_id": "U1", "text": "show inc-42 please"})
    assert (record.kind, record.name, record.user, record.ticket_id) == (
        "command",
        "/ticket",
        "U1",
        "INC-42",
    )


def test_button_carries_its_ticket() -> None:
    body = {
        "type": "block_actions",
        "user": {"id": "U2"},
        "actions": [{"action_id": "ticket_claim", "value": "REQ-7"}],
    }
    record = summarize(body)
    assert (record.kind, record.name, record.user, record.ticket_id) == (
        "block_actions",
        "ticket_claim",
        "U2",
        "REQ-7",
    )


def test_forged_values_are_not_taken_for_ticket_ids() -> None:
    body = {"type": "block_actions", "actions": [{"action_id": "a\nb<!channel>", "value": "x"}]}
    record = summarize(body)
    assert record.ticket_id is None and record.name == "a?b??channel?"


def test_events_views_shortcuts() -> None:
    event = summarize({"type": "event_callback", "event": {"type": "message", "subtype": "x"}})
    assert (event.kind, event.name) == ("event", "message:x")
    view = summarize({"type": "view_submission", "view": {"callback_id": "file_ticket"}})
    assert (view.kind, view.name) == ("view_submission", "file_ticket")
    shortcut = summarize({"type": "message_action", "callback_id": "ticket_from_message"})
    assert (shortcut.kind, shortcut.name) == ("message_action", "ticket_from_message")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"type": 3},
        {"type": "block_actions", "actions": "nope"},
        {"type": "block_actions", "actions": [None]},
        {"type": "event_callback", "event": ["x"]},
        {"type": "view_submission", "view": None, "user": "U1"},
        {"command": None},
        {"type": "x" * 10_000},
    ],
)
def test_any_shape_is_summarized(body: dict) -> None:
    record = summarize(body)
    assert record.kind and len(record.name) <= 64


def test_outcomes() -> None:
    assert [outcome_of(s) for s in (200, 400, 401, 404, 500)] == [
        "ok",
        "bad_request",
        "refused",
        "unhandled",
        "error",
    ]


async def test_what_no_listener_matched_is_acknowledged_not_404() -> None:
    """Bolt answers 404 when no listener matches; Slack would retry it and count a failure."""

    async def authorize() -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=None, team_id="T1", bot_token="xoxb-1")

    app = AsyncApp(
        signing_secret="s", request_verification_enabled=False, authorize=authorize
    )  # no listener at all
    metrics = Metrics()
    body = '{"type": "event_callback", "event": {"type": "member_left", "user": "U1"}}'
    response = await RequestObserver(metrics).dispatch(app, AsyncBoltRequest(body=body))
    assert response.status == 200
    assert metrics.slack_requests.labels(kind="event", outcome="unhandled")._value.get() == 1
