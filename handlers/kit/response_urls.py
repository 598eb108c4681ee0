"""Posts to ``response_url``s on the Web API client's kept-alive HTTP session.

Bolt's ``respond`` and slack_sdk's ``AsyncWebhookClient`` open a new aiohttp session, and so a
new connection (with Slack, a TLS handshake with hooks.slack.com), for every post to a
``response_url``: a sixth of the bot's CPU for claim presses at saturation, new sockets
included (py-spy under ``bench/load.py``). Here they go through the session the bot's Web API
client keeps for its life (``handlers/transport/slack_client.py``), which aiohttp shares
between hosts; before it is open (and in tests that give none) the SDK opens its own as before.

Bolt builds a request's ``respond`` the first time a listener asks for it, unless the request's
context already holds one (``AsyncBoltContext.respond``); ``give_respond`` puts this one there
before Bolt dispatches. What is posted is built by Bolt's own ``_build_message``, so the message
is the same as Bolt's ``respond`` would send.

A post's client is a copy of one made once (``_prototype``) given the post's URL, session and
timeout: building an ``AsyncWebhookClient`` works out the User-Agent, reads the proxy variables
of the environment, looks its logger up and makes its retry handlers, the same every time, and
that was an eighth of a refused claim's answer (py-spy under ``bench/load.py``). The SDK's
sending path (its retries, its response) is untouched; the copies share only what it never
changes (the headers are copied into each request, the handlers keep no state between posts).
"""

from __future__ import annotations

import functools
from typing import Any

from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.context.respond.internals import _build_message
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient, WebhookResponse


@functools.cache
def _prototype() -> AsyncWebhookClient:
    """What every post's client shares: headers, logger, proxy, the SDK's default retries."""
    return AsyncWebhookClient("")


def webhook(url: str, client: AsyncWebClient, timeout: int | None = None) -> AsyncWebhookClient:
    """A client for ``url`` on ``client``'s session (the SDK's default retries kept)."""
    prototype = _prototype()
    hook = AsyncWebhookClient.__new__(AsyncWebhookClient)
    hook.__dict__.update(prototype.__dict__)  # what copy.copy does, at a third of its cost
    hook.url = url
    hook.timeout = timeout or client.timeout
    hook.session = client.session
    return hook


class KeptAliveRespond(AsyncRespond):
    """Bolt's ``respond``, posting on the Web API client's session."""

    def __init__(self, response_url: str, client: AsyncWebClient) -> None:
        super().__init__(response_url=response_url)
        self._client = client

    async def __call__(
        self, text: str | dict[str, Any] = "", *more: Any, **fields: Any
    ) -> WebhookResponse:
        assert self.response_url is not None
        if isinstance(text, dict):
            message = _build_message(**text)
        else:
            message = _build_message(text, *more, **fields)
        return await webhook(self.response_url, self._client).send_dict(message)


def give_respond(request: AsyncBoltRequest, client: AsyncWebClient) -> None:
    """Give the request a ``respond`` on ``client``'s session when it has a ``response_url``
    (Bolt makes its own otherwise, and raises when asked without one)."""
    url = request.context.response_url
    if url:
        request.context["respond"] = KeptAliveRespond(url, client)
