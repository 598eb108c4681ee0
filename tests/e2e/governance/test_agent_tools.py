"""Agent tools on the card: edit the title and description (agents any time, the requester
until someone has it), unassign. Authority comes from the stored ticket, never the form."""

from __future__ import annotations

from typing import Any

from bot.domain.models import Status, Ticket
from tests.e2e.harness import (
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    OUTSIDER,
    Harness,
)
from tests.e2e.observations import action_ids, searchable


async def _infra_ticket(bot: Harness, requester: str = EMPLOYEE_EN) -> Ticket:
    ticket = await bot.file(
        "incident", "VPN down at the warehouse", "The VPN is down.", user=requester
    )
    assert ticket.service == "infra_network" and ticket.message is not None
    return ticket


async def _edit_form(bot: Harness, ticket: Ticket, user: str) -> dict[str, Any]:
    call = await bot.choose_form(ticket.id, "ticket_edit", user)
    assert call.ok, call.response
    return call.response["view"]


async def _when(bot: Harness, ticket_id: str, **fields: Any) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    return ticket if all(getattr(ticket, k) == v for k, v in fields.items()) else None


async def test_an_agent_edits_the_title_and_description_from_the_card(bot: Harness) -> None:
    ticket = await _infra_ticket(bot)
    form = await _edit_form(bot, ticket, INFRA_ONCALL_1)
    assert (
        form["callback_id"] == "ticket_edit_form" and form["title"]["text"] == "Modifier le ticket"
    )  # a French on-call
    shown = {b["block_id"]: b["element"].get("initial_value") for b in form["blocks"]}
    assert shown == {"edit_title": ticket.title, "edit_description": ticket.description}

    answers = {"edit_title": "VPN down at the Lyon warehouse", "edit_description": "Since 8am."}
    status, body = await bot.submit(form, answers, user=INFRA_ONCALL_1)
    assert status == 200 and not body
    edited = await bot.eventually(
        lambda: _when(bot, ticket.id, title="VPN down at the Lyon warehouse"), "edited"
    )
    assert edited.description == "Since 8am."
    card = await bot.eventually(
        lambda: _card_with(bot, ticket.id, "Lyon warehouse"), "the card shows the new title"
    )
    assert "ticket_edit" in str(card)
    last = (await bot.guichet.helpdesk.tickets.history(ticket.id))[-1]
    assert (last.action, last.actor, last.before, last.note) == (
        "edited",
        INFRA_ONCALL_1,
        "VPN down at the warehouse",
        "title,description",
    )
    shown_to_requester = await bot.show(ticket.id, EMPLOYEE_EN)
    assert f"edited by <@{INFRA_ONCALL_1}>" in shown_to_requester
    audit = bot.guichet.database.handle["audit"]
    assert await audit.count_documents({"action": "edited", "actor": INFRA_ONCALL_1}) == 1


async def _card_with(bot: Harness, ticket_id: str, fragment: str) -> dict[str, Any] | None:
    card = await bot.channel_message(ticket_id)
    return card if fragment in str(card["blocks"]) else None


async def test_the_requester_edits_until_someone_has_it(bot: Harness) -> None:
    ticket = await _infra_ticket(bot)
    form = await _edit_form(bot, ticket, EMPLOYEE_EN)
    await bot.submit(form, {"edit_title": "VPN and Wi-Fi down"}, user=EMPLOYEE_EN)
    await bot.eventually(lambda: _when(bot, ticket.id, title="VPN and Wi-Fi down"), "edited")

    later = await _edit_form(bot, ticket, EMPLOYEE_EN)  # kept open while an agent claims it
    await bot.choose(ticket.id, "ticket_claim", None, INFRA_ONCALL_1)
    await bot.eventually(lambda: _when(bot, ticket.id, assignee=INFRA_ONCALL_1), "claimed")
    status, body = await bot.submit(later, {"edit_title": "Everything down"}, user=EMPLOYEE_EN)
    assert status == 200 and body["response_action"] == "update"  # the form says why
    assert (await bot.ticket(ticket.id)).title == "VPN and Wi-Fi down"

    await bot.choose(ticket.id, "ticket_edit", None, EMPLOYEE_EN)  # the button refuses too
    await bot.ephemeral_seen(EMPLOYEE_EN, containing="Infrastructure & network")
    await bot.choose(ticket.id, "ticket_edit", None, OUTSIDER)
    await bot.ephemeral_seen(OUTSIDER, containing="Infrastructure & network")
    refused = bot.guichet.database.handle["audit"]
    assert {d["actor"] for d in await refused.find({"outcome": "refused"}).to_list(10)} == {
        EMPLOYEE_EN,
        OUTSIDER,
    }


