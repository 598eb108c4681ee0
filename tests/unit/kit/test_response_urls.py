"""Posts to response_urls share the Web API client's kept-alive session (one connection for
many posts, where Bolt's ``respond`` opened one per post) and send what Bolt's would."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from handlers.kit.response_urls import KeptAliveRespond, give_respond, webhook


class Hooks:
    """A response_url endpoint recording each post and the client port it came from."""

    def __init__(self) -> None:
        self.posts: list[dict] = []
        self.ports: set[int] = set()

    async def handle(self, request: web.Request) -> web.Response:
        self.posts.append(await request.json())
        assert request.transport is not None  # the request is being answered
        self.ports.add(request.transport.get_extra_info("peername")[1])
        return web.Response(text="ok")


@pytest.fixture
async def hooks() -> AsyncIterator[tuple[Hooks, str]]:
    recorder = Hooks()
    app = web.Application()
    app.router.add_post("/response/{nonce}", recorder.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield recorder, f"http://127.0.0.1:{port}/response/abc"
    await runner.cleanup()


async def test_posts_share_one_connection_and_send_what_bolt_would(
    hooks: tuple[Hooks, str],
) -> None:
    recorder, url = hooks
    client = AsyncWebClient(token="xoxb-test")
    client.session = aiohttp.ClientSession()
    try:
        respond = KeptAliveRespond(url, client)
        await respond(text="first", response_type="ephemeral", replace_original=False)
        await respond("second", blocks=[{"type": "divider"}], replace_original=True)
        await respond({"text": "third", "delete_original": True})
        answer = await webhook(url, client).send(text="fourth")
    finally:
        await client.session.close()
    assert answer.status_code == 200
    assert recorder.posts == [
        {"text": "first", "response_type": "ephemeral", "replace_original": False},
        {"text": "second", "blocks": [{"type": "divider"}], "replace_original": True},
        {"text": "third", "delete_original": True},
        {"text": "fourth"},
    ]
    assert len(recorder.ports) == 1  # one kept-alive connection for the four posts


async def test_bolt_respond_opened_a_connection_per_post(hooks: tuple[Hooks, str]) -> None:
    """What the change is measured against: Bolt's own ``respond``, a new session each time."""
    recorder, url = hooks
    respond = AsyncRespond(response_url=url)
    await respond(text="first")
    await respond(text="second")
    assert [post["text"] for post in recorder.posts] == ["first", "second"]
    assert len(recorder.ports) == 2


def _request(body: dict) -> AsyncBoltRequest:
    return AsyncBoltRequest(body=json.dumps(body), headers={"content-type": ["application/json"]})


def test_a_request_with_a_response_url_gets_the_kept_alive_respond() -> None:
    client = AsyncWebClient(token="xoxb-test")
    request = _request(
        {
            "type": "block_actions",
            "response_url": "https://hooks.slack.com/actions/T1/1/x",
            "user": {"id": "U1"},
            "actions": [{"action_id": "a"}],
        }
    )
    give_respond(request, client)
    respond = request.context.respond
    assert isinstance(respond, KeptAliveRespond)
    assert respond.response_url == "https://hooks.slack.com/actions/T1/1/x"

    without = _request({"type": "view_submission", "user": {"id": "U1"}, "view": {}})
    give_respond(without, client)
    assert type(without.context.respond) is AsyncRespond  # Bolt's own, as before
    assert without.context.respond.response_url is None


async def test_each_post_gets_a_client_like_the_sdks_own_on_the_current_session() -> None:
    """Copies of one client made once: each is what ``AsyncWebhookClient(url, ...)`` would be,
    on the session and timeout the Web API client has at the time of the post."""
    client = AsyncWebClient(token="xoxb-test", timeout=7)
    first = webhook("http://127.0.0.1:1/response/a", client)
    fresh = AsyncWebhookClient("http://127.0.0.1:1/response/a", timeout=7)
    assert (first.url, first.timeout, first.session) == (fresh.url, 7, None)
    assert first.default_headers == fresh.default_headers
    assert (first.proxy, first.ssl, first.auth, first.logger) == (
        fresh.proxy,
        fresh.ssl,
        fresh.auth,
        fresh.logger,
    )
    assert [type(h) for h in first.retry_handlers] == [type(h) for h in fresh.retry_handlers]
    client.session = aiohttp.ClientSession()
    try:
        second = webhook("http://127.0.0.1:1/response/b", client, timeout=3)
        assert (second.url, second.timeout, second.session) == (
            "http://127.0.0.1:1/response/b",
            3,
            client.session,
        )
        assert (first.url, first.timeout, first.session) == (fresh.url, 7, None)  # its own
    finally:
        await client.session.close()
