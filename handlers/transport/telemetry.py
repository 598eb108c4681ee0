"""One log line and a few metrics per Slack request, whichever way it came (HTTP or Socket Mode).

Bolt's global middleware runs before the listener but is not wrapped around it (its ``next()``
only lets the chain go on), so it cannot time the answer: ``RequestObserver.dispatch`` wraps
``AsyncApp.async_dispatch`` instead, which both connection modes call. The line says what the
request was (kind and action, command, callback or event name), who sent it, the ticket it
concerns when known, the status, the outcome and the ack latency; never a token nor anyone's
text.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.telemetry.metrics import Metrics
from bot.telemetry.observability import TICKET_ID, RequestRecord

log = logging.getLogger("guichet.requests")

KINDS = frozenset(
    {
        "command",
        "block_actions",
        "block_suggestion",
        "view_submission",
        "view_closed",
        "shortcut",
        "message_action",
        "event",
        "url_verification",
        "ssl_check",
        "app_rate_limited",
    }
)
_UNSAFE = re.compile(r"[^A-Za-z0-9_./:#+-]")
_NAME_MAX = 64


def _clean(value: Any) -> str:
    """An id fit for a log field: known characters only, bounded."""
    return _UNSAFE.sub("?", value)[:_NAME_MAX] if isinstance(value, str) else ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _ticket_in(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    for word in value.split()[:3]:
        if TICKET_ID.match(word.upper()):
            return word.upper()
    return None


def summarize(body: dict[str, Any]) -> RequestRecord:
    """What a request is, from its payload, for the log line and the metrics."""
    if "command" in body:
        return RequestRecord(
            kind="command",
            name=_clean(body.get("command")),
            user=_clean(body.get("user_id")) or None,
            ticket_id=_ticket_in(body.get("text")),
        )
    kind = body.get("type")
    user = _clean(_dict(body.get("user")).get("id")) or None
    if kind == "event_callback":
        event = _dict(body.get("event"))
        name = _clean(event.get("type"))
        if event.get("subtype"):
            name = f"{name}:{_clean(event.get('subtype'))}"
        return RequestRecord(kind="event", name=name, user=_clean(event.get("user")) or None)
    if kind in ("block_actions", "block_suggestion"):
        actions = body.get("actions")
        first = _dict(actions[0]) if isinstance(actions, list) and actions else _dict(body)
        value = first.get("value")
        ticket = value if isinstance(value, str) and TICKET_ID.match(value) else None
        return RequestRecord(
            kind=kind, name=_clean(first.get("action_id")), user=user, ticket_id=ticket
        )
    if kind in ("view_submission", "view_closed"):
        view = _dict(body.get("view"))
        return RequestRecord(kind=kind, name=_clean(view.get("callback_id")), user=user)
    if kind in ("shortcut", "message_action"):
        return RequestRecord(kind=kind, name=_clean(body.get("callback_id")), user=user)
    if kind in KINDS:
        return RequestRecord(kind=str(kind))
    return RequestRecord(kind="other", name=_clean(kind))


def outcome_of(status: int) -> str:
    if status < 300:
        return "ok"
    return {400: "bad_request", 401: "refused", 404: "unhandled"}.get(status, "error")


Gate = Callable[[dict[str, Any], str], Awaitable[BoltResponse | None]]
"""Before Bolt: ``None`` lets the request in, an answer refuses it (``back_pressure.py``)."""


class RequestObserver:
    def __init__(self, metrics: Metrics, gate: Gate | None = None) -> None:
        self.metrics = metrics
        self.gate = gate

    async def dispatch(
        self, app: AsyncApp, request: AsyncBoltRequest, mode: str = "http"
    ) -> BoltResponse:
        record = summarize(request.body)
        started = time.perf_counter()
        if record.kind == "app_rate_limited":
            return self._rate_limited(request.body, record, started, mode)
        if self.gate is not None:
            refused = await self.gate(request.body, record.kind)
            if refused is not None:  # the queue of work after the ack stayed full
                record.outcome = "busy"
                self._finish(record, refused.status, time.perf_counter() - started, mode)
                return refused
        with record.open():
            response = await app.async_dispatch(request)
        if response.status == 404:
            # Bolt's answer when no listener matched: Slack retries it and disables the event
            # subscriptions of an app that fails 5 % of deliveries. A signed request that reached
            # Bolt is Slack's: acknowledged, and logged and counted as ``unhandled``.
            record.outcome = "unhandled"
            response = BoltResponse(status=200, body="")
        self._finish(record, response.status, time.perf_counter() - started, mode)
        return response

    def _rate_limited(
        self, body: dict[str, Any], record: RequestRecord, started: float, mode: str
    ) -> BoltResponse:
        """Slack's ``app_rate_limited`` notice: the app went over 30,000 events an hour in a
        workspace and Slack drops events for the rest of ``minute_rate_limited``. Nothing to do
        but acknowledge it (Bolt has no listener kind for it and would answer 404), say it loudly
        and count it."""
        minute = body.get("minute_rate_limited")
        record.extra["minute_rate_limited"] = minute if isinstance(minute, int) else None
        self.metrics.app_rate_limited.inc()
        log.warning(
            "Slack is dropping this app's events (app_rate_limited) for the minute starting at %s",
            minute,
        )
        self._finish(record, 200, time.perf_counter() - started, mode)
        return BoltResponse(status=200, body="")

    def refused(self, status: int, reason: str, seconds: float, mode: str = "http") -> None:
        """A request turned away before Bolt saw it (bad signature, unreadable body)."""
        kind = "unverified" if status == 401 else "malformed"
        self._finish(RequestRecord(kind=kind, extra={"reason": reason}), status, seconds, mode)

    def _finish(self, record: RequestRecord, status: int, seconds: float, mode: str) -> None:
        outcome = record.outcome or outcome_of(status)
        self.metrics.record_request(record.kind, outcome, seconds)
        level = logging.INFO
        if status >= 500 and outcome != "busy":
            level = logging.ERROR
        elif status >= 400 or outcome == "busy":  # busy: refused by back-pressure, not a fault
            level = logging.WARNING
        if not log.isEnabledFor(level):  # the line would be dropped: don't build it
            return
        fields: dict[str, Any] = {
            "mode": mode,
            "kind": record.kind,
            "action": record.name,
            "ticket_id": record.ticket_id,
            "user": record.user,
            "status": status,
            "outcome": outcome,
            "ack_ms": round(seconds * 1000, 2),
            **record.extra,
        }
        log.log(level, "slack request", extra={k: v for k, v in fields.items() if v is not None})
