"""The page's server without a browser: the App Home tab, the clock and the scheduler it runs,
the stream that wakes the page (``/sandbox/api/stream``), and bad requests to the page."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from tests.sandbox.driver import (
    GENERAL,
    JOHN,
    MARIE,
    SOPHIE,
    PageDriver,
    events,
    has_action,
    record_requests,
)


async def test_app_home_tab(page: PageDriver) -> None:
    seen = record_requests(page.sandbox.guichet.bolt)
    status, answer = await page.post("app", user=SOPHIE, tab="home")
    assert (status, answer) == (200, {"ok": True})
    (opened,) = events(seen, "app_home_opened")
    assert (opened["user"], opened["tab"], opened["channel"]) == (SOPHIE, "home", f"D{SOPHIE}")

    async def home() -> dict | None:
        return (await page.state(SOPHIE))["home"]

    shown = await page.until(home, "Sophie's Home tab")
    assert shown["type"] == "home" and has_action(shown, "home_new_ticket")
    assert (await page.state(MARIE))["home"] is None  # each person has their own

    new_ticket = next(b for b in shown["blocks"] if "home_new_ticket" in str(b.get("elements", "")))
    status, answer = await page.post(
        "action",
        user=SOPHIE,
        view_id=shown["id"],
        action_id="home_new_ticket",
        block_id=new_ticket["block_id"],
    )
    assert (status, answer) == (200, {"ok": True})
    await page.post("app", user=SOPHIE, tab="home")  # opened again: the event says what it shows
    assert events(seen, "app_home_opened")[-1]["view"]["id"] == shown["id"]
    modal = await page.until(lambda: page.sandbox.emulator.modals(SOPHIE), "the form")
    assert modal[-1]["callback_id"] == "catalogue_picker"  # the sandbox has a catalogue
    assert (await page.state(MARIE))["modal"] is None


async def test_the_clock_moves_and_runs_what_the_bot_registered(page: PageDriver) -> None:
    sandbox = page.sandbox
    start = sandbox.clock.now()
    seen: list = []

    async def tick() -> None:
        seen.append(sandbox.clock.now())

    # nothing registered: the bot's scheduler ticks (registered work replaces that default)
    assert sandbox.due_work() == [sandbox.guichet.scheduler.tick]
    status, answer = await page.post("clock", minutes=15)
    assert (status, answer["ok"]) == (200, True)
    assert answer["clock"] == (start + timedelta(minutes=15)).isoformat()

    sandbox.guichet.after_clock_advance.append(tick)
    await page.post("clock", user=MARIE, minutes=60)
    assert seen == [start + timedelta(minutes=75)]
    assert (await page.state(MARIE))["clock"] == seen[0].isoformat()

    async def broken() -> None:
        raise RuntimeError("boom")

    sandbox.guichet.after_clock_advance.append(broken)
    status, answer = await page.post("clock", minutes=15)
    assert status == 200 and not answer["ok"] and "boom" in answer["error"]
    assert len(seen) == 2  # the rest still ran


async def test_a_scheduler_with_a_tick_runs_when_nothing_is_registered(
    page: PageDriver, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticks: list = []

    async def tick() -> None:
        ticks.append(page.sandbox.clock.now())

    monkeypatch.setattr(page.sandbox.guichet.scheduler, "tick", tick)
    await page.post("clock", minutes=15)
    assert len(ticks) == 1


async def test_the_stream_tells_the_page_when_to_look_again(page: PageDriver) -> None:
    async with page.session.get(page.api + "/stream") as stream:
        assert stream.headers["Content-Type"] == "text/event-stream"
        first = await stream.content.readline()
        assert first.startswith(b"data: ")
        await stream.content.readline()  # the blank line ending the event
        await page.post("message", user=MARIE, channel=GENERAL, text="hop")
        second = await asyncio.wait_for(stream.content.readline(), 5)
        assert int(second[6:]) > int(first[6:])


async def test_the_page_and_bad_requests(page: PageDriver) -> None:
    session = page.session
    async with session.get(page.sandbox.url) as response:
        assert response.status == 200 and "<title>Guichet sandbox</title>" in await response.text()
    for name, kind in [("app.js", "text/javascript"), ("style.css", "text/css")]:
        async with session.get(f"{page.sandbox.url}/static/{name}") as response:
            assert response.status == 200 and response.content_type == kind
    async with session.get(f"{page.sandbox.url}/static/..%2Fapp.py") as response:
        assert response.status == 404
    async with session.get(page.api + "/workspace") as response:
        workspace = await response.json()
    assert [p["id"] for p in workspace["people"]][:2] == [MARIE, JOHN]
    assert [c["name"] for c in workspace["channels"]][:2] == ["general", "it-service-desk"]
    assert workspace["reaction"] == "ticket"

    status, answer = await page.post("message", user="U0NOBODY", channel=GENERAL, text="x")
    assert status == 400 and "not one of the sandbox's people" in answer["error"]
    status, answer = await page.post("message", user=MARIE, channel=f"D{JOHN}", text="x")
    assert status == 400 and "cannot see" in answer["error"]
    status, answer = await page.post("command", user=MARIE, channel=GENERAL, text="no slash")
    assert status == 400 and "text" in answer["error"]
    status, answer = await page.post("clock", minutes=-5)
    assert status == 400
    not_json = b"not json"
    json_type = {"Content-Type": "application/json"}
    async with session.post(page.api + "/submit", data=not_json, headers=json_type) as response:
        assert response.status == 400
    async with session.get(page.api + "/state", params={"user": "U0NOBODY"}) as response:
        assert response.status == 400
