"""``python -m bot`` as an operator starts it, with the mistakes a new one makes: each stops
start-up with one line naming what to fix and exit status 2 (no traceback), and a good start says
nothing confusing. The bot process talks to the Slack emulator running in the test."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import pytest

from sandbox.emulator import SlackEmulator
from tests.e2e.workspace import SIGNING_SECRET, TOKEN
from tests.ports import closed_port, port_for_a_server

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def slack() -> AsyncIterator[SlackEmulator]:
    async with SlackEmulator(token=TOKEN) as emulator:
        yield emulator


@pytest.fixture
def port() -> Iterator[int]:
    """The bot's ``PORT``, held for the test (``tests/ports.py``): no other process is given it
    between now and the bot's start."""
    with port_for_a_server() as held:
        yield held


def _environment(slack: SlackEmulator, port: int, **overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SLACK_", "MONGODB_", "GUICHET_", "PORT", "LOG_"))
    }
    env.update(
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=slack.base_url,
        GUICHET_STORE="memory",
        PORT=str(port),
        LOG_FORMAT="text",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value}


async def _start(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def _refused(env: dict[str, str]) -> str:
    """Run the bot to its end: it must stop at once with status 2 and one line saying why
    (besides the log lines of what had started: no traceback, no error from a library)."""
    process = await _start(env)
    _, err = await asyncio.wait_for(process.communicate(), 30)
    text = err.decode()
    said = [line for line in text.splitlines() if line.startswith("guichet: ")]
    assert process.returncode == 2, text
    assert len(said) == 1 and "Traceback" not in text and " ERROR " not in text, text
    return said[0]


async def _healthz(port: str, process: asyncio.subprocess.Process) -> dict:
    async with aiohttp.ClientSession() as session:
        for _ in range(200):
            assert process.stderr is not None  # piped
            assert process.returncode is None, (await process.stderr.read()).decode()
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    return await response.json()
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.1)
    raise AssertionError("the bot never answered /healthz")


async def _stop(process: asyncio.subprocess.Process) -> str:
    process.send_signal(signal.SIGINT)
    _, err = await asyncio.wait_for(process.communicate(), 20)
    return err.decode()


async def test_a_token_slack_refuses_stops_start_up(slack: SlackEmulator, port: int) -> None:
    line = await _refused(_environment(slack, port, SLACK_BOT_TOKEN="xoxb-1"))
    assert line.startswith("guichet: configuration error: SLACK_BOT_TOKEN was refused by Slack")
    assert "invalid_auth" in line
    assert slack.calls_to("auth.test")


async def test_a_good_start_says_nothing_confusing(slack: SlackEmulator, port: int) -> None:
    env = _environment(slack, port)
    process = await _start(env)
    try:
        body = await _healthz(env["PORT"], process)
    finally:
        err = await _stop(process)
    assert body["status"] == "ok" and body["slack"]["auth"] == "ok", body
    assert "will be unused" not in err and "Traceback" not in err, err
    assert "nothing survives a restart" in err  # GUICHET_STORE=memory was chosen: still said


async def test_slack_unreachable_is_retried_and_reported(slack: SlackEmulator, port: int) -> None:
    with closed_port() as nowhere:  # refused for the whole test, never someone's emulator
        env = _environment(slack, port, SLACK_API_URL=f"http://127.0.0.1:{nowhere}/api/")
        process = await _start(env)
        try:
            body = await _healthz(env["PORT"], process)
        finally:
            err = await _stop(process)
    assert body["status"] == "degraded" and body["slack"]["auth"] == "unreachable", body
    assert "Slack is unreachable" in err


async def test_a_port_in_use_is_one_line(slack: SlackEmulator, port: int) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        used = str(taken.getsockname()[1])
        line = await _refused(_environment(slack, port, PORT=used))
    assert line == f"guichet: cannot listen on PORT={used}: it is already in use"


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("notmongo://x", "MONGODB_URI must start with mongodb:// or mongodb+srv://"),
        ("mongodb://db:notaport", "MONGODB_URI is not a MongoDB address: "),
    ],
)
async def test_a_bad_mongodb_uri_is_one_line(
    slack: SlackEmulator, port: int, uri: str, expected: str
) -> None:
    line = await _refused(_environment(slack, port, MONGODB_URI=uri, GUICHET_STORE=""))
    assert line.startswith(f"guichet: configuration error: {expected}"), line


async def test_no_database_needs_an_explicit_choice(slack: SlackEmulator, port: int) -> None:
    line = await _refused(_environment(slack, port, GUICHET_STORE=""))
    assert "MONGODB_URI is not set: set MONGODB_URI=mongodb://host:27017" in line
    assert "GUICHET_STORE=memory" in line
    assert not slack.calls_to("auth.test")  # refused before anything was started


async def test_a_public_channel_for_a_private_service_is_one_line(
    slack: SlackEmulator, port: int
) -> None:
    slack.add_channel("C0SECURITY", name="it-security", is_private=False)
    services = ROOT / "tests" / "data" / "services.yml"  # security is private: true
    env = _environment(slack, port, GUICHET_CONFIG=str(services))
    process = await _start(env)
    _, err = await asyncio.wait_for(process.communicate(), 30)
    text = err.decode()
    assert process.returncode == 2, text
    assert "C0SECURITY is a public channel" in text
    assert "Unclosed client session" not in text and "Traceback" not in text, text
