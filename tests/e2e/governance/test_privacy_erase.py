"""``/ticket privacy erase @person``: admins only, after a confirmation; the person becomes
"a former employee" in every ticket, history, message copy and audit line; twice is a no-op."""

from __future__ import annotations

from typing import Any

from bot.governance.erasure import FORMER
from tests.e2e.harness import DESK_AGENT, EMPLOYEE_EN, OUTSIDER, Harness
from tests.e2e.workspace import ADMIN, GROUP_ADMIN


async def _erase_form(bot: Harness, person: str, admin: str = ADMIN) -> dict[str, Any]:
    trigger = bot.send.new_trigger_id(admin)
    status, _ = await bot.send.command(
        f"privacy erase <@{person}|john>", user_id=admin, trigger_id=trigger
    )
    assert status == 200
    call = await bot.opened_with(trigger)
    assert call.ok, call.response
    return call.response["view"]


async def _documents(bot: Harness) -> list[dict[str, Any]]:
    handle = bot.guichet.database.handle
    tickets = await handle["tickets"].find({}).to_list(100)
    return [*tickets, *await handle["audit"].find({}).to_list(1000)]


async def test_erasing_a_person_after_confirmation_and_twice(bot: Harness) -> None:
    ticket = await bot.file("information_request", "Password procedure?", "Where is it?")
    cards = bot.card_updates(ticket)
    await bot.choose(ticket.id, "ticket_claim", None, DESK_AGENT)
    await bot.card_updated(ticket, cards)
    form = await _erase_form(bot, EMPLOYEE_EN)
    assert form["callback_id"] == "privacy_erase_confirm"
    assert f"<@{EMPLOYEE_EN}> will become “a former employee”" in str(form["blocks"])
    assert EMPLOYEE_EN in str(await _documents(bot))  # nothing erased before confirming

    status, _ = await bot.send.view_submission(form, {}, user_id=ADMIN)
    assert status == 200
    told = await bot.told_eventually(ADMIN, "is erased")
    assert told.startswith(f"<@{EMPLOYEE_EN}>’s data is erased: 1 ticket and ")
    assert EMPLOYEE_EN not in str(await _documents(bot))  # no ticket, history or audit line
    stored = await bot.ticket(ticket.id)
    assert (stored.requester, stored.assignee) == (FORMER, DESK_AGENT)
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert history[0].actor == FORMER and history[-1].actor == DESK_AGENT

    after_first = await _documents(bot)
    again = await _erase_form(bot, EMPLOYEE_EN)
    await bot.send.view_submission(again, {}, user_id=ADMIN)
    assert "nothing to erase" in await bot.told_eventually(ADMIN, "nothing to erase")
    changed = [d for d in await _documents(bot) if d not in after_first]
    assert [d["action"] for d in changed] == ["privacy_erase"]  # only the audit line of it


async def test_erasing_an_agent_takes_them_out_of_the_cards_last_change(bot: Harness) -> None:
    ticket = await bot.file("information_request", "Password procedure?", "Where is it?")
    cards = bot.card_updates(ticket)
    await bot.choose(ticket.id, "ticket_claim", None, DESK_AGENT)
    await bot.card_updated(ticket, cards)
    claimed = await bot.ticket(ticket.id)
    assert claimed.last_change is not None and claimed.last_change.actor == DESK_AGENT

    status, _ = await bot.send.view_submission(
        await _erase_form(bot, DESK_AGENT), {}, user_id=ADMIN
    )
    assert status == 200
    await bot.told_eventually(ADMIN, "is erased")
    assert DESK_AGENT not in str(await _documents(bot))
    stored = await bot.ticket(ticket.id)
    assert stored.last_change is not None
    assert (stored.last_change.actor, stored.last_change.after) == (FORMER, FORMER)


