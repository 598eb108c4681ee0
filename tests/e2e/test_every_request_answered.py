"""Every signed request gets 200 or 400, never Bolt's 404: Slack retries a 404 and disables the
event subscriptions of an app that fails 5 % of its deliveries."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.e2e.harness import Harness


def _counter(text: str, name: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name:
                return sample.value
    return 0.0


async def test_app_rate_limited_is_acknowledged_logged_and_counted(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    notice = {
        "token": "Jhj5dZrVaK7ZwHHjRyZWjbDl",
        "type": "app_rate_limited",
        "team_id": "T0001",
        "minute_rate_limited": 1518467820,
        "api_app_id": "A0APPID01",
    }  # the body Slack's Events API documentation shows
    status, _ = await bot.send.post_json(notice)
    assert status == 200
    [line] = [r for r in caplog.records if r.getMessage() == "slack request"]
    assert line.levelno == logging.INFO and line.kind == "app_rate_limited"  # type: ignore[attr-defined]
    assert line.minute_rate_limited == 1518467820  # type: ignore[attr-defined]
    assert any(
        r.levelno == logging.WARNING and "app_rate_limited" in r.getMessage()
        for r in caplog.records
    )
    _, text = await bot.get("/metrics")
    assert _counter(text, "guichet_slack_app_rate_limited_total") == 1


ROUTABLE_BUT_UNHEARD: list[dict[str, Any]] = [
    # kinds of payload Slack sends for features Guichet does not use: acknowledged, or refused
    # with 400 when Bolt could not read them (the two marked made Bolt fail with a 500)
    {"type": "interactive_message", "callback_id": "old", "actions": [{"action_id": "x"}]},
    {"type": "interactive_message", "callback_id": "legacy", "user": {"id": "U1"}},  # 500
    {"type": "dialog_cancellation", "callback_id": "legacy", "user": {"id": "U1"}},
    {"type": "workflow_step_edit", "callback_id": "legacy", "user": {"id": "U1"}},  # 500
    {"type": "workflow_step_edit", "callback_id": "legacy", "workflow_step": {}},
    {"type": "block_actions", "actions": [{"action_id": "x"}], "user": {"id": "U1"}},
]


async def test_payloads_nobody_listens_to_are_acknowledged(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    for payload in ROUTABLE_BUT_UNHEARD:
        status, _ = await bot.send.post_payload(payload)
        assert status in (200, 400), json.dumps(payload)
    outcomes = [r.outcome for r in caplog.records if r.getMessage() == "slack request"]  # type: ignore[attr-defined]
    assert len(outcomes) == len(ROUTABLE_BUT_UNHEARD)
    assert set(outcomes) <= {"ignored", "unhandled", "bad_request"}
