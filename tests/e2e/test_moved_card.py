"""A ticket sent to another team: its new card does not give the routing reasons that sent it to
the old one, it says a person sent it there."""

from __future__ import annotations

import json

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


async def test_a_card_sent_to_a_private_team_leaves_no_title_behind(bot: Harness) -> None:
    title = "My manager reads my mail"
    ticket = await bot.file("information_request", title, "Who can I tell?", user=EMPLOYEE_EN)
    assert ticket.service == "service_desk" and ticket.message is not None
    old = ticket.message
    before = len(bot.message_updates(old.channel, old.ts))
    await bot.choose(ticket.id, "ticket_reassign", "security", DESK_MEMBER)
    update = await bot.message_updated(old.channel, old.ts, before)
    shown = json.dumps(update.args, ensure_ascii=False)
    assert title not in shown and EMPLOYEE_EN not in shown  # nor who filed it
    assert update.args["text"] == (
        f"➡️ *{ticket.id}* a été transmis à la *Sécurité informatique* (son canal privé) par "
        f"<@{DESK_MEMBER}>."
    )
    assert title not in json.dumps(bot.slack.message(old.channel, old.ts), ensure_ascii=False)
    moved = await bot.ticket(ticket.id)
    assert moved.service == "security" and moved.message is not None
    assert moved.message.channel == CHANNELS["security"]
    assert title in str((await bot.channel_message(ticket.id))["blocks"])  # its people's card
