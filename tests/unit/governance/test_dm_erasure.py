"""Deleting an erased person's DMs from the bot: a stored step, tried again with a growing delay
while Slack fails, a batch at a time, given up after ``MAX_ATTEMPTS`` failures in a row, and
forgotten once done; two replicas never work the same step at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.clock import ManualClock
from bot.domain.errors import DeliveryFailed
from bot.domain.models import MessageRef
from bot.governance.dm_erasure import MAX_ATTEMPTS, DmErasure
from bot.governance.ports import CopySweep, DmSweep
from storage.client import Database
from storage.dm_erasures import DmErasureStore

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeSlack:
    def __init__(self, answers: list[DmSweep | str]) -> None:
        self.answers = answers  # a DmSweep, or the error Slack answers
        self.calls: list[tuple[str, tuple[str, ...]]] = []

    async def delete_ours(self, person: str, channels: tuple[str, ...], budget: int) -> DmSweep:
        self.calls.append((person, channels))
        answer = self.answers.pop(0)
        if isinstance(answer, str):
            raise DeliveryFailed(answer)
        return answer


async def _jobs(database: Database) -> list[dict]:
    return list(await database.handle["dm_erasures"].find({}).to_list(10))


async def test_failures_wait_longer_each_time_and_progress_is_kept(database: Database) -> None:
    clock = ManualClock(START)
    slack = FakeSlack(["ratelimited", "fatal_error", DmSweep(200, False), DmSweep(3, True)])
    dms = DmErasure(DmErasureStore(database), slack, clock)
    job = await dms.plan("U0JOHN", ("DU0JOHN",))

    swept = await dms.run(job)  # Slack failed: stored, due in a minute; nothing done
    assert swept is not None and not swept.dms_finished and swept.dms == 0
    (stored,) = await _jobs(database)
    assert stored["next_attempt_at"] == START + timedelta(minutes=1)
    assert stored["last_error"] == "ratelimited"
    await dms.sweep(clock.now() + timedelta(seconds=59))
    assert len(slack.calls) == 1  # not due yet
    clock.advance(timedelta(minutes=1))
    await dms.sweep(clock.now())  # fails again: two minutes now
    (stored,) = await _jobs(database)
    assert stored["next_attempt_at"] == clock.now() + timedelta(minutes=2)
    clock.advance(timedelta(minutes=2))
    await dms.sweep(clock.now())  # a batch deleted: the rest next tick, the failures forgotten
    (stored,) = await _jobs(database)
    assert stored["attempts"] == 0 and stored["last_error"] is None
    clock.advance(timedelta(seconds=30))
    await dms.sweep(clock.now())
    assert await _jobs(database) == []  # done: nothing naming them is left
    assert slack.calls == [("U0JOHN", ("DU0JOHN",))] * 4


async def test_a_step_that_keeps_failing_is_given_up_with_one_error_line(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    clock = ManualClock(START)
    slack = FakeSlack(["missing_scope"] * MAX_ATTEMPTS)
    dms = DmErasure(DmErasureStore(database), slack, clock)
    await dms.plan("U0JOHN", ("DU0JOHN",))
    for _ in range(MAX_ATTEMPTS):
        clock.advance(timedelta(hours=7))  # longer than the longest delay
        await dms.sweep(clock.now())
    assert len(slack.calls) == MAX_ATTEMPTS
    assert await _jobs(database) == []
    given_up = [r for r in caplog.records if "given up" in r.getMessage()]
    assert len(given_up) == 1 and "DU0JOHN" in given_up[0].getMessage()
    assert "U0JOHN," not in given_up[0].getMessage()  # the channel, not the person's id


async def test_two_replicas_never_work_the_same_step_at_once(database: Database) -> None:
    clock = ManualClock(START)
    store = DmErasureStore(database)
    job = await store.add("U0JOHN", (), START)
    first = await store.claim(job.id, START, timedelta(minutes=10))
    assert first is not None and first.attempts == 1
    assert await store.claim(job.id, START, timedelta(minutes=10)) is None  # leased
    assert await store.claim(None, START + timedelta(minutes=9), timedelta(minutes=10)) is None
    clock.advance(timedelta(minutes=10))  # the first replica stopped: the lease ran out
    again = await store.claim(None, clock.now(), timedelta(minutes=10))
    assert again is not None and again.id == job.id and again.attempts == 2


class FakeCopies:
    """The threads' side: per thread, the copies (files per message) still there."""

    def __init__(self, threads: dict[MessageRef, list[int]], fail: int = 0) -> None:
        self.threads = threads
        self.fail = fail  # the next calls Slack fails
        self.calls: list[tuple[MessageRef, int]] = []

    async def clean_thread(self, person: str, thread: MessageRef, budget: int) -> CopySweep:
        self.calls.append((thread, budget))
        if self.fail:
            self.fail -= 1
            raise DeliveryFailed("fatal_error")
        left, files, spent = self.threads[thread], 0, 1
        while left and (spent + left[0] + 1 <= budget or spent == 1):
            files, spent = files + left[0], spent + left.pop(0) + 1
        return CopySweep(files, spent, finished=not left)


