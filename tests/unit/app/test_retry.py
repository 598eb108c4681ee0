"""Start-up work retried in the background: retried while the database does not answer, given
up at once (one error line) when it answers and refuses."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.app.retry import RetryInBackground
from bot.domain.errors import StoreRejected, StoreUnavailable


async def test_a_refusal_is_said_once_and_not_retried(caplog: pytest.LogCaptureFixture) -> None:
    calls = 0

    async def refused() -> None:
        nonlocal calls
        calls += 1
        raise StoreRejected("OperationFailure: Index with name: by_x already exists")

    retry = RetryInBackground(refused, "create the indexes", 0.001)
    with caplog.at_level(logging.WARNING):
        await retry.start()
        assert retry._task is not None
        await asyncio.wait_for(retry._task, 2)  # it ends: no retry every few seconds for ever
    assert calls == 1 and not retry.done.is_set()
    assert isinstance(retry.refused, StoreRejected)
    (line,) = caplog.records
    assert line.levelno == logging.ERROR and line.exc_info is None
    assert line.getMessage() == (
        "could not create the indexes: the database refused it (OperationFailure: Index with "
        "name: by_x already exists); not retried (it would be refused again): mend what it "
        "refused, then restart Guichet"
    )
    assert "unavailable" not in caplog.text


async def test_a_database_down_is_retried_until_it_answers() -> None:
    calls = 0

    async def down_twice() -> None:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise StoreUnavailable("connection refused")

    retry = RetryInBackground(down_twice, "create the indexes", 0.001)
    await retry.start()
    await asyncio.wait_for(retry.done.wait(), 2)
    assert calls == 3 and retry.refused is None
    await retry.stop()
