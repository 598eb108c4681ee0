"""Fixtures for the sandbox: the whole sandbox on local ports, driven through the page's API."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.sandbox.driver import PageDriver, driven_sandbox


@pytest_asyncio.fixture
async def page() -> AsyncIterator[PageDriver]:
    async with driven_sandbox() as driver:
        yield driver


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say why a sandbox test was skipped (no Chromium, no scheduler yet), even with ``-q``."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if report.nodeid.startswith("tests/sandbox/")
    ]
    for report in skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        reason = str(reason).removeprefix("Skipped: ")
        terminalreporter.write_line(f"SKIPPED {report.nodeid}: {reason}", yellow=True)
