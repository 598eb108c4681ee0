"""The lessons store: one lesson per ticket, a retry writes nothing, a correction replaces."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.errors import StoreUnavailable
from bot.domain.lessons import Lesson
from bot.domain.models import Status, Ticket
from bot.filing.learning import Learning, lesson_of
from bot.filing.word_evidence import WordEvidence
from storage.client import Database
from storage.lessons import LessonRepository
from tests.fakes import ManualClock, ticket

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _lesson(ticket_id: str, service: str, kind: str = "incident") -> Lesson:
    return lesson_of(ticket_id, "problème de connexion lcq", "", service, kind)


async def test_a_retry_writes_nothing_and_a_correction_replaces(database: Database) -> None:
    repo = LessonRepository(database)
    await repo.create_indexes()
    first = await repo.record(_lesson("INC-1", "service_desk"), T0)
    assert first is not None and first.revision == 1
    assert await repo.record(_lesson("INC-1", "service_desk"), T0 + timedelta(minutes=1)) is None
    moved = await repo.record(_lesson("INC-1", "app_dev"), T0 + timedelta(minutes=2))
    assert moved is not None and moved.revision == 2 and moved.lesson.service == "app_dev"
    stored = await repo.all()
    assert [(s.lesson.ticket_id, s.lesson.service, s.revision) for s in stored] == [
        ("INC-1", "app_dev", 2)
    ]
    assert stored[0].lesson == _lesson("INC-1", "app_dev")
    assert [s.lesson.ticket_id for s in await repo.since(T0 + timedelta(minutes=2))] == ["INC-1"]
    assert await repo.since(T0 + timedelta(minutes=3)) == []


async def test_record_many_is_idempotent(database: Database) -> None:
    repo = LessonRepository(database)
    lessons = [_lesson(f"import:{i}", "app_dev") for i in range(5)]
    assert await repo.record_many(lessons, T0) == 5
    assert await repo.record_many(lessons, T0) == 0  # the same file again
    changed = [*lessons[:4], _lesson("import:4", "security")]
    assert await repo.record_many(changed, T0) == 1
    assert len(await repo.all()) == 5


async def test_two_replicas_share_the_model_and_a_restart_keeps_it(database: Database) -> None:
    clock = ManualClock(T0)
    one = Learning(LessonRepository(database), WordEvidence(), clock)
    two = Learning(LessonRepository(database), WordEvidence(), clock)
    await one.refresh()
    await two.refresh()
    settled = ticket(title="lcq ne répond pas", service="app_dev", status=Status.RESOLVED)
    assert await one.settle(settled)
    assert not await one.settle(settled)  # resolved, then closed: the same lesson
    clock.advance(timedelta(seconds=30))
    assert await two.refresh() == 1
    assert two.evidence.count("lcq", "s:app_dev") == 1
    restarted = Learning(LessonRepository(database), WordEvidence(), clock)
    await restarted.refresh()
    assert restarted.evidence.count("lcq", "s:app_dev") == 1 and restarted.evidence.tickets == 1
    moved: Ticket = ticket(title="lcq ne répond pas", service="infra_network")
    assert await one.settle(moved)
    clock.advance(timedelta(seconds=30))
    await two.refresh()
    assert two.evidence.count("lcq", "s:app_dev") == 0
    assert two.evidence.count("lcq", "s:infra_network") == 1 and two.evidence.tickets == 1


async def test_a_database_failure_leaves_the_model_as_it_was(
    memory_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = LessonRepository(memory_database)
    learning = Learning(repo, WordEvidence(), ManualClock(T0))
    await repo.record(_lesson("INC-1", "app_dev"), T0)
    await learning.refresh()

    async def down(*_: object) -> None:
        raise StoreUnavailable("down")

    monkeypatch.setattr(repo, "since", down)
    await learning.sweep(T0 + timedelta(minutes=1))  # logs, keeps the model
    assert learning.evidence.count("lcq", "s:app_dev") == 1
