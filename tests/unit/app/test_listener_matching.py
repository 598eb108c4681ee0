"""Bolt's built-in matchers, given the body directly (bot/app/listener_matching.py), decide
exactly as before: the same listener answers the same request."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.listener_matcher.async_builtins import AsyncBuiltinListenerMatcher
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.app.listener_matching import BodyMatcher, lighten


def _app() -> AsyncApp:
    app = AsyncApp(token="xoxb-test", signing_secret="s", request_verification_enabled=False)

    async def listener(ack: Any) -> None:
        await ack()

    app.command("/ticket")(listener)
    app.action("claim")(listener)
    app.action({"block_id": "b", "action_id": "status"})(listener)
    app.view("file_ticket")(listener)
    app.event("app_home_opened")(listener)
    app.shortcut("file_from_message")(listener)
    return app


BODIES: list[dict[str, Any]] = [
    {"command": "/ticket", "text": ""},
    {"command": "/other", "text": ""},
    {"type": "block_actions", "actions": [{"action_id": "claim", "block_id": "x"}]},
    {"type": "block_actions", "actions": [{"action_id": "status", "block_id": "b"}]},
    {"type": "block_actions", "actions": [{"action_id": "status", "block_id": "c"}]},
    {"type": "view_submission", "view": {"type": "modal", "callback_id": "file_ticket"}},
    {"type": "view_submission", "view": {"type": "modal", "callback_id": "other"}},
    {"type": "event_callback", "event": {"type": "app_home_opened"}},
    {"type": "shortcut", "callback_id": "file_from_message"},
]


async def _decisions(app: AsyncApp) -> list[list[bool]]:
    found = []
    for body in BODIES:
        request = AsyncBoltRequest(body=json.dumps(body), headers={})
        request.body.clear()
        request.body.update(body)
        response = BoltResponse(status=200)
        found.append(
            [
                await listener.async_matches(req=request, resp=response)
                for listener in app._async_listeners
            ]
        )
    return found


async def test_lightened_matchers_decide_as_bolt_does() -> None:
    app = _app()
    before = await _decisions(app)
    assert lighten(app) == len(app._async_listeners)  # one built-in matcher each
    assert all(
        isinstance(matcher, BodyMatcher)
        for listener in app._async_listeners
        for matcher in listener.matchers
        if isinstance(matcher, AsyncBuiltinListenerMatcher)
    )
    assert await _decisions(app) == before
    assert sum(sum(row) for row in before) == 6  # one listener each, none for the 3 strays


async def test_other_matchers_are_left_alone() -> None:
    app = _app()

    async def custom(body: dict[str, Any], context: Any) -> bool:
        return True

    async def listener(ack: Any) -> None:
        await ack()

    app.action("with_custom", matchers=[custom])(listener)
    swapped = lighten(app)
    registered = app._async_listeners[-1]
    assert swapped == len(app._async_listeners)  # the custom one kept its own
    assert isinstance(registered.matchers[0], BodyMatcher)  # "with_custom"
    assert len(registered.matchers) == 2 and not isinstance(registered.matchers[1], BodyMatcher)


async def test_a_custom_matcher_of_the_body_alone_is_given_the_body() -> None:
    """Like ``/ticket``'s governance sub-commands (``matchers=[_is_governance]``): Bolt's custom
    matcher built every injectable argument for it, on every ``/ticket``."""
    app = AsyncApp(token="xoxb-test", signing_secret="s", request_verification_enabled=False)
    seen: list[dict[str, Any]] = []

    async def audit_only(body: dict[str, Any]) -> bool:
        seen.append(body)
        return str(body.get("text", "")).startswith("audit")

    async def listener(ack: Any) -> None:
        await ack()

    app.command("/ticket", matchers=[audit_only])(listener)
    bodies = [{"command": "/ticket", "text": "audit INC-1"}, {"command": "/ticket", "text": ""}]

    async def decisions() -> list[bool]:
        found = []
        for body in bodies:
            request = AsyncBoltRequest(body=json.dumps(body), headers={})
            response = BoltResponse(status=200)
            found.append(await app._async_listeners[0].async_matches(req=request, resp=response))
        return found

    before = await decisions()
    assert lighten(app) == 2  # the command's matcher and the custom one
    assert all(isinstance(m, BodyMatcher) for m in app._async_listeners[0].matchers)
    assert await decisions() == before == [True, False]
    assert seen[-2:] == bodies
