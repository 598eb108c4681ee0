"""Paging arithmetic: who is paged when, escalation, the last level, the channel fallback."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain import oncall as paging
from bot.domain.config import OncallLevel, ServiceConfig
from bot.domain.models import OutgoingKind, Priority, TicketType

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
M = timedelta(minutes=1)
S = timedelta(seconds=1)


def _service(levels: list[tuple[list[str], int]], repage: int = 5, **kw: object) -> ServiceConfig:
    return ServiceConfig.model_validate(
        {
            "name": {"fr": "Infra", "en": "Infra"},
            "channel": "C0INFRA",
            "oncall": [{"users": users, "after": f"{after}m"} for users, after in levels],
            "repage_every": f"{repage}m",
            **kw,
        }
    )


TWO_LEVELS = _service([(["U0A", "U0B"], 0), (["U0C"], 10)])


def _who(step: paging.PageStep) -> list[tuple[str, str | None, int]]:
    return [(m.kind.value, m.recipient, m.level) for m in step.messages]


def test_who_pages() -> None:
    quiet, loud = _service([]), _service([], page_p1=True)
    assert paging.pages(TicketType.EMERGENCY, Priority.P1, quiet)
    assert not paging.pages(TicketType.INCIDENT, Priority.P1, quiet)
    assert paging.pages(TicketType.INCIDENT, Priority.P1, loud)
    assert not paging.pages(TicketType.INCIDENT, Priority.P2, loud)


def test_level_one_then_repage_then_escalation_then_last_level() -> None:
    state = paging.start(T0)
    assert state.next_at == T0

    first = paging.step("EMG-1", state, TWO_LEVELS, T0)
    assert _who(first) == [("page", "U0A", 0), ("page", "U0B", 0)]
    assert first.paging.next_at == T0 + 5 * M and first.paging.pages == 1

    again = paging.step("EMG-1", first.paging, TWO_LEVELS, T0 + 5 * M + 20 * S)
    assert _who(again) == [("page", "U0A", 0), ("page", "U0B", 0)]
    assert {m.number for m in again.messages} == {2}
    assert again.paging.next_at == T0 + 10 * M  # level 2's "after", not drifting with the tick

    up = paging.step("EMG-1", again.paging, TWO_LEVELS, T0 + 10 * M)
    assert _who(up) == [("page", "U0C", 1), ("last_level", None, 1)]
    assert up.paging.level == 1 and up.paging.last_level_announced
    assert up.paging.next_at == T0 + 15 * M

    last = paging.step("EMG-1", up.paging, TWO_LEVELS, T0 + 15 * M)
    assert _who(last) == [("page", "U0C", 1)]  # the last level again; the channel told once
    assert last.paging.next_at == T0 + 20 * M


def test_after_an_outage_only_what_is_due_now_is_sent() -> None:
    late = paging.step("EMG-1", paging.start(T0), TWO_LEVELS, T0 + 37 * M)
    assert _who(late) == [
        ("page", "U0A", 0),
        ("page", "U0B", 0),
        ("page", "U0C", 1),
        ("last_level", None, 1),
    ]
    assert late.paging.next_at == T0 + 40 * M


def test_a_single_level_is_the_last_one() -> None:
    service = _service([(["U0SEC"], 0)])
    first = paging.step("EMG-2", paging.start(T0), service, T0)
    assert _who(first) == [("page", "U0SEC", 0), ("last_level", None, 0)]


def test_someone_on_two_levels_is_paged_once() -> None:
    service = _service([(["U0A"], 0), (["U0A", "U0C"], 0)])
    first = paging.step("EMG-3", paging.start(T0), service, T0)
    assert [m.recipient for m in first.messages if m.kind is OutgoingKind.PAGE] == ["U0A", "U0C"]


def test_each_page_carries_its_readers_own_count_not_the_tickets_round() -> None:
    """Level 2's first page is its reader's first (the ticket's third round); someone on both
    levels keeps counting theirs."""
    service = _service([(["U0A", "U0B"], 0), (["U0A", "U0C"], 10)])
    state = paging.start(T0)
    counts = []
    for at in (T0, T0 + 5 * M, T0 + 10 * M, T0 + 15 * M):
        step = paging.step("EMG-6", state, service, at)
        counts.append([(m.recipient, m.number) for m in step.messages if m.recipient])
        state = step.paging
    assert counts == [
        [("U0A", 1), ("U0B", 1)],
        [("U0A", 2), ("U0B", 2)],
        [("U0A", 3), ("U0C", 1)],  # escalation: U0A again (level 2 too), U0C's first
        [("U0A", 4), ("U0C", 2)],
    ]
    assert state.pages == 4 and state.paged == {"U0A": 4, "U0B": 2, "U0C": 2}


def test_a_level_gone_from_the_services_file_pages_the_last_one_left() -> None:
    """Paging reached level 2, then the file lost it: the last level left is paged (before,
    every tick failed on the missing level, and nobody was paged again)."""
    escalated = replace(paging.start(T0), level=1, pages=3, next_at=T0 + 15 * M)
    one_level = _service([(["U0A"], 0)])
    again = paging.step("EMG-7", escalated, one_level, T0 + 15 * M)
    assert _who(again) == [("page", "U0A", 0), ("last_level", None, 0)]
    assert again.paging.level == 0


def test_a_paging_moved_to_another_service_starts_again_there_or_stops() -> None:
    escalated = replace(paging.start(T0), level=1, pages=3, paged={"U0A": 2, "U0C": 1})
    there = paging.moved(escalated, TWO_LEVELS, True, T0 + 20 * M, "infra_network")
    # its level 1, at once, nobody's count carried; where it came from kept
    assert there == replace(paging.start(T0 + 20 * M), moved_from="infra_network")
    assert paging.moved(escalated, TWO_LEVELS, False, T0 + 20 * M).stopped_at == T0 + 20 * M
    assert paging.moved(escalated, None, True, T0 + 20 * M).stopped_at == T0 + 20 * M
    acked = paging.acknowledge(escalated, "U0A", T0)
    assert paging.moved(acked, TWO_LEVELS, True, T0 + 20 * M) == acked


def test_a_level_nobody_could_be_paged_at_is_skipped_at_once() -> None:
    state = paging.step("EMG-8", paging.start(T0), TWO_LEVELS, T0).paging
    skipped = paging.skip_past(state, 0, TWO_LEVELS, T0 + M)
    assert skipped is not None and skipped.next_at == T0 + M and skipped.skipped_to == 1
    up = paging.step("EMG-8", skipped, TWO_LEVELS, T0 + M)  # level 2 long before its 10 min
    assert _who(up) == [("page", "U0C", 1), ("last_level", None, 1)]
    assert up.paging.level == 1 and up.paging.next_at == T0 + 6 * M
    # nothing above the last level, nothing once paging went past it or ended
    assert paging.skip_past(up.paging, 1, TWO_LEVELS, T0 + 2 * M) is None
    assert paging.skip_past(up.paging, 0, TWO_LEVELS, T0 + 2 * M) is None
    acked = paging.acknowledge(state, "U0A", T0)
    assert paging.skip_past(acked, 0, TWO_LEVELS, T0 + M) is None


def test_nobody_on_call_pages_the_channel_on_the_same_cadence() -> None:
    service = _service([])
    first = paging.step("EMG-4", paging.start(T0), service, T0)
    assert _who(first) == [("page", None, 0)]
    second = paging.step("EMG-4", first.paging, service, T0 + 5 * M)
    assert [m.number for m in second.messages] == [2]
    assert second.paging.next_at == T0 + 10 * M


@pytest.mark.parametrize("end", ["acknowledge", "stop"])
def test_an_acknowledged_or_stopped_paging_sends_nothing(end: str) -> None:
    state = paging.step("EMG-5", paging.start(T0), TWO_LEVELS, T0).paging
    if end == "acknowledge":
        over = paging.acknowledge(state, "U0A", T0 + M)
        assert (over.acked_by, over.acked_at) == ("U0A", T0 + M)
    else:
        over = paging.stop(state, T0 + M)
        assert over.stopped_at == T0 + M
    assert not over.active and over.next_at is None
    forced = replace(over, next_at=T0 + 5 * M)
    assert paging.step("EMG-5", forced, TWO_LEVELS, T0 + 5 * M).messages == ()


def test_levels_must_be_in_order() -> None:
    with pytest.raises(ValueError):
        _service([(["U0A"], 10), (["U0B"], 0)])
    assert OncallLevel(users=["U0A"]).after == timedelta(0)


ROTATION = ServiceConfig.model_validate(
    {
        "name": {"fr": "Infra", "en": "Infra"},
        "channel": "C0INFRA",
        "oncall": [
            {"usergroups": ["S0ROTA"], "users": ["U0A"]},
            {"users": ["U0C"], "after": "10m"},
        ],
    }
)


def test_a_level_pages_its_users_and_its_groups_members_once_each() -> None:
    members = {"S0ROTA": ["U0A", "U0B"]}  # U0A named and in the group: paged once
    first = paging.step("EMG-8", paging.start(T0), ROTATION, T0, members)
    assert _who(first) == [("page", "U0A", 0), ("page", "U0B", 0)]
    assert paging.level_people(ROTATION.oncall[0], members) == ["U0A", "U0B"]
    assert paging.level_people(ROTATION.oncall[0]) == ["U0A"]  # the group never synced


def test_a_round_that_would_page_nobody_passes_the_alert_up_at_once() -> None:
    """The rotation's group is empty tonight: level 2 is due now, not in 10 minutes."""
    empty = ServiceConfig.model_validate(
        {
            "name": {"fr": "Infra", "en": "Infra"},
            "channel": "C0INFRA",
            "oncall": [{"usergroups": ["S0ROTA"]}, {"users": ["U0C"], "after": "10m"}],
        }
    )
    first = paging.step("EMG-9", paging.start(T0), empty, T0, {"S0ROTA": []})
    assert first.messages == ()
    assert first.paging.skipped_to == 1 and first.paging.next_at == T0
    up = paging.step("EMG-9", first.paging, empty, T0 + 30 * S, {"S0ROTA": []})
    assert _who(up) == [("page", "U0C", 1), ("last_level", None, 1)]
    alone = ServiceConfig.model_validate(
        {"name": {"fr": "I", "en": "I"}, "channel": "C0INFRA", "oncall": [{"usergroups": ["S0X"]}]}
    )
    nobody = paging.step("EMG-10", paging.start(T0), alone, T0, {})
    assert _who(nobody)[0] == ("page", None, 0)  # the channel, rather than nobody
