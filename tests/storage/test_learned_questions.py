"""The questions articles answered, as the knowledge base learns them: latest first, a bounded
number per article, none once the question is erased or anonymised."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.client import Database
from storage.deflections import DeflectionRepository

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def test_answered_questions_latest_first_bounded_per_article(database: Database) -> None:
    repository = DeflectionRepository(database)
    await repository.create_indexes()
    for minute, (question, article) in enumerate(
        [
            ("vpn ko en tt", "vpn"),
            ("vpn hs chez moi", "vpn"),
            ("mail chelou", "phishing"),
            ("vpn plante", "vpn"),
        ]
    ):
        shown = await repository.shown(
            "U0JOHN", question, [article], "dm", AT + timedelta(minutes=minute)
        )
        assert await repository.answered(shown, "U0JOHN", article)
    await repository.shown("U0JOHN", "printer jams", ["printer"], "dm", AT)  # never answered
    assert await repository.learned(per_article=2) == {
        "vpn": ["vpn plante", "vpn hs chez moi"],
        "phishing": ["mail chelou"],
    }


async def test_an_erased_question_is_not_learned(database: Database) -> None:
    repository = DeflectionRepository(database)
    shown = await repository.shown("U0JOHN", "mail chelou", ["phishing"], "dm", AT)
    await repository.answered(shown, "U0JOHN", "phishing")
    # what /ticket privacy erase and the retention leave of it
    await database.handle["deflections"].update_one({"_id": shown}, {"$set": {"question": None}})
    assert await repository.learned(per_article=20) == {}
