"""Who the bot is on Slack, asked once with ``auth.test`` when the web app starts.

A token Slack refuses (revoked, mistyped, from another workspace) stops start-up with one line
naming ``SLACK_BOT_TOKEN``: a bot that serves with it would answer every request with an error
nobody sees. Slack unreachable at start-up (network down, Slack's 5xx) is not the token's fault:
the bot starts, retries in the background and says so on ``/healthz``.

The answer also serves as Bolt's ``authorize``: Bolt's single-team default calls ``auth.test``
on the first request, which spends a slash command's or shortcut's three seconds on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import ConfigError

log = logging.getLogger(__name__)

REFUSED = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "not_allowed_token_type",
        "team_access_not_granted",
        "missing_scope",
    }
)
"""``auth.test`` errors that mean the token itself will never work."""

RETRY_SECONDS = 15.0


class TokenRefused(ConfigError):
    """Slack refused ``SLACK_BOT_TOKEN``: start-up stops."""


class SlackIdentity:
    """The bot's ``auth.test`` answer, its retries and its state for ``/healthz``."""

    def __init__(self, client: AsyncWebClient, retry_seconds: float = RETRY_SECONDS) -> None:
        self._client = client
        self._retry = retry_seconds
        self._answer: dict[str, Any] | None = None
        self.last_error: str | None = None
        self._retrying: asyncio.Task[None] | None = None

    @property
    def verified(self) -> bool:
        return self._answer is not None

    async def start(self, _: Any = None) -> None:
        """Ask once; a refusal raises ``TokenRefused``, an unreachable Slack is retried."""
        if not await self._ask():
            log.warning(
                "Slack is unreachable (%s): auth.test asked again every %ss",
                self.last_error,
                self._retry,
            )
            self._retrying = asyncio.create_task(self._keep_asking())

    async def stop(self, _: Any = None) -> None:
        if self._retrying is not None and not self._retrying.done():
            self._retrying.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._retrying

    async def _keep_asking(self) -> None:
        while not self.verified:
            await asyncio.sleep(self._retry)
            try:
                await self._ask()
            except TokenRefused as error:  # the token was revoked while Slack was away
                log.error("%s", error)
                return
        log.info("Slack reached: auth.test answered")

    async def _ask(self) -> bool:
        """True once Slack answered; ``TokenRefused`` when it refused the token."""
        try:
            answer = await self._client.auth_test()
        except SlackApiError as error:
            code = str(error.response.get("error") or error.response.status_code)
            if code in REFUSED:
                raise TokenRefused(
                    f"SLACK_BOT_TOKEN was refused by Slack ({code}): copy the Bot User OAuth "
                    "Token (xoxb-...) from the app's OAuth & Permissions page"
                ) from None
            self.last_error = code
            return False
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            self.last_error = error.__class__.__name__
            return False
        self._answer = dict(answer.data) if isinstance(answer.data, dict) else {}
        self.last_error = None
        return True

    def report(self) -> dict[str, Any]:
        """What ``/healthz`` says about Slack's answer."""
        if self._answer is None:
            return {"auth": "unreachable", "error": self.last_error}
        return {"auth": "ok", "team_id": self._answer.get("team_id")}

    async def answer(self) -> AuthorizeResult:
        """Bolt's authorization: the start-up answer (asked now if Slack was unreachable)."""
        if self._answer is None and not await self._ask():
            raise ConnectionError(f"Slack unreachable: {self.last_error}")
        answer = self._answer or {}
        return AuthorizeResult(
            enterprise_id=answer.get("enterprise_id"),
            team_id=answer.get("team_id"),
            bot_token=self._client.token,
            bot_id=answer.get("bot_id"),
            bot_user_id=answer.get("user_id"),
        )

    @property
    def authorize(self) -> Callable[[], Awaitable[AuthorizeResult]]:
        """``answer`` as a plain function: Bolt names a bound method's ``self`` an argument."""

        async def authorize() -> AuthorizeResult:
            return await self.answer()

        return authorize
