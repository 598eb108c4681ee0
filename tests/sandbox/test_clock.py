"""The sandbox's clock: it stands still, moves on a button, and follows the wall clock with
"real time" on, keeping the time already skipped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sandbox.clock import SandboxClock

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


class Wall:
    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


def test_standing_still_then_real_time_from_the_current_offset() -> None:
    wall = Wall()
    clock = SandboxClock(START, wall=wall)
    wall.seconds += 60
    assert clock.now() == START and not clock.real_time  # stands still
    clock.advance(timedelta(minutes=15))  # a button
    assert clock.set_real_time(True) == START + timedelta(minutes=15)
    wall.seconds += 90
    assert clock.real_time and clock.now() == START + timedelta(minutes=16, seconds=30)
    clock.advance(timedelta(hours=1))  # a button while it runs: skips ahead, keeps running
    wall.seconds += 30
    assert clock.now() == START + timedelta(hours=1, minutes=17)
    assert clock.set_real_time(False) == START + timedelta(hours=1, minutes=17)
    wall.seconds += 600
    assert clock.now() == START + timedelta(hours=1, minutes=17)  # stopped where it had come
    clock.set_real_time(False)  # twice: no change
    assert clock.now() == START + timedelta(hours=1, minutes=17)
