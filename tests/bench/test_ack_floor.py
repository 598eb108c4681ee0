"""``bench/load.py``'s commands open the form for real, and ``bench/ack_floor.py`` measures the
call that opens it: the trigger ids and response_urls of the bodies are the emulator's (every
``views.open`` with them is accepted; before, every one was refused and the bot's answer went
to hooks.slack.com), and the floor is measured without a single refusal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import parse_qs

import pytest
from slack_sdk.web.async_client import AsyncWebClient

import bench.ack_floor
from bench.ack_floor import EXPIRED, _cpu_per_call, decomposition, measure
from bench.load_servers import TOKEN, start_server
from bench.load_traffic import _bodies


@pytest.fixture
async def emulator() -> AsyncIterator[tuple[str, str]]:
    """The load benchmark's emulator process: (its Web API URL, its ``/response_urls``)."""
    process, ready = await start_server("emulator")
    try:
        yield ready[1], f"http://127.0.0.1:{ready[0]}/response_urls"
    finally:
        process.terminate()
        await process.wait()


async def test_commands_carry_what_the_emulator_issued(emulator: tuple[str, str]) -> None:
    slack_url, issuer = emulator
    bodies = await _bodies("/ticket", 4, [], issuer)
    fields = [parse_qs(text) for text, _ in bodies]
    assert all(f["response_url"][0].startswith(issuer.rsplit(":", 1)[0]) for f in fields)
    client = AsyncWebClient(token=TOKEN, base_url=slack_url)
    view = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Ticket"},
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Hello"}}],
    }
    for field in fields:
        opened = await client.views_open(trigger_id=field["trigger_id"][0], view=view)
        assert opened["ok"]


async def test_the_floor_is_measured_without_refusals(emulator: tuple[str, str]) -> None:
    figures = await measure(*emulator, calls=40)  # raises on any refused views.open
    assert set(figures) == {"views_open", "aiohttp_post", "new_client"}
    assert all(value > 0 for value in figures.values())


def test_the_ceiling_is_bare_over_bare_plus_views_open() -> None:
    text, ceiling = decomposition(0.25, 1.0, {"views_open": 500.0, "aiohttp_post": 300.0})
    assert ceiling == pytest.approx(0.25 / 0.75)
    assert "the rest 0.25" in text and "views.open 0.50" in text and "= 0.33" in text


async def test_a_round_whose_trigger_ids_expired_is_measured_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A loaded machine that runs a round of calls later than the trigger ids' 3 s: those
    calls, answered an error, are not measured; the round is, again, with new trigger ids. A
    refusal of another kind is kept (and ``measure`` raises on it)."""
    issued: list[str] = []

    async def issue(_: object, __: str, batch: int, start: int, attempt: int = 1) -> list[str]:
        triggers = [f"{start + i}.{attempt}.floor" for i in range(batch)]
        issued.extend(triggers)
        return triggers

    monkeypatch.setattr(bench.ack_floor, "_issue", issue)
    refused: list[str] = []
    called: list[str] = []

    async def one_call(trigger: str) -> None:
        called.append(trigger)
        if trigger.startswith("17.") and trigger.endswith(".1.floor"):  # the second round, late
            refused.append(EXPIRED)
        if trigger == "40.1.floor":
            refused.append("invalid_arguments")

    figure = await _cpu_per_call("http://127.0.0.1:1/response_urls", 48, one_call, refused)
    assert figure >= 0
    assert refused == ["invalid_arguments"]
    assert sorted(called) == sorted(issued)
    assert len(called) == 48 + 16  # the second round twice
    assert {t for t in called if t.endswith(".2.floor")} == {f"{i}.2.floor" for i in range(16, 32)}
