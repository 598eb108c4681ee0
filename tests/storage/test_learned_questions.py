"""The questions articles answered, as the knowledge base learns them: "This answered my
question" and the titles of tickets an agent answered with an article; latest first, a bounded
number per article, none once the question is erased or anonymised."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.client import Database
from storage.deflections import DeflectionRepository
from storage.learned_questions import LearnedQuestionRepository

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


async def test_answered_questions_latest_first_bounded_per_article(database: Database) -> None:
    repository = DeflectionRepository(database)
    learned = LearnedQuestionRepository(database)
    await learned.create_indexes()
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
    assert await learned.learned(per_article=2) == {
        "vpn": ["vpn plante", "vpn hs chez moi"],
        "phishing": ["mail chelou"],
    }


async def test_an_erased_question_is_not_learned(database: Database) -> None:
    repository = DeflectionRepository(database)
    shown = await repository.shown("U0JOHN", "mail chelou", ["phishing"], "dm", AT)
    await repository.answered(shown, "U0JOHN", "phishing")
    # what /ticket privacy erase and the retention leave of it
    await database.handle["deflections"].update_one({"_id": shown}, {"$set": {"question": None}})
    assert await LearnedQuestionRepository(database).learned(per_article=20) == {}


async def test_titles_of_tickets_answered_with_an_article_are_learned_after_answers(
    database: Database,
) -> None:
    tickets = database.handle["tickets"]
    for number, (title, sent) in enumerate(
        [("vpn ko en tt", ["vpn"]), ("bureau trop froid", []), ("", ["vpn"])], start=1
    ):
        history = [{"action": "created"}] + [{"action": "article_sent", "after": a} for a in sent]
        await tickets.insert_one(
            {"_id": f"INC-{number}", "title": title, "history": history, "updated_at": AT}
        )
    shown = await DeflectionRepository(database).shown("U0JOHN", "vpn hs", ["vpn"], "dm", AT)
    await DeflectionRepository(database).answered(shown, "U0JOHN", "vpn")
    # the anonymised ticket (no title) teaches nothing, the one with no article neither
    assert await LearnedQuestionRepository(database).learned(per_article=5) == {
        "vpn": ["vpn hs", "vpn ko en tt"]
    }


async def test_a_private_services_tickets_are_left_out(database: Database) -> None:
    tickets = database.handle["tickets"]
    for number, (title, service) in enumerate(
        [("vpn ko en tt", "infra_network"), ("vpn volé par hameçonnage", "security")], start=1
    ):
        history = [{"action": "created"}, {"action": "article_sent", "after": "vpn"}]
        await tickets.insert_one(
            {
                "_id": f"INC-{number}",
                "title": title,
                "service": service,
                "history": history,
                "updated_at": AT + timedelta(minutes=number),
            }
        )
    learned = LearnedQuestionRepository(database)
    assert await learned.learned(per_article=5, leaving_out=frozenset({"security"})) == {
        "vpn": ["vpn ko en tt"]
    }
    assert await learned.learned(per_article=5) == {
        "vpn": ["vpn volé par hameçonnage", "vpn ko en tt"]
    }
