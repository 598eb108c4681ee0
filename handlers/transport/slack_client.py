"""The Web API client the bot talks to Slack with: Slack's rate-limit and server-error retry
handlers, and one HTTP session (kept-alive connections) for the life of the web app, instead
of the SDK's default of a new session, and so a new connection, per call."""

from __future__ import annotations

import aiohttp
from aiohttp import web
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

CONNECTIONS = 100
POSTING_METHODS = frozenset(
    {
        "chat.postMessage",
        "chat.postEphemeral",
        "chat.scheduleMessage",
        "files.completeUploadExternal",  # shares the file: a message in the channel
    }
)
"""Calls that would post a second message if sent again after an answer was lost."""


class PostsNotRetried(AsyncRetryHandler):
    """A retry handler of the SDK's, except for posts: a post whose answer was lost (a dropped
    connection) or that Slack answered 5xx after doing it (an edge that gave up waiting) may
    well have been posted, and sending it again shows it twice. What carries work is retried
    by the outbox, which looks for it first; the rest is only logged. Put first among the
    bases, before the SDK's handler it narrows."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if request.url.rstrip("/").rsplit("/", 1)[-1] in POSTING_METHODS:
            return False
        return await super()._can_retry_async(
            state=state, request=request, response=response, error=error
        )


class ReadsOnlyConnectionRetry(PostsNotRetried, AsyncConnectionErrorRetryHandler):
    """The SDK's retry after a dropped connection, except for posts."""


class ReadsOnlyServerErrorRetry(PostsNotRetried, AsyncServerErrorRetryHandler):
    """The SDK's retry after a 5xx, except for posts."""


class SlackClient:
    def __init__(
        self,
        token: str,
        base_url: str,
        retry_rate_limits: bool = True,
        retries: bool = True,
        timeout: int = 30,
    ) -> None:
        """``retry_rate_limits=False`` for what the outbox sends in bulk: a rate limit then
        comes back at once and waits in the outbox (``bot/deliveries.py``), not in a sleeping
        retry. ``retries=False`` for the posts the outbox owns: no blind retry, neither the
        SDK's default one after a dropped connection nor the one after a 5xx, either of which
        would post a message whose answer was lost a second time (the outbox looks for it
        before trying again); a 429 (Slack did nothing) is still retried after Retry-After."""
        handlers: list[AsyncRetryHandler] = [ReadsOnlyConnectionRetry()] if retries else []
        self.client = AsyncWebClient(
            token=token, base_url=base_url, timeout=timeout, retry_handlers=handlers
        )
        if retry_rate_limits:
            self.client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
        if retries:
            self.client.retry_handlers.append(ReadsOnlyServerErrorRetry(max_retry_count=1))

    async def open(self, _: web.Application | None = None) -> None:
        """Give the client its session (built here: it must belong to the running loop)."""
        self.client.session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=self.client.timeout),
            connector=aiohttp.TCPConnector(limit=CONNECTIONS),
        )

    async def close(self, _: web.Application | None = None) -> None:
        if self.client.session is not None:
            await self.client.session.close()
            self.client.session = None
