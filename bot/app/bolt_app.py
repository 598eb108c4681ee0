"""The Bolt app, built without Bolt's start-up warnings about tokens.

Guichet gives Bolt its Web API client (pointed at ``SLACK_API_URL``, with retry handlers) and an
``authorize`` answered from the start-up ``auth.test`` (``handlers/transport/identity.py``).
Bolt also reads ``SLACK_BOT_TOKEN`` from the environment on its own, finds the client's token as
well, and warns that it "will be unused" — the same token, used through the client: a line that
sends a new operator looking for a mistake that is not there. Those two warnings, and only
those, are dropped while the app is built.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.logger.messages import (
    warning_client_prioritized_and_token_skipped,
    warning_token_skipped,
)

_TOKEN_WARNINGS = frozenset(
    {warning_client_prioritized_and_token_skipped(), warning_token_skipped()}
)


class _DropTokenWarnings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in _TOKEN_WARNINGS


@contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    drop = _DropTokenWarnings()
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)


def bolt_app(
    client: Any, signing_secret: str, authorize: Callable[..., Awaitable[Any]]
) -> AsyncApp:
    """Bolt on Guichet's client: self events ignored, signatures checked before Bolt (the
    HTTP route, ``handlers/transport/``; Socket Mode needs none)."""
    logger = logging.getLogger("slack_bolt.AsyncApp")
    with _quiet(logger):
        return AsyncApp(
            client=client,
            signing_secret=signing_secret,
            authorize=authorize,
            ignoring_self_events_enabled=True,
            request_verification_enabled=False,
        )
