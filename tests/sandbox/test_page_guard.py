"""The sandbox's API refuses other web pages (issue 19, point 8): a cross-site ``text/plain``
post, an ``Origin`` other than the sandbox's, a ``Host`` other than its address (DNS
rebinding); the page's own requests go through."""

from __future__ import annotations

import json

import pytest

from tests.sandbox.driver import GENERAL, MARIE, PageDriver

pytestmark = pytest.mark.asyncio

COMMAND = {"user": MARIE, "channel": GENERAL, "text": "/ticket help"}


async def _post(page: PageDriver, headers: dict[str, str], body: str) -> tuple[int, dict]:
    async with page.session.post(f"{page.api}/command", data=body, headers=headers) as response:
        return response.status, await response.json(content_type=None)


async def _commands(page: PageDriver) -> int:
    return len(page.sandbox.emulator.calls_to("response_url")) + len(
        page.sandbox.emulator.ephemerals()
    )


async def test_a_cross_site_text_plain_post_is_refused(page: PageDriver) -> None:
    before = await _commands(page)
    status, answer = await _post(
        page,
        {"Content-Type": "text/plain", "Origin": "https://evil.example"},
        json.dumps(COMMAND),
    )
    assert status == 403 and answer["ok"] is False
    status, answer = await _post(page, {"Content-Type": "text/plain"}, json.dumps(COMMAND))
    assert status == 403 and "application/json" in answer["error"]
    assert await _commands(page) == before


async def test_another_origin_is_refused_even_with_json(page: PageDriver) -> None:
    headers = {"Content-Type": "application/json", "Origin": "https://evil.example"}
    status, answer = await _post(page, headers, json.dumps(COMMAND))
    assert status == 403 and answer["error"] == "cross-site request"


async def test_a_rebound_host_is_refused_even_for_reading(page: PageDriver) -> None:
    port = page.sandbox.emulator.port
    headers = {"Host": f"evil.example:{port}"}
    async with page.session.get(f"{page.api}/workspace", headers=headers) as response:
        assert response.status == 403
    status, _ = await _post(
        page, {**headers, "Content-Type": "application/json"}, json.dumps(COMMAND)
    )
    assert status == 403


async def test_the_pages_own_requests_go_through(page: PageDriver) -> None:
    port = page.sandbox.emulator.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        headers = {
            "Content-Type": "application/json",
            "Origin": f"http://{host}",
            "Host": host,
        }
        status, answer = await _post(page, headers, json.dumps(COMMAND))
        assert status == 200 and answer.get("ok") is not False, answer
    async with page.session.get(f"{page.api}/workspace") as response:
        assert response.status == 200
