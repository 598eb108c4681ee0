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


async def test_a_database_that_does_not_answer_is_said_in_one_line(
    slack: SlackEmulator, port: int
) -> None:
    """The bot serves meanwhile (a database restarting with it is no reason to stop), but the
    first thing said is which setting to check, and no line carries the driver's topology."""
    with closed_port() as nowhere:
        uri = f"mongodb://guichet:s3cret@127.0.0.1:{nowhere}/"
        env = _environment(slack, port, MONGODB_URI=uri, GUICHET_STORE="")
        process = await _start(env)
        first = ""
        try:
            body = await _healthz(env["PORT"], process)
            assert process.stderr is not None  # piped
            first = await asyncio.wait_for(_line_with(process.stderr, "MONGODB_URI"), 20)
        finally:
            err = first + await _stop(process)
    assert body["status"] == "degraded" and body["database"] == "down", body
    assert (
        f"MONGODB_URI: the database is not answering (127.0.0.1:{nowhere}: [Errno 111] "
        "Connection refused): check that MongoDB runs and that MONGODB_URI names it" in first
    ), first
    assert "Topology Description" not in err and "s3cret" not in err, err
    assert "Traceback" not in err, err


async def _line_with(stream: asyncio.StreamReader, text: str) -> str:
    """What ``stream`` says up to and including the first line holding ``text``."""
    said = ""
    while True:
        line = (await stream.readline()).decode()
        assert line, said  # the process ended first
        said += line
        if text in line:
            return said


async def test_the_services_file_in_use_is_said(slack: SlackEmulator, port: int) -> None:
    env = _environment(slack, port)
    process = await _start(env)
    try:
        await _healthz(env["PORT"], process)
    finally:
        err = await _stop(process)
    assert "GUICHET_CONFIG is not set: Guichet runs on its bundled example services file" in err
    services = ROOT / "tests" / "data" / "services.yml"
    env = _environment(slack, port, GUICHET_CONFIG=str(services))
    slack.add_channel("C0SECURITY", name="it-security", is_private=True)
    process = await _start(env)
    try:
        await _healthz(env["PORT"], process)
    finally:
        err = await _stop(process)
    assert f"services file {services}: 5 services (" in err and "GUICHET_CONFIG is not" not in err


async def test_a_misspelt_setting_stops_start_up_in_one_line(
    slack: SlackEmulator, port: int
) -> None:
    """Misspelt, GUICHET_CONFIG was ignored: the bot ran on the bundled example's channels."""
    env = _environment(slack, port, GUICHET_CONFG=str(ROOT / "tests" / "data" / "services.yml"))
    line = await _refused(env)
    assert line == (
        "guichet: configuration error: GUICHET_CONFG (in the environment) is not a setting "
        "Guichet reads: did you mean GUICHET_CONFIG?"
    )
    assert not slack.calls_to("auth.test")


async def test_a_service_given_twice_stops_start_up_in_one_line(
    slack: SlackEmulator, port: int, tmp_path: Path
) -> None:
    text = (ROOT / "bot" / "domain" / "default_services.yml").read_text(encoding="utf-8")
    twice = text.replace("  app_dev:\n", "  service_desk:\n", 1)
    (tmp_path / "services.yml").write_text(twice, encoding="utf-8")
    env = _environment(slack, port, GUICHET_CONFIG=str(tmp_path / "services.yml"))
    line = await _refused(env)
    assert line.startswith(
        f"guichet: configuration error: services file {tmp_path}/services.yml: 'service_desk' "
        "is given twice in the same block (lines "
    ), line


async def test_a_service_channel_guichet_cannot_post_in_is_said_at_start_up(
    slack: SlackEmulator, port: int
) -> None:
    """Not invited, or a wrong id: said once at start-up, where the first ticket of that service
    found out (its card refused). The bot still starts: the other services work."""
    slack.add_channel("C0DESK", name="it-desk")
    slack.add_channel("C0INTERNAL", name="it-internal", bot_member=False)
    slack.add_channel("C0APPDEV", name="it-app-dev")
    slack.add_channel("C0SECURITY", name="it-security", is_private=True)
    services = ROOT / "tests" / "data" / "services.yml"  # C0INFRA is nowhere in Slack
    env = _environment(slack, port, GUICHET_CONFIG=str(services))
    process = await _start(env)
    said = ""
    try:
        body = await _healthz(env["PORT"], process)
        assert process.stderr is not None  # piped
        said = await asyncio.wait_for(_line_with(process.stderr, "C0INFRA"), 20)
    finally:
        said += await _stop(process)
    assert body["status"] == "ok", body
    assert (
        "services file: services.internal_it.channel: Guichet is not in C0INTERNAL, so its "
        "tickets cannot be posted there: type /invite @Guichet in that channel" in said
    ), said
    assert (
        "services file: services.infra_network.channel: Slack knows no channel C0INFRA: copy "
        "the id from the channel's details (at the bottom)" in said
    ), said
    assert "C0DESK" not in said and "C0APPDEV" not in said, said


async def test_an_app_token_slack_refuses_stops_start_up(slack: SlackEmulator, port: int) -> None:
    """It logged the SDK's traceback and retried for ever, the bot up but never connected."""
    line = await _refused(_environment(slack, port, SLACK_APP_TOKEN="xapp-1-A0OTHER-2-abc"))
    assert line == (
        "guichet: configuration error: SLACK_APP_TOKEN was refused by Slack (invalid_auth): "
        "generate an app-level token with the scope connections:write under the app's Basic "
        "Information, App-Level Tokens, and enable Socket Mode (or unset SLACK_APP_TOKEN to "
        "receive Slack's requests over HTTP)"
    )
    assert slack.last("apps.connections.open").token == "xapp-1-A0OTHER-2-abc"


async def test_ctrl_c_during_start_up_cleans_up_like_any_stop(
    slack: SlackEmulator, port: int
) -> None:
    """Ctrl-C while start-up waits on a database that does not answer (the moment an admin
    reads its error line): aiohttp's run_app cleaned up nothing it had not finished starting,
    so the Slack clients' sessions were left open and the scheduler's tick was cancelled
    mid-read, each said at exit with a traceback."""
    with closed_port() as nowhere:
        env = _environment(
            slack, port, MONGODB_URI=f"mongodb://127.0.0.1:{nowhere}/", GUICHET_STORE=""
        )
        process = await _start(env)
        assert process.stderr is not None  # piped
        said = await asyncio.wait_for(_line_with(process.stderr, "Guichet listening"), 30)
        said += await _stop(process)  # start-up is waiting on the database (3 s a read)
    assert process.returncode == 0, said
    assert "Traceback" not in said and "Unclosed" not in said and "CancelledError" not in said, said


async def test_ctrl_c_while_python_imports_the_bot_is_a_quiet_stop() -> None:
    """Ctrl-C in the second or two Python spends importing Guichet and its libraries printed
    Python's own traceback of the imports it cut. The interruption is made to land exactly
    there: an import hook raises KeyboardInterrupt, as the signal would, when ``bot.app.main``
    is imported."""
    interrupted_import = (
        "import builtins, runpy\n"
        "real = builtins.__import__\n"
        "def interrupted(name, *args, **kwargs):\n"
        "    if name == 'bot.app.main':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupted\n"
        "runpy.run_module('bot', run_name='__main__', alter_sys=True)\n"
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        interrupted_import,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 130, err.decode()
    assert out == b"" and err == b"", err.decode()
