"""``KnowledgeBase.refresh`` (a scheduler sweep): the index is rebuilt when the stored version
moved since it was built, by another replica or while it was being read; never for this
replica's own learning, which it indexed already; and not before the first build."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

from bot.domain.clock import ManualClock
from bot.domain.knowledge import Article
from bot.domain.models import Language
from bot.knowledge.base import KnowledgeBase

NOW = datetime(2026, 12, 4, 9, tzinfo=UTC)
PRINTER = Article(
    id="printer", title="Printer jams", body="Open tray 2.", language=Language.EN, tags=("printer",)
)


class _Database:
    """The stored articles, learned questions and change marker, counting the rebuilds' reads."""

    def __init__(self) -> None:
        self.version_now = 0
        self.reads = 0
        self.questions: dict[str, list[str]] = {}

    async def active(self, limit: int = 10_000) -> list[Article]:
        self.reads += 1
        return [PRINTER]

    async def learned(
        self, per_article: int, leaving_out: Collection[str] = ()
    ) -> dict[str, list[str]]:
        return {k: v[:per_article] for k, v in self.questions.items()}

    async def version(self) -> int:
        return self.version_now

    async def moved(self, at: datetime) -> int:
        self.version_now += 1
        return self.version_now


def _base(db: _Database) -> KnowledgeBase:
    return KnowledgeBase([], db, None, db, db, ManualClock(NOW))  # type: ignore[arg-type]


async def test_not_before_the_first_build_then_only_when_the_version_moved() -> None:
    db = _Database()
    base = _base(db)
    await base.refresh(NOW)
    assert db.reads == 0  # start-up's load builds it first
    await base.load_stored()
    await base.refresh(NOW)
    assert db.reads == 1  # nothing moved
    db.questions = {"printer": ["copieur en rade", "le copieur est en rade"]}
    db.version_now += 1  # another replica learned it
    await base.refresh(NOW)
    assert db.reads == 2 and [a.id for a in base.search("copieur en rade")] == ["printer"]


async def test_its_own_learning_is_not_rebuilt_again_but_a_change_between_is() -> None:
    db = _Database()
    base = _base(db)
    await base.load_stored()
    await base.learn("printer", "copieur en rade")
    await base.refresh(NOW)
    assert db.version_now == 1 and db.reads == 1  # marked for the others, not read back
    db.version_now += 1  # another replica's change
    await base.learn("printer", "le copieur est en rade")  # version 3: 2 is not its own
    await base.refresh(NOW)
    assert db.reads == 2
