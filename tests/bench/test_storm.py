"""``bench/storm.py`` runs, on a small storm: everyone told of the fix once, nothing lost."""

from __future__ import annotations

import re

import pytest

from bench.storm import storm


async def test_a_small_storm(capsys: pytest.CaptureFixture[str]) -> None:
    # Retry-After 0: the bot's own client sleeps on a 429 for real (under a second, then)
    await storm(incidents=30, seconds=10, rate_limit=0.04, in_flight=4, seed=3, retry_after=0)
    printed = capsys.readouterr().out
    assert "requesters told of the fix: 30/30 (goal all; told twice: 0)" in printed
    assert "messages lost: 0 " in printed
    posts = re.search(r"top-level channel posts: (\d+)", printed)
    assert posts is not None and int(posts.group(1)) <= 8  # 3-6 reports, suggestion, problem
    assert re.search(r"p99 ack latency: \d+ ms over 62 requests", printed)
