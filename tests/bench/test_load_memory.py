"""The memory phase's route in the bot under test: what the store holds, and on request what
grew between two calls (tracemalloc) and what glibc kept of memory freed (``malloc_trim``);
the phase's lines say both."""

from __future__ import annotations

import sys
import tracemalloc
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bench.load_memory import MEMORY_PATH, Point, describe, memory_route
from storage.client import Database


async def _get(client: TestClient) -> dict[str, Any]:  # the route's JSON
    reply = await client.get(MEMORY_PATH)
    assert reply.status == 200
    return await reply.json()


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's malloc_trim and /proc")
async def test_the_route_says_what_grew_and_what_the_allocator_kept(
    memory_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUICHET_BENCH_TRACEMALLOC", "1")
    monkeypatch.setenv("GUICHET_BENCH_MALLOC_TRIM", "1")
    app = web.Application()
    app.add_routes([memory_route(memory_database)])
    try:
        async with TestClient(TestServer(app)) as client:
            await memory_database.handle["audit"].insert_one({"_id": "a1", "actor": "U1"})
            first = await _get(client)
            kept = [bytes(1000) for _ in range(2000)]
            second = await _get(client)
    finally:
        tracemalloc.stop()
    assert first["audit"][:1] == [1] and "_grown" not in first
    assert second["_grown"] and second["_top"]
    grown = sum(size for size, _, where in second["_grown"] if __file__ in where[-1])
    assert grown >= 2000 * 1000 and len(kept) == 2000  # these bytes, found where made
    untrimmed, trimmed = second["_trimmed"]
    # two reads of the RSS: the process's other threads may add a page or two between them
    # (a full run once read 156.180 MB after the trim, 156.176 before), never a megabyte
    assert 0 < trimmed <= untrimmed + 1.0


def test_the_phase_prints_the_growth_and_the_trim() -> None:
    early = Point(5000, 150.0, {"audit": [10, 4000, 500], "_trimmed": [160.0, 150.0]})
    late = Point(
        50000,
        180.0,
        {
            "audit": [110, 44000, 5500],
            "_trimmed": [200.0, 180.0],
            "_grown": [[3_000_000, 100, ["storage/memory.py:10"]]],
        },
    )
    lines = describe(early, late)
    assert lines[1] == "  (glibc's malloc_trim(0) just before: RSS 160 -> 150 MB)"
    assert "audit" in lines[4] and "400 B each +    50 B of in-memory index" in lines[4]
    assert lines[-1].split() == ["3.0", "MB", "100", "storage/memory.py:10"]
