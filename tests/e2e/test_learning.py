"""Guichet learns from settled tickets: a ticket moved to the right team and resolved there
sends the next similar one straight to that team; the lesson is kept in MongoDB."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.models import Status
from bot.filing.learning import lesson_of
from storage.client import Database
from storage.lessons import LessonRepository
from tests.e2e.harness import (
    CHANNELS,
    DESK_MEMBER,
    EMPLOYEE_FR,
    SECURITY_ONCALL,
    Harness,
    running_bot,
)

APP_DEV_MEMBER = "U0APPMEMBER"


async def test_a_reassigned_ticket_makes_the_next_similar_one_go_right(bot: Harness) -> None:
    bot.slack.set_members(CHANNELS["app_dev"], [APP_DEV_MEMBER])
    first = await bot.file(
        "incident", "problème de connexion lcq", "lcq refuse mon identifiant", user=EMPLOYEE_FR
    )
    assert first.service == "service_desk"  # the lexicon has never heard of "lcq"

    await bot.choose(first.id, "ticket_reassign", "app_dev", DESK_MEMBER)

    async def moved() -> object:
        ticket = await bot.ticket(first.id)
        return ticket if ticket.service == "app_dev" and ticket.message else None

    await bot.wait_until(moved, "the ticket in app_dev's channel")
    await bot.claim(first, APP_DEV_MEMBER)
    await bot.told_eventually(EMPLOYEE_FR, "a pris en charge")
    await bot.choose(first.id, "ticket_status", "resolved", APP_DEV_MEMBER)

    async def learned() -> dict | None:
        return await bot.guichet.database.handle["triage_lessons"].find_one({"_id": first.id})

    lesson = await bot.wait_until(learned, "the lesson of the resolved ticket")
    assert lesson["service"] == "app_dev" and "lcq" in lesson["features"]

    second = await bot.file("incident", "lcq plante au démarrage", "depuis ce matin")
    assert second.service == "app_dev"
    assert "lcq" in second.classification.reasons
    card = await bot.channel_message(second.id)
    assert "lcq" in str(card["blocks"])

    # the requester closing it afterwards teaches nothing new: one lesson, revision 1
    await bot.choose(first.id, "ticket_status", "closed", APP_DEV_MEMBER)
    stored = await bot.ticket(first.id)
    assert stored.status in (Status.RESOLVED, Status.CLOSED)
    documents = await bot.guichet.database.handle["triage_lessons"].find({}).to_list(10)
    assert [(d["_id"], d["revision"]) for d in documents] == [(first.id, 1)]


async def test_an_unsure_route_says_so_on_the_card(bot: Harness) -> None:
    ticket = await bot.file("incident", "souci avec gazelle", "gazelle refuse tout depuis hier")
    assert ticket.service == "service_desk" and ticket.classification.confidence <= 0.3
    card = str((await bot.channel_message(ticket.id))["blocks"])
    assert "unsure which team" in card or "pas sûr du service" in card
    assert "ticket_reassign" in card  # the reroute it points to
    sure = await bot.file("incident", "VPN en panne", "le vpn ne se connecte plus")
    assert "ticket_reassign" in str((await bot.channel_message(sure.id))["blocks"])
    assert "unsure" not in str((await bot.channel_message(sure.id))["blocks"])


async def test_a_private_services_ticket_teaches_no_route(bot: Harness) -> None:
    """A private service's tickets teach nothing (``teaching_nothing``): their words would send
    other people's tickets to it, and show on those tickets' cards as the reason."""
    first = await bot.file(
        "incident", "souci zorglub", "zorglub bloque mon poste", user=EMPLOYEE_FR
    )
    assert first.service == "service_desk"  # the lexicon has never heard of "zorglub"
    await bot.choose(first.id, "ticket_reassign", "security", DESK_MEMBER)

    async def moved() -> object:
        ticket = await bot.ticket(first.id)
        return ticket if ticket.service == "security" and ticket.message else None

    await bot.wait_until(moved, "the ticket in security's channel")
    await bot.claim(first, SECURITY_ONCALL)
    await bot.choose(first.id, "ticket_status", "resolved", SECURITY_ONCALL)

    async def resolved() -> object:
        return (await bot.ticket(first.id)).status is Status.RESOLVED or None

    await bot.wait_until(resolved, "the private ticket resolved")
    await bot.settled()
    assert await bot.guichet.database.handle["triage_lessons"].count_documents({}) == 0

    second = await bot.file("incident", "zorglub plante au démarrage", "depuis ce matin")
    assert second.service != "security" and "zorglub" not in second.classification.reasons


async def test_the_stored_lessons_of_a_private_service_are_forgotten_at_start(
    database: Database,
) -> None:
    """Lessons a private service's tickets taught before (an older Guichet, an import, the
    service made private since) are deleted at the first scheduler tick, and not counted;
    doing it again deletes nothing."""
    lessons = LessonRepository(database)
    old = lesson_of("INC-90", "souci zorglub", "zorglub bloque", "security", "incident", 3)
    kept = lesson_of("INC-91", "lcq plante", "lcq refuse", "app_dev", "incident", 3)
    for lesson in (old, kept):
        assert await lessons.record(lesson, datetime(2026, 1, 5, tzinfo=UTC)) is not None
    async with running_bot(database) as bot:
        await bot.tick()
        stored = await bot.guichet.database.handle["triage_lessons"].find({}).to_list(10)
        assert [d["_id"] for d in stored] == ["INC-91"]
        ticket = await bot.file("incident", "zorglub plante au démarrage", "depuis ce matin")
        assert ticket.service != "security" and "zorglub" not in ticket.classification.reasons
        other = await bot.file("incident", "lcq plante au démarrage", "depuis ce matin")
        assert other.service == "app_dev"  # the public service's lesson still counts
    assert await lessons.forget({"security"}) == 0