A, B = MessageRef("C0DESK", "1.0"), MessageRef("C0INFRA", "2.0")


async def test_the_threads_follow_the_dms_within_one_budget_and_each_is_read_until_clean(
    database: Database,
) -> None:
    clock = ManualClock(START)
    slack = FakeSlack([DmSweep(20, False), DmSweep(5, True)])
    copies = FakeCopies({A: [1] * 12, B: [3]})  # 12 copies of one file, one of three files
    dms = DmErasure(DmErasureStore(database), slack, clock, copies)
    job = await dms.plan("U0JOHN", ("DU0JOHN",), (A, B))

    swept = await dms.run(job)  # the DMs spent the whole budget: the threads wait
    assert swept is not None and (swept.dms, swept.files, swept.finished) == (20, 0, False)
    assert copies.calls == []
    clock.advance(timedelta(seconds=30))
    await dms.sweep(clock.now())  # the DMs' last 5, then A with the 15 calls left: 7 copies
    assert copies.calls == [(A, 15)]
    (stored,) = await _jobs(database)
    assert stored["dms_done"] and len(stored["threads"]) == 2
    clock.advance(timedelta(seconds=30))
    await dms.sweep(clock.now())  # the DMs are not read again; A's last 5, then B
    assert len(slack.calls) == 2
    assert copies.calls[1:] == [(A, 20), (B, 9)]
    assert await _jobs(database) == []


async def test_a_thread_cleaned_before_slack_failed_is_not_read_again(database: Database) -> None:
    clock = ManualClock(START)
    copies = FakeCopies({A: [1], B: [1]})
    dms = DmErasure(DmErasureStore(database), FakeSlack([DmSweep(0, True)]), clock, copies)
    job = await dms.plan("U0JOHN", (), (A, B))
    original = copies.clean_thread

    async def b_fails(person: str, thread: MessageRef, budget: int) -> CopySweep:
        if thread == B:
            raise DeliveryFailed("ratelimited")
        return await original(person, thread, budget)

    copies.clean_thread = b_fails  # type: ignore[method-assign]
    swept = await dms.run(job)  # A done, B failed: tried again in a minute
    assert swept is not None and not swept.finished and swept.left == (B,)  # what A held: kept
    assert swept.files == 1 and swept.stopped_in is None
    (stored,) = await _jobs(database)
    assert stored["threads"] == [{"channel": "C0INFRA", "ts": "2.0"}]
    assert stored["last_error"] == "ratelimited"
    copies.clean_thread = original  # type: ignore[method-assign]
    clock.advance(timedelta(minutes=1))
    await dms.sweep(clock.now())
    assert copies.calls == [(A, 20), (B, 20)]
    assert await _jobs(database) == []
