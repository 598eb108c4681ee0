"""``bench/soak.py`` runs for a few seconds, with every fault it injects met: nothing lost,
nothing doubled (cards, DMs, relays, pages)."""

from __future__ import annotations

import re

import pytest

from bench.soak import soak


async def test_a_short_soak_loses_and_doubles_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    # faults ten times as often as the issue's, so that a few seconds meet each of them
    status = await soak(6, rate=8, seed=19, pause=0.5, server_errors=0.2, answers_lost=0.15)
    printed = capsys.readouterr().out
    assert "lost: 0 []; doubled: 0 []" in printed, printed
    assert "DMs doubled: 0; pages doubled: 0" in printed, printed
    assert "RESULT: 0 lost, 0 doubled" in printed and status == 0
    faults = re.search(r"faults injected: (\d+) posts answered 503, (\d+) answers lost", printed)
    assert faults is not None and int(faults.group(1)) > 0 and int(faults.group(2)) > 0, printed
    filed = re.search(r"tickets filed: (\d+); cards in Slack: (\d+)", printed)
    assert filed is not None and int(filed.group(1)) > 8, printed
