"""Acknowledge what no other listener handles (register LAST: listeners match in order).

Without these, Bolt answers 404 to a button it does not know (Slack then shows the person a
warning), and to an event nobody listens to (Slack then retries it, and turns the subscription
off if that goes on). Link buttons, outdated messages and events subscribed for features that
ignore some of them all end here, acknowledged, logged as ``ignored``.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.telemetry.observability import annotate

ANYTHING = re.compile(r".*", re.DOTALL)


async def _mark_ignored(next: Callable[[], Awaitable[None]]) -> None:
    """Listener middleware: runs before the answer leaves (events are acknowledged before their
    listener runs), so the request's log line says ``ignored``."""
    annotate(outcome="ignored")
    await next()


def register(app: AsyncApp) -> None:
    ignored = [_mark_ignored]

    async def ignore(ack: AsyncAck) -> None:
        await ack()

    async def no_options(ack: AsyncAck) -> None:
        await ack(options=[])

    async def ignore_event() -> None:
        return None

    app.action(ANYTHING, middleware=ignored)(ignore)
    app.view(ANYTHING, middleware=ignored)(ignore)
    app.view_closed(ANYTHING, middleware=ignored)(ignore)
    app.shortcut(ANYTHING, middleware=ignored)(ignore)
    app.options(ANYTHING, middleware=ignored)(no_options)
    app.event(ANYTHING, middleware=ignored)(ignore_event)