async def test_unassign_puts_the_ticket_back_in_the_queue(bot: Harness) -> None:
    ticket = await _infra_ticket(bot)
    await bot.choose(ticket.id, "ticket_claim", None, INFRA_ONCALL_1)
    await bot.eventually(lambda: _when(bot, ticket.id, assignee=INFRA_ONCALL_1), "claimed")
    seen = await bot.eventually(
        lambda: _card_with(bot, ticket.id, "ticket_unassign"), "the Unassign button"
    )

    await bot.choose(ticket.id, "ticket_unassign", None, OUTSIDER, message=seen)
    await bot.ephemeral_seen(OUTSIDER, containing="Infrastructure & network")
    assert (await bot.ticket(ticket.id)).assignee == INFRA_ONCALL_1

    await bot.choose(ticket.id, "ticket_unassign", None, INFRA_ONCALL_2, message=seen)
    back = await bot.eventually(lambda: _when(bot, ticket.id, assignee=None), "unassigned")
    assert back.status is Status.NEW  # never in progress with nobody on it
    card = await bot.eventually(lambda: _card_with(bot, ticket.id, "ticket_claim"), "Claim again")
    assert "ticket_unassign" not in str(card)
    last = (await bot.guichet.helpdesk.tickets.history(ticket.id))[-1]
    assert (last.action, last.actor, last.before) == ("unassigned", INFRA_ONCALL_2, INFRA_ONCALL_1)
    # the requester, whose last DM said who was on it, is told nobody is any more
    told = await bot.told_eventually(EMPLOYEE_EN, "has nobody on it for now")
    assert told == (
        f"Your ticket *{ticket.id}* “VPN down at the warehouse” has nobody on it for now: "
        f"<@{INFRA_ONCALL_2}> put it back in *Infrastructure &amp; network*’s queue, and the "
        "next available person will pick it up. I will let you know."
    )
    assert action_ids(bot.latest_dm(EMPLOYEE_EN)) == ["ticket_add_info", "ticket_cancel"]
    # the DM before it gave its buttons up, saying what became of the ticket (not "is now new")
    await bot.settled()  # the earlier DM loses its buttons after the new one is posted
    earlier = bot.slack.messages(bot.slack.dm_channel_id(EMPLOYEE_EN))[-2]
    assert not action_ids(earlier)
    retired = str(earlier["blocks"])
    assert (
        f"↪️ *{ticket.id}* waits in *Infrastructure &amp; network*’s queue for someone to take "
        "it: its buttons are in the latest message." in retired
    ), retired
    # the one taken off it by someone else is told, in their language (French), by DM
    former = await bot.told_eventually(INFRA_ONCALL_1, "vous a retiré")
    assert former == (
        f":arrow_right_hook: <@{INFRA_ONCALL_2}> vous a retiré *{ticket.id}* "
        "«\u00a0VPN down at the warehouse\u00a0»\u00a0: le ticket revient dans la file "
        "de l’*Infrastructure et réseau*, vous n’avez plus à vous en occuper. Si c’est une "
        "erreur, reprenez-le avec *Je prends* sur sa fiche."
    ), former

    await bot.choose(ticket.id, "ticket_unassign", None, INFRA_ONCALL_2, message=seen)  # stale
    await bot.ephemeral_seen(INFRA_ONCALL_2)
    assert (await bot.ticket(ticket.id)).assignee is None


async def test_a_french_requester_is_told_their_ticket_is_back_in_the_queue(bot: Harness) -> None:
    ticket = await _infra_ticket(bot, requester=EMPLOYEE_FR)
    await bot.choose(ticket.id, "ticket_claim", None, INFRA_ONCALL_1)
    await bot.told_eventually(EMPLOYEE_FR, "a pris en charge votre ticket")
    seen = await bot.eventually(
        lambda: _card_with(bot, ticket.id, "ticket_unassign"), "the Unassign button"
    )
    await bot.choose(ticket.id, "ticket_unassign", None, INFRA_ONCALL_1, message=seen)
    told = await bot.told_eventually(EMPLOYEE_FR, "n’a plus personne pour le suivre")
    assert (
        f"<@{INFRA_ONCALL_1}> l’a remis dans la file de l’*Infrastructure et réseau*, la "
        "prochaine personne disponible le reprendra. Je vous préviendrai." in told
    ), told
    await bot.settled()  # the earlier DM is retired after the new one is posted
    earlier = searchable(bot.slack.messages(bot.slack.dm_channel_id(EMPLOYEE_FR))[-2]["blocks"])
    assert (
        f"↪️ *{ticket.id}* attend dans la file de l’*Infrastructure et réseau* que quelqu’un le "
        "prenne\u00a0: ses boutons sont dans le dernier message." in earlier
    ), earlier
    await bot.settled()  # who took it off themselves is not told of it
    assert not [text for text in bot.told(INFRA_ONCALL_1) if "vous a retiré" in text]
