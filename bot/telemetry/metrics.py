"""What Guichet counts and times, in Prometheus form (served on ``GET /metrics``).

One ``Metrics`` per running bot, each with its own registry, so several bots can live in one
process (tests, the benchmark) without mixing their figures. The parts of the bot that do the
work update them:

- Slack requests (``record_request``): by kind and outcome, with the ack latency histogram;
- ``app_rate_limited.inc()``: Slack's notice that it drops the app's events for a minute;
- ``tickets_filed``: ``.labels(type=..., service=...).inc()`` by the filing use case;
- ``pages_sent.inc()`` / ``pages_acknowledged.inc()``: the on-call pager;
- ``pages_unconfirmed.inc()``: pages given up unanswered, which may have arrived;
- ``outbox_failed.labels(kind=...).inc()``: outbox messages given up for good;
- ``outbox_backlog.set(n)``: how many due items the scheduler has not handled yet;
- ``scheduler_tick_seconds.observe(s)`` (or ``with ...time():``): one scheduler tick.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0)
"""Seconds; Slack gives up on an answer after 3 s."""

TICK_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._request_series: dict[tuple[str, str], tuple[Counter, Histogram]] = {}
        self.slack_requests = Counter(
            "guichet_slack_requests",
            "Requests from Slack, by kind (command, block_actions, view_submission, event, ...) "
            "and outcome (ok, ignored, refused, bad_request, unhandled, error).",
            ["kind", "outcome"],
            registry=self.registry,
        )
        self.app_rate_limited = Counter(
            "guichet_slack_app_rate_limited",
            "Events API app_rate_limited notices: Slack dropped this app's events for a minute.",
            registry=self.registry,
        )
        self.ack_seconds = Histogram(
            "guichet_slack_ack_seconds",
            "Time from receiving a Slack request to answering (acknowledging) it.",
            ["kind"],
            buckets=ACK_BUCKETS,
            registry=self.registry,
        )
        self.listener_errors = Counter(
            "guichet_slack_listener_errors",
            "Listeners that failed with an unexpected error, by request kind.",
            ["kind"],
            registry=self.registry,
        )
        self.tickets_filed = Counter(
            "guichet_tickets_filed",
            "Tickets filed, by type and service.",
            ["type", "service"],
            registry=self.registry,
        )
        self.pages_sent = Counter(
            "guichet_pages_sent",
            "On-call pages sent (each level, each repeat).",
            registry=self.registry,
        )
        self.pages_acknowledged = Counter(
            "guichet_pages_acknowledged",
            "Emergency pages acknowledged by someone on call.",
            registry=self.registry,
        )
        self.pages_unconfirmed = Counter(
            "guichet_pages_unconfirmed",
            "On-call pages given up after attempts whose answers were all lost: they may have "
            'arrived (counted in guichet_outbox_failed_total{kind="page"} too).',
            registry=self.registry,
        )
        self.outbox_backlog = Gauge(
            "guichet_outbox_backlog",
            "Due reminders and pages not handled yet, as of the last scheduler tick.",
            registry=self.registry,
        )
        self.outbox_failed = Counter(
            "guichet_outbox_failed",
            "Outbox messages given up for good (a channel gone, the bot not in it, blocks "
            "refused, or too many attempts), by kind (card, page, reminder, ...).",
            ["kind"],
            registry=self.registry,
        )
        self.scheduler_tick_seconds = Histogram(
            "guichet_scheduler_tick_seconds",
            "Duration of one scheduler tick.",
            buckets=TICK_BUCKETS,
            registry=self.registry,
        )

        self.after_ack_depth = Gauge(
            "guichet_after_ack_queue_depth",
            "Jobs waiting in the queue of work done after Slack's ack (bot/runtime/after_ack.py).",
            registry=self.registry,
        )
        self.after_ack_wait_seconds = Histogram(
            "guichet_after_ack_wait_seconds",
            "Time a job of work after the ack waited in the queue before a worker took it.",
            buckets=ACK_BUCKETS,
            registry=self.registry,
        )

    def record_request(self, kind: str, outcome: str, seconds: float) -> None:
        """Count one Slack request and time its ack. The labelled series are looked up once
        each (``labels()`` checks and locks on every call: two thirds of this, per request);
        kinds and outcomes are a few fixed words (``handlers/transport/telemetry.py``)."""
        series = self._request_series.get((kind, outcome))
        if series is None:
            series = (
                self.slack_requests.labels(kind=kind, outcome=outcome),
                self.ack_seconds.labels(kind=kind),
            )
            self._request_series[(kind, outcome)] = series
        series[0].inc()
        series[1].observe(seconds)

    def exposition(self) -> tuple[bytes, str]:
        """The text format Prometheus scrapes, and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
