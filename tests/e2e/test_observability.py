"""What an operator sees: one structured log line per Slack request, /metrics, /healthz."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.telemetry.logs import JsonFormatter, Redactor
from tests.e2e.harness import (
    DESK_MEMBER,
    EMPLOYEE_EN,
    INFRA_ONCALL_1,
    SIGNING_SECRET,
    TOKEN,
    Harness,
)
from tests.e2e.test_paging import file_emergency, pages_to, press_ack

SECRET_TEXT = "the-body-nobody-should-log"


def _request_lines(caplog: pytest.LogCaptureFixture) -> list[dict]:
    formatter = JsonFormatter(Redactor())
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name == "guichet.requests"]


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


async def test_one_line_per_request_with_ticket_action_latency(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    ticket = await bot.file(
        "information_request", "How do I reset my password?", f"Where is it? {SECRET_TEXT}"
    )
    assert ticket.message is not None
    cards = bot.card_updates(ticket)
    await bot.send.block_action(
        "ticket_claim",
        ticket.id,
        user_id=DESK_MEMBER,
        channel_id=ticket.message.channel,
        message_ts=ticket.message.ts,
        message=bot.slack.message(ticket.message.channel, ticket.message.ts),
    )
    await bot.card_updated(ticket, cards)
    lines = _request_lines(caplog)
    assert [(line["kind"], line["action"]) for line in lines] == [
        ("command", "/ticket"),
        ("view_submission", "file_ticket"),
        ("block_actions", "ticket_claim"),
    ]
    submission, claim = lines[1], lines[2]
    assert submission["ticket_id"] == ticket.id  # learnt while serving it
    assert claim["ticket_id"] == ticket.id and claim["user"] == DESK_MEMBER
    for line in lines:
        assert line["message"] == "slack request" and line["level"] == "INFO"
        assert line["status"] == 200 and line["outcome"] == "ok" and line["mode"] == "http"
        assert 0 < line["ack_ms"] < 3000


async def test_no_token_nor_text_in_the_logs(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    view = await bot.open_form(f"printer on fire {SECRET_TEXT}")
    await bot.submit(
        view,
        {
            "type": "incident",
            "title": "Printer on fire",
            "description": f"It smokes. {SECRET_TEXT}",
            "impact": "low",
            "urgency": "high",
        },
    )
    await bot.slack.wait_for("chat.postMessage", count=2)
    assert caplog.records
    for record in caplog.records:
        if record.levelno > logging.DEBUG:
            raw = record.getMessage() + " " + json.dumps(vars(record), default=str)
            for secret in (SECRET_TEXT, TOKEN, SIGNING_SECRET):
                assert secret not in raw, (record.name, record.getMessage())


async def test_refused_requests_are_logged_and_counted(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    status, _ = await bot.send.command("help", sign="bad")
    assert status == 401
    [line] = _request_lines(caplog)
    assert line["level"] == "WARNING" and line["outcome"] == "refused"
    assert line["reason"] == "bad_signature" and line["kind"] == "unverified"


async def test_metrics_in_prometheus_format(bot: Harness) -> None:
    ticket = await bot.file("incident", "Screen is black", "It shows nothing since this morning.")
    await bot.send.command("help", sign="none")
    await bot.send.block_action("no_such_button", "x", channel_id="C0DESK", message_ts="1.1")
    status, text = await bot.get("/metrics")
    assert status == 200
    samples = _samples(text)

    def value(name: str, **labels: str) -> float:
        return samples.get((name, tuple(sorted(labels.items()))), 0.0)

    assert value("guichet_slack_requests_total", kind="command", outcome="ok") == 1
    assert value("guichet_slack_requests_total", kind="view_submission", outcome="ok") == 1
    assert value("guichet_slack_requests_total", kind="unverified", outcome="refused") == 1
    assert value("guichet_slack_requests_total", kind="block_actions", outcome="ignored") == 1
    assert value("guichet_slack_ack_seconds_count", kind="view_submission") == 1
    assert value("guichet_slack_ack_seconds_bucket", kind="command", le="3.0") == 1
    assert value("guichet_tickets_filed_total", type="incident", service=ticket.service) == 1
    # the scheduler ticked at start-up; nothing paged, nothing waiting in the outbox
    assert value("guichet_scheduler_tick_seconds_count") >= 1
    for name in (
        "guichet_pages_sent_total",
        "guichet_pages_acknowledged_total",
        "guichet_outbox_backlog",
    ):
        assert value(name) == 0, name


async def test_pages_sent_and_acknowledged_are_counted(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    (page,) = pages_to(bot, INFRA_ONCALL_1)
    await press_ack(bot, ticket, INFRA_ONCALL_1, page)
    await bot.wait_dms(EMPLOYEE_EN, 2)  # filed, then "acknowledged"
    samples = _samples((await bot.get("/metrics"))[1])
    assert samples[("guichet_pages_sent_total", ())] == 1
    assert samples[("guichet_pages_acknowledged_total", ())] == 1
    _, health = await bot.get("/healthz")
    assert health["scheduler"]["last_tick"] == bot.clock.now().isoformat()


async def test_healthz_reports_the_schedulers_last_tick(bot: Harness) -> None:
    ticked = bot.clock.now()
    await bot.tick()  # the scheduler reports every tick (it also ticked once at start-up)
    status, body = await bot.get("/healthz")
    assert status == 200
    assert body["scheduler"] == {"last_tick": ticked.isoformat(), "late": False}
    bot.clock.advance(bot.config.scheduler.tick * 3 + timedelta(seconds=1))
    status, body = await bot.get("/healthz")
    assert status == 200  # a late scheduler is reported, the replica still serves Slack
    assert body["scheduler"]["late"] is True
