"""Structured logs: one JSON object per line (or ``key=value`` text for people), secrets masked.

Fields passed as ``extra={...}`` (``ticket_id``, ``kind``, ``ack_ms``, ...) become fields of the
line. Whatever the level, anything that looks like a Slack token, and the secret values handed
to ``configure_logging``, are replaced by ``[redacted]`` before a line is written.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from collections.abc import Iterable
from typing import Any, Literal

LogFormat = Literal["json", "text"]

TOKEN = re.compile(r"\b(?:xox[abposre]|xapp)-[A-Za-z0-9-]+")
REDACTED = "[redacted]"
SLACK_SDK_LOGGERS = (
    "slack_sdk.web.async_base_client",
    "slack_sdk.web.base_client",
    "slack_sdk.webhook.async_client",  # each post to a response_url: its request and answer
)

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    attributes = vars(record)
    extra = attributes.keys() - _STANDARD  # a set operation in C: most records have none
    if not extra:
        return {}
    return {k: v for k, v in attributes.items() if k in extra and not k.startswith("_")}


class Redactor:
    """Masks secrets and token-like words. Most lines hold neither: a substring test (much
    cheaper than the regular expression, which tries every word boundary) comes first."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        if "xox" in text or "xapp-" in text:
            return TOKEN.sub(REDACTED, text)
        return text


class _Timestamps:
    """ISO 8601 UTC times to the millisecond; the part up to the second is built once per
    second (``datetime.isoformat`` for every line costs more than the rest of the time field)."""

    def __init__(self) -> None:
        self._second = -1
        self._prefix = ""

    def __call__(self, created: float) -> str:
        second = int(created)
        if second != self._second:
            self._prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
            self._second = second
        return f"{self._prefix}.{int((created - second) * 1000):03d}+00:00"


class JsonFormatter(logging.Formatter):
    def __init__(self, redact: Redactor) -> None:
        super().__init__()
        self._redact = redact
        self._time = _Timestamps()
        self._encode = json.JSONEncoder(ensure_ascii=False, default=str).encode

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self._time(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(_fields(record))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return self._redact(self._encode(line))


class KeyValueFormatter(logging.Formatter):
    def __init__(self, redact: Redactor) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")
        self._redact = redact

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        pairs = " ".join(f"{k}={_value(v)}" for k, v in _fields(record).items())
        return self._redact(f"{text} {pairs}" if pairs else text)


def _value(value: Any) -> str:
    text = str(value)
    return (
        json.dumps(text, ensure_ascii=False) if (not text or " " in text or '"' in text) else text
    )


def configure_logging(level: str, fmt: LogFormat = "json", secrets: Iterable[str] = ()) -> None:
    """Send every log line to stderr in ``fmt``, masking ``secrets`` and Slack tokens."""
    redact = Redactor(secrets)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(redact) if fmt == "json" else KeyValueFormatter(redact))
    handler.setLevel(level)  # a library setting its own logger to DEBUG (bm25s) says nothing more
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level)
    # slack_sdk tests its logger's own level (unset: 0), not the effective one, before building
    # the debug line of a Web API call, whole payload repr'd, on every call: give it the level.
    for name in SLACK_SDK_LOGGERS:
        logging.getLogger(name).setLevel(level)
    # no line shows the thread or process: don't look them up for every record
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    # nor the file, function or line that logged it: don't walk the stack for every record
    # (the logging HOWTO's "Optimization": ``logging._srcfile = None``)
    logging._srcfile = None
