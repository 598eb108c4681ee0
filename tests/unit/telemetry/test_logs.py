"""Log lines: JSON or key=value, extra fields kept, tokens and secrets masked."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from bot.app.settings import Settings
from bot.telemetry.logs import JsonFormatter, KeyValueFormatter, Redactor, configure_logging


def _record(message: str, *args: object, **extra: object) -> logging.LogRecord:
    record = logging.LogRecord("guichet.test", logging.INFO, __file__, 1, message, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_json_line_with_fields() -> None:
    line = JsonFormatter(Redactor()).format(
        _record("ticket %s filed", "INC-1", ticket_id="INC-1", ack_ms=12.5)
    )
    data = json.loads(line)
    assert data["message"] == "ticket INC-1 filed" and data["level"] == "INFO"
    assert data["ticket_id"] == "INC-1" and data["ack_ms"] == 12.5
    assert data["logger"] == "guichet.test" and data["time"].endswith("+00:00")
    assert "\n" not in line


def test_key_value_line() -> None:
    line = KeyValueFormatter(Redactor()).format(
        _record("slack request", kind="command", action="/ticket", reason="two words")
    )
    assert line.endswith('slack request kind=command action=/ticket reason="two words"')


@pytest.mark.parametrize(
    "leak",
    [
        "xoxb-1234-5678-abcdefABCDEF",
        "xoxp-99-88-77-abc",
        "xapp-1-A0001-123-deadbeef",
        "mongodb://guichet:hunter2-password@db:27017",
        "my-signing-secret-value",
    ],
)
def test_secrets_are_masked(leak: str) -> None:
    redact = Redactor(["my-signing-secret-value", "mongodb://guichet:hunter2-password@db:27017"])
    for formatter in (JsonFormatter(redact), KeyValueFormatter(redact)):
        line = formatter.format(_record("calling with %s", leak, token=leak))
        assert leak not in line and "[redacted]" in line


def test_configure_logging_installs_one_handler() -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level, logging._srcfile
    try:
        configure_logging("WARNING", "text", secrets=["s3cr3t-value"])
        configure_logging("INFO", "json", secrets=["s3cr3t-value"])
        assert len(root.handlers) == 1 and root.level == logging.INFO
        assert isinstance(root.handlers[0].formatter, JsonFormatter)
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        logging._srcfile = saved[2]


def test_no_line_walks_the_stack_for_a_caller_it_never_shows() -> None:
    """Neither format shows the file, function or line that logged: once configured, logging
    no longer looks them up for every record (``findCaller`` walks the stack)."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level, logging._srcfile
    records: list[logging.LogRecord] = []
    try:
        configure_logging("INFO", "json")

        def keep(record: logging.LogRecord) -> bool:
            records.append(record)
            return False  # kept here, not written

        root.handlers[0].addFilter(keep)
        logging.getLogger("guichet.test").info("slack request", extra={"kind": "command"})
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        logging._srcfile = saved[2]
    assert [(r.funcName, r.lineno) for r in records] == [("(unknown function)", 0)]
    line = json.loads(JsonFormatter(Redactor()).format(records[0]))
    assert set(line) == {"time", "level", "logger", "message", "kind"}


def test_a_library_logging_below_the_level_says_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """bm25s sets its own logger to DEBUG: at LOG_LEVEL=INFO its "Building index from tokens"
    lines were printed at every index build."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    library = logging.getLogger("some_library")
    library.setLevel(logging.DEBUG)
    try:
        configure_logging("INFO", "text")
        library.debug("Building index from tokens")
        library.info("an index of 3 documents")
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        library.setLevel(logging.NOTSET)
    err = capsys.readouterr().err
    assert "Building index" not in err and "an index of 3 documents" in err


def test_log_format_setting() -> None:
    base: dict[str, Any] = {
        "slack_bot_token": "xoxb-1",
        "slack_signing_secret": "s",
        "_env_file": None,
    }
    assert Settings(**base).log_format == "json"
    assert Settings(**base, log_format="TEXT").log_format == "text"
