"""The bulk-message pace: a token bucket on the injected clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.outbox.pacing import Pacer

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
S = timedelta(seconds=1)


def test_a_burst_then_the_rate() -> None:
    pacer = Pacer.for_tick(60, timedelta(seconds=30))  # 1 a second, bursts of 30
    assert pacer.burst == 30
    assert pacer.available(T0) == 30
    pacer.spend(T0, 30)
    assert pacer.available(T0) == 0
    assert pacer.available(T0 + 10 * S) == 10
    assert pacer.available(T0 + 10 * 60 * S) == 30  # never more than a burst


def test_500_messages_at_120_a_minute_take_about_four_minutes() -> None:
    pacer = Pacer.for_tick(120, timedelta(seconds=30))
    sent, now = 0, T0
    while sent < 500:
        batch = min(pacer.available(now), 500 - sent)
        pacer.spend(now, batch)
        sent += batch
        now += 30 * S
    assert timedelta(minutes=3) < now - T0 <= timedelta(minutes=5)


def test_time_going_backwards_adds_nothing() -> None:
    pacer = Pacer(60, 5)
    pacer.spend(T0 + 60 * S, 5)
    assert pacer.available(T0) == 0


@pytest.mark.parametrize("per_minute,burst", [(0, 1), (1, 0)])
def test_a_pace_needs_something(per_minute: int, burst: int) -> None:
    with pytest.raises(ValueError):
        Pacer(per_minute, burst)
