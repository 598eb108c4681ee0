"""A ticket sent to another team: its new card does not give the routing reasons that sent it to
the old one, it says a person sent it there."""

from __future__ import annotations

from tests.e2e.harness import CHANNELS, DESK_MEMBER, EMPLOYEE_EN, Harness
from tests.e2e.workspace import INFRA_ONCALL_1

APP_DEV_MEMBER = "U0APPMEMBER"


async def test_the_moved_card_drops_the_old_routing_reasons(bot: Harness) -> None:
    bot.slack.set_members(CHANNELS["app_dev"], [APP_DEV_MEMBER])
    title, description = "Where is the travel policy?", "I need the procedure"
    ticket = await bot.file("information_request", title, description, user=EMPLOYEE_EN)
    assert ticket.service == "service_desk" and ticket.classification.reasons
    before = str((await bot.channel_message(ticket.id))["blocks"])
    assert "Orienté ici pour" in before or "Routed here for" in before

    await bot.choose(ticket.id, "ticket_reassign", "app_dev", DESK_MEMBER)

    async def moved() -> object:
        current = await bot.ticket(ticket.id)
        return current if current.service == "app_dev" and current.message else None

    await bot.wait_until(moved, "the ticket in app_dev's channel")
    card = str((await bot.channel_message(ticket.id))["blocks"])
    assert "Orienté ici pour" not in card and "Routed here for" not in card
    assert "Sent to this team by a person (Guichet had routed it to Service desk)" in card


async def test_a_card_moved_to_a_french_team_names_the_old_one_with_its_article(
    bot: Harness,
) -> None:
    ticket = await bot.file("incident", "VPN down at the warehouse", "Down.", user=EMPLOYEE_EN)
    assert ticket.service == "infra_network"
    await bot.choose(ticket.id, "ticket_reassign", "service_desk", INFRA_ONCALL_1)

    async def moved() -> object:
        current = await bot.ticket(ticket.id)
        return current if current.service == "service_desk" and current.message else None

    await bot.wait_until(moved, "the ticket in the service desk's channel")
    card = str((await bot.channel_message(ticket.id))["blocks"])  # the desk's channel: French
    assert (
        "Confié à ce service par une personne (Guichet l’avait orienté vers l’Infrastructure et "
        "réseau)" in card
    ), card
