"""``python -m bot --sandbox`` as a person runs it: no Slack settings, prints the page's address."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.app.main import _arguments

ROOT = Path(__file__).resolve().parents[2]
STOPPED_SECONDS = 30
"""A stop waits for the batch of article vectors being computed on its thread (about 1.2 s on a
quiet machine, ``bot/knowledge/embedding.py``); a loaded CI machine runs it several times slower."""


def _ctrl_c_stops() -> None:
    """In the child before it runs Python: Ctrl-C (SIGINT) as in a terminal. A test run started
    in the background (``cmd &`` in a non-interactive shell, ``nohup``) ignores SIGINT, the
    child inherits that, and Python then never installs its handler: the sandbox went on
    serving after the test's Ctrl-C (faulthandler showed its loop idle, no thread busy)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_the_flag() -> None:
    assert _arguments(["--sandbox"]).sandbox
    assert not _arguments([]).sandbox


def test_help_names_the_other_commands(capsys: pytest.CaptureFixture[str]) -> None:
    """``--help`` listed ``--sandbox`` only: ``history import`` and ``routing check`` were
    found in README or nowhere."""
    with pytest.raises(SystemExit):
        _arguments(["--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "python -m bot history import FILE.csv [--dry-run]" in said
    assert "python -m bot routing check --history OLD.csv NEW.csv" in said
    assert ".env file in the working directory" in said and "GUICHET_CONFIG" in said


async def test_python_m_bot_sandbox_serves_the_page() -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SLACK_", "MONGODB_", "GUICHET_"))
    }
    env["PORT"] = "0"  # any free port: the address printed says which
    env["PYTHONFAULTHANDLER"] = "1"  # a stop that hangs: SIGABRT prints where each thread is
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--sandbox",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        preexec_fn=_ctrl_c_stops,
    )
    assert process.stdout is not None and process.stderr is not None  # both piped
    logged: list[bytes] = []  # read as it comes: a full pipe would block its logging
    reading = asyncio.create_task(_read_all(process.stderr, logged))
    try:
        url = None
        while url is None:
            line = await asyncio.wait_for(process.stdout.readline(), 20)
            assert line, _tail(logged)
            found = re.search(rb"open (http://127\.0\.0\.1:\d+/sandbox) in your browser", line)
            url = found.group(1).decode() if found else None
        async with aiohttp.ClientSession() as session:
            async with session.get(url) as response:
                assert response.status == 200 and "Guichet sandbox" in await response.text()
            async with session.get(url + "/api/workspace") as response:
                assert len((await response.json())["people"]) == 8
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
        try:
            await asyncio.wait_for(process.wait(), STOPPED_SECONDS)
        except TimeoutError:
            process.send_signal(signal.SIGABRT)  # faulthandler: every thread's stack
            await asyncio.wait_for(process.wait(), 10)
            await reading
            raise AssertionError(f"not stopped in {STOPPED_SECONDS} s:\n{_tail(logged)}") from None
        await reading
    assert process.returncode == 0, _tail(logged)


async def _read_all(stream: asyncio.StreamReader, into: list[bytes]) -> None:
    while line := await stream.readline():
        into.append(line)


def _tail(logged: list[bytes]) -> str:
    return b"".join(logged[-60:]).decode(errors="replace")


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("PORT", "abc", "guichet: sandbox: PORT must be a port number (0 to 65535), not 'abc'"),
        (
            "LOG_LEVEL",
            "verbose",
            "guichet: sandbox: LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR, CRITICAL",
        ),
    ],
)
async def test_a_bad_port_or_log_level_is_one_line_naming_it(
    name: str, value: str, said: str
) -> None:
    """It said Python's own words (``invalid literal for int() with base 10: 'abc'``,
    ``Unknown level: 'VERBOSE'``), naming neither setting."""
    env = {key: item for key, item in os.environ.items() if key not in ("PORT", "LOG_LEVEL")}
    env[name] = value
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--sandbox",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 2
    assert err.decode().strip() == said
