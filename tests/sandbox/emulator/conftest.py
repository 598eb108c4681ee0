"""The emulator with the tiny Bolt app, and the signed-request helper pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from aiohttp import web

from sandbox.emulator import SlackEmulator
from sandbox.slack_requests import SlackRequests
from tests.sandbox.emulator.tiny_app import SECRET, TOKEN, build_app


@pytest_asyncio.fixture
async def emulator() -> AsyncIterator[SlackEmulator]:
    async with SlackEmulator(token=TOKEN) as emu:
        yield emu


@pytest_asyncio.fixture
async def slack(emulator: SlackEmulator) -> AsyncIterator[SlackRequests]:
    runner = web.AppRunner(build_app(emulator).web_app(path="/slack/events"))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    requests = SlackRequests(f"http://127.0.0.1:{port}", SECRET, slack=emulator)
    try:
        yield requests
    finally:
        await requests.close()
        await runner.cleanup()