async def test_an_erased_person_reads_as_a_former_employee_not_a_mention_nor_guichet(
    bot: Harness,
) -> None:
    """After the erasure, ``/ticket show`` (the card's fields, its history) names the erased
    requester and agent in words: not ``<@former_employee>`` (a mention of no one, which Slack
    shows broken), and the filing not as Guichet's own doing."""
    ticket = await bot.file("information_request", "Password procedure?", "Where is it?")
    cards = bot.card_updates(ticket)
    await bot.choose(ticket.id, "ticket_claim", None, DESK_AGENT)
    await bot.card_updated(ticket, cards)
    for person in (EMPLOYEE_EN, DESK_AGENT):
        status, _ = await bot.send.view_submission(
            await _erase_form(bot, person), {}, user_id=ADMIN
        )
        assert status == 200
        await bot.told_eventually(ADMIN, "is erased", times=2 if person == DESK_AGENT else 1)
    shown = await bot.show(ticket.id, ADMIN)  # in English
    assert f"<@{FORMER}>" not in shown and "filed by Guichet" not in shown
    assert "*Requester*\\n_a former employee_" in shown
    assert "*Assignee*\\n_a former employee_" in shown
    assert "filed by _a former employee_" in shown
    assert "claimed by _a former employee_" in shown
    french = await bot.show(ticket.id, GROUP_ADMIN)
    assert "*Demandeur*\\n_un ancien salarié_" in french and f"<@{FORMER}>" not in french


async def test_only_admins_erase_and_a_forged_confirmation_erases_nothing(bot: Harness) -> None:
    ticket = await bot.file("information_request", "Password procedure?", "Where is it?")
    before = len(bot.slack.calls_to("views.open"))
    told = (await bot.command_answer(f"privacy erase <@{EMPLOYEE_EN}>", OUTSIDER))["text"]
    assert told == "The privacy commands are for Guichet’s admins only."
    assert len(bot.slack.calls_to("views.open")) == before

    form = await _erase_form(bot, EMPLOYEE_EN)  # an admin's form, submitted by someone else
    await bot.send.view_submission(form, {}, user_id=OUTSIDER)
    await bot.told_eventually(OUTSIDER, "for Guichet’s admins only")
    assert (await bot.ticket(ticket.id)).requester == EMPLOYEE_EN  # nothing erased
    audit = bot.guichet.database.handle["audit"]
    refused = await audit.find({"action": "privacy_erase"}).to_list(10)
    assert [(d["actor"], d["outcome"]) for d in refused] == [
        (OUTSIDER, "refused"),
        (OUTSIDER, "refused"),
    ]


async def test_the_card_in_the_channel_is_redrawn_without_the_erased_person(
    bot: Harness,
) -> None:
    """The erasure rewrites the stored ticket; the card in the service's channel, which showed
    the requester's mention, is redrawn from it at once (it kept it until the ticket changed)."""
    ticket = await bot.file("information_request", "Password procedure?", "Where is it?")
    assert ticket.message is not None
    card = bot.slack.message(ticket.message.channel, ticket.message.ts)
    assert f"<@{EMPLOYEE_EN}>" in str(card["blocks"])
    cards = bot.card_updates(ticket)
    status, _ = await bot.send.view_submission(
        await _erase_form(bot, EMPLOYEE_EN), {}, user_id=ADMIN
    )
    assert status == 200
    await bot.told_eventually(ADMIN, "is erased")
    await bot.card_updated(ticket, cards)
    redrawn = bot.slack.message(ticket.message.channel, ticket.message.ts)
    assert EMPLOYEE_EN not in str(redrawn)
    assert "_un ancien salarié_" in str(redrawn["blocks"])  # the desk's channel reads French


async def test_a_french_admin_is_told_the_persons_data_is_erased(bot: Harness) -> None:
    """In French the data is erased (« Les données de … sont effacées »): « est effacé » gave
    every person a masculine agreement."""
    await bot.file("information_request", "Password procedure?", "Where is it?")
    form = await _erase_form(bot, EMPLOYEE_EN, GROUP_ADMIN)
    status, _ = await bot.send.view_submission(form, {}, user_id=GROUP_ADMIN)
    assert status == 200
    told = await bot.told_eventually(GROUP_ADMIN, "sont effacées")
    assert told.startswith(f"Les données de <@{EMPLOYEE_EN}> sont effacées\u00a0: 1 ticket et ")
