"""Each Slack request is counted by kind and outcome and its ack timed, however many come:
the labelled series are looked up once and kept (bot/telemetry/metrics.py)."""

from __future__ import annotations

from bot.telemetry.metrics import Metrics

REQUESTS = "guichet_slack_requests_total"
ACKS = "guichet_slack_ack_seconds"


def _sample(metrics: Metrics, name: str, **labels: str) -> float | None:
    return metrics.registry.get_sample_value(name, labels)


def test_requests_are_counted_and_timed_per_kind_and_outcome() -> None:
    metrics = Metrics()
    for seconds in (0.004, 0.02, 0.3):
        metrics.record_request("block_actions", "ok", seconds)
    metrics.record_request("block_actions", "busy", 0.001)
    metrics.record_request("command", "ok", 0.04)
    assert _sample(metrics, REQUESTS, kind="block_actions", outcome="ok") == 3
    assert _sample(metrics, REQUESTS, kind="block_actions", outcome="busy") == 1
    assert _sample(metrics, REQUESTS, kind="command", outcome="ok") == 1
    assert _sample(metrics, f"{ACKS}_count", kind="block_actions") == 4
    assert _sample(metrics, f"{ACKS}_bucket", kind="block_actions", le="0.025") == 3
    assert _sample(metrics, f"{ACKS}_sum", kind="command") == 0.04
    other = Metrics()  # its own registry: nothing of the first bot's
    other.record_request("block_actions", "ok", 0.01)
    assert _sample(other, REQUESTS, kind="block_actions", outcome="ok") == 1
    assert _sample(metrics, REQUESTS, kind="block_actions", outcome="ok") == 3
