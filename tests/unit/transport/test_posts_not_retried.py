"""The Web API client's retry handlers retry reads after a dropped connection or a 5xx, never
a post: Slack may have posted it, and the outbox's retry looks for it before posting again."""

from __future__ import annotations

import aiohttp
import pytest
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from handlers.transport.slack_client import (
    POSTING_METHODS,
    ReadsOnlyConnectionRetry,
    ReadsOnlyServerErrorRetry,
)

pytestmark = pytest.mark.asyncio

BASE = "https://slack.com/api/"


def _request(method: str) -> HttpRequest:
    return HttpRequest(method="POST", url=BASE + method, headers={})


async def _retries_after_5xx(method: str) -> bool:
    handler = ReadsOnlyServerErrorRetry(max_retry_count=1)
    response = HttpResponse(status_code=503, headers={})
    return await handler.can_retry_async(
        state=RetryState(), request=_request(method), response=response
    )


async def _retries_after_reset(method: str) -> bool:
    handler = ReadsOnlyConnectionRetry(max_retry_count=1)
    error = aiohttp.ServerDisconnectedError()
    return await handler.can_retry_async(state=RetryState(), request=_request(method), error=error)


@pytest.mark.parametrize("method", sorted(POSTING_METHODS))
async def test_a_post_is_never_retried_by_the_client(method: str) -> None:
    assert not await _retries_after_5xx(method)
    assert not await _retries_after_reset(method)


@pytest.mark.parametrize("method", ["conversations.history", "chat.update", "views.open"])
async def test_other_calls_are_retried_once(method: str) -> None:
    assert await _retries_after_5xx(method)
    assert await _retries_after_reset(method)
