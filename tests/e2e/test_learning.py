"""Guichet learns from settled tickets: a ticket moved to the right team and resolved there
sends the next similar one straight to that team; the lesson is kept in MongoDB."""

from __future__ import annotations

from bot.domain.models import Status
from tests.e2e.harness import CHANNELS, DESK_MEMBER, EMPLOYEE_FR, Harness

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
