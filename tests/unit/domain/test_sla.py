"""SLA clocks: durations from the priority, stop, pause/resume arithmetic, reminder cadence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain import sla
from bot.domain.config import DEFAULT_SLA, SlaTarget, parse_services_config
from bot.domain.models import Priority, SlaClock, SlaClocks, Status

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
H = timedelta(hours=1)
M = timedelta(minutes=1)
P2 = SlaTarget(response=H, resolution=8 * H)


def test_start_sets_both_due_times_from_the_target() -> None:
    clocks = sla.start(T0, P2)
    assert clocks == SlaClocks(
        response_due=T0 + H, resolution_due=T0 + 8 * H, started_at=T0, ran_until=T0
    )
    assert sla.running(clocks) == (SlaClock.RESPONSE, T0 + H)


@pytest.mark.parametrize(
    "priority,response,resolution",
    [
        (Priority.P1, 15 * M, 4 * H),
        (Priority.P3, 4 * H, 48 * H),
        (Priority.P5, 48 * H, 240 * H),
    ],
)
def test_default_targets(priority: Priority, response: timedelta, resolution: timedelta) -> None:
    clocks = sla.start(T0, DEFAULT_SLA[priority])
    assert clocks.response_due == T0 + response
    assert clocks.resolution_due == T0 + resolution


def test_pause_then_resume_pushes_the_resolution_due_time_by_the_pause() -> None:
    clocks = sla.start(T0, P2)
    paused = sla.pause(clocks, T0 + 2 * H)
    assert paused.paused_at == T0 + 2 * H
    assert sla.pause(paused, T0 + 3 * H) == paused  # pausing twice changes nothing
    resumed = sla.resume(paused, T0 + 5 * H)
    assert resumed.paused_at is None
    assert resumed.resolution_due == T0 + 8 * H + 3 * H
    assert sla.resume(resumed, T0 + 6 * H) == resumed  # nothing to resume


def test_resolving_while_paused_counts_the_pause_then_stops() -> None:
    clocks = sla.pause(sla.start(T0, P2), T0 + H)
    resolved = sla.stop_resolution(clocks, T0 + 4 * H)
    assert resolved.resolved_at == T0 + 4 * H
    assert resolved.paused_at is None
    assert resolved.resolution_due == T0 + 11 * H
    assert sla.stop_resolution(resolved, T0 + 9 * H) == resolved


def test_reopening_treats_the_resolved_time_as_a_pause() -> None:
    resolved = sla.stop_resolution(sla.start(T0, P2), T0 + 2 * H)
    reopened = sla.reopen(resolved, T0 + 5 * H)
    assert reopened.resolved_at is None
    assert reopened.resolution_due == T0 + 11 * H


def test_after_change_follows_the_ticket() -> None:
    clocks = sla.start(T0, P2)
    assert sla.after_change(clocks, Status.NEW, None, T0 + M) == clocks
    claimed = sla.after_change(clocks, Status.IN_PROGRESS, "U1", T0 + 10 * M)
    assert claimed.responded_at == T0 + 10 * M
    assert sla.running(claimed) == (SlaClock.RESOLUTION, T0 + 8 * H)
    # assigning without leaving new also stops the response clock
    assigned = sla.after_change(clocks, Status.NEW, "U1", T0 + 20 * M)
    assert assigned.responded_at == T0 + 20 * M
    waiting = sla.after_change(claimed, Status.WAITING_ON_REQUESTER, "U1", T0 + H)
    assert waiting.paused_at == T0 + H and sla.running(waiting) is None
    back = sla.after_change(waiting, Status.IN_PROGRESS, "U1", T0 + 3 * H)
    assert back.resolution_due == T0 + 10 * H and sla.running(back) is not None
    resolved = sla.after_change(back, Status.RESOLVED, "U1", T0 + 4 * H)
    assert resolved.resolved_at == T0 + 4 * H and sla.running(resolved) is None
    # the first response is recorded once
    assert resolved.responded_at == T0 + 10 * M


def test_waiting_straight_from_new_stops_the_response_clock_and_pauses() -> None:
    clocks = sla.after_change(sla.start(T0, P2), Status.WAITING_ON_REQUESTER, None, T0 + 5 * M)
    assert clocks.responded_at == T0 + 5 * M
    assert clocks.paused_at == T0 + 5 * M


def test_cancelling_stops_every_clock() -> None:
    clocks = sla.after_change(sla.start(T0, P2), Status.CANCELLED, None, T0 + 5 * M)
    assert sla.running(clocks) is None


def test_next_reminder_is_the_due_time_then_every_cadence_on_its_grid() -> None:
    clocks = sla.start(T0, P2)
    assert sla.next_reminder(clocks, T0, H) == T0 + H
    assert sla.next_reminder(clocks, T0 + H, H) == T0 + 2 * H  # sent at due: next one later
    assert sla.next_reminder(clocks, T0 + H + 40 * M, H) == T0 + 2 * H  # no drift with ticks
    assert sla.next_reminder(clocks, T0 + 5 * H + M, H) == T0 + 6 * H  # after an outage
    paused = sla.pause(clocks, T0)
    assert sla.next_reminder(sla.stop_response(paused, T0), T0, H) is None


@pytest.mark.parametrize(
    "at,expected",
    [
        (T0 - M, T0 + 10 * M),
        (T0, T0 + 10 * M),
        (T0 + 9 * M, T0 + 10 * M),
        (T0 + 10 * M, T0 + 20 * M),
        (T0 + 25 * M, T0 + 30 * M),
    ],
)
def test_grid_after(at: datetime, expected: datetime) -> None:
    assert sla.grid_after(T0, 10 * M, at) == expected


def test_cadence_defaults_to_the_response_target_and_can_be_set() -> None:
    config = parse_services_config(
        """
default_service: desk
services:
  desk:
    name: {fr: Support, en: Desk}
    channel: C0DESK
    page_p1: true
sla:
  P2: {response: 1h, resolution: 8h, remind_every: 30m}
"""
    )
    assert config.sla_for(Priority.P2).reminder_cadence == 30 * M
    assert config.sla_for(Priority.P3).reminder_cadence == 4 * H
    assert config.service("desk").page_p1 is True
