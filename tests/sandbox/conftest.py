"""Fixtures for the sandbox: the whole sandbox on local ports, driven through the page's API."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from tests.sandbox.driver import PageDriver, driven_sandbox


@pytest_asyncio.fixture
async def page() -> AsyncIterator[PageDriver]:
    async with driven_sandbox() as driver:
        yield driver
