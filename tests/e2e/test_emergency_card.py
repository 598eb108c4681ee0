"""Into and out of an emergency from any open ticket's card: an agent who learns an ordinary
incident is a major outage declares it (on-call paged), and an emergency already acknowledged
can still be found not to be one (an incident again, with the priority chosen)."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.models import HistoryAction, Priority, Ticket, TicketType
from tests.e2e.audit_lines import audit_lines, refusals
from tests.e2e.harness import (
    EMPLOYEE_EN,
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    OUTSIDER,
    Harness,
)
from tests.e2e.observations import find_element
from tests.e2e.test_paging import file_emergency, pages_to, press_ack, stored

M = timedelta(minutes=1)


async def _ordinary_incident(bot: Harness) -> Ticket:
    """An incident filed through the form, P2, for infrastructure: nothing pages."""
    ticket = await bot.file(
        "incident",
        "Production site down",
        "The warehouse network is down, nobody there can work.",
        impact="high",
        urgency="medium",
    )
    assert ticket.service == "infra_network" and ticket.type is TicketType.INCIDENT
    assert ticket.priority is Priority.P2 and ticket.paging is None
    return ticket


async def test_an_agent_declares_an_ordinary_incident_an_emergency_from_its_card(
    bot: Harness,
) -> None:
    ticket = await _ordinary_incident(bot)
    await bot.tick(5 * M)
    assert pages_to(bot, INFRA_ONCALL_1) == []
    card = await bot.channel_message(ticket.id)
    button = find_element(card, "ticket_declare_emergency")
    assert button["value"] == f"{ticket.id}|incident" and button["confirm"]

    await bot.choose(ticket.id, "ticket_declare_emergency", None, user=INFRA_ONCALL_2)
    (page,) = await bot.wait_dms(INFRA_ONCALL_1, 1)  # level 1 paged at once
    assert ticket.id in str(page.args) and "ticket_ack" in str(page.args["blocks"])
    declared = await stored(bot, ticket.id)
    assert declared.type is TicketType.EMERGENCY and declared.priority is Priority.P1
    assert declared.paging is not None and declared.paging.active
    told = await bot.told_eventually(EMPLOYEE_EN, "an emergency: on-call is being paged")
    assert f"<@{INFRA_ONCALL_2}> declared your ticket *{ticket.id}*" in told

    async def redrawn() -> dict | None:
        card = await bot.channel_message(ticket.id)
        return card if "ticket_ack" in str(card["blocks"]) else None

    card = await bot.wait_until(redrawn, "the card of the emergency")
    assert card["blocks"][0]["text"]["text"].startswith("🚨")
    assert "ticket_declare_emergency" not in str(card["blocks"])
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    declaration = next(e for e in history if e.action is HistoryAction.EMERGENCY_DECLARED)
    assert (declaration.actor, declaration.before, declaration.after) == (
        INFRA_ONCALL_2,
        "incident",
        "emergency",
    )
    done = await audit_lines(bot, ticket_id=ticket.id, outcome="done")
    assert (INFRA_ONCALL_2, "emergency_declared") in [(d[0], d[1]) for d in done]

    for _ in range(2):  # nobody acknowledged in 10 minutes: level 2 is paged too
        await bot.tick(5 * M)
    assert len(pages_to(bot, INFRA_ONCALL_1)) >= 2 and pages_to(bot, INFRA_ONCALL_2)


async def test_an_acknowledged_emergency_becomes_an_incident_from_its_card(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    (page,) = pages_to(bot, INFRA_ONCALL_1)
    await press_ack(bot, ticket, INFRA_ONCALL_1, page)

    async def acknowledged_card() -> dict | None:
        card = await bot.channel_message(ticket.id)
        blocks = str(card["blocks"])
        return card if "Acknowledged by" in blocks and "ticket_ack" not in blocks else None

    card = await bot.wait_until(acknowledged_card, "the acknowledged card")
    menu = find_element(card, "ticket_not_emergency")
    assert [o["value"] for o in menu["options"]] == [f"{ticket.id}|{p.value}" for p in Priority]
    paged = len(pages_to(bot, INFRA_ONCALL_1))

    bot.clock.advance(M)
    await bot.choose(ticket.id, "ticket_not_emergency", "P3", user=INFRA_ONCALL_1)
    told = await bot.told_eventually(EMPLOYEE_EN, "is not an emergency")
    assert f"<@{INFRA_ONCALL_1}> decided that *{ticket.id}*" in told and "P3 · medium" in told
    dismissed = await stored(bot, ticket.id)
    assert dismissed.type is TicketType.INCIDENT and dismissed.priority is Priority.P3
    assert dismissed.paging is not None and dismissed.paging.acked_by == INFRA_ONCALL_1

    async def incident_card() -> dict | None:
        card = await bot.channel_message(ticket.id)
        return card if not card["blocks"][0]["text"]["text"].startswith("🚨") else None

    card = await bot.wait_until(incident_card, "the card of the incident")
    blocks = str(card["blocks"])
    assert "ticket_not_emergency" not in blocks and "ticket_ack" not in blocks
    assert find_element(card, "ticket_declare_emergency")["value"] == f"{ticket.id}|incident"
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    last = history[-1]
    assert (last.action, last.actor, last.before, last.after) == (
        HistoryAction.NOT_EMERGENCY,
        INFRA_ONCALL_1,
        "P1",
        "P3",
    )
    done = await audit_lines(bot, ticket_id=ticket.id, outcome="done")
    assert (INFRA_ONCALL_1, "not_emergency") in [(d[0], d[1]) for d in done]

    for _ in range(6):  # half an hour: no page goes out for it any more
        await bot.tick(5 * M)
    assert len(pages_to(bot, INFRA_ONCALL_1)) == paged and pages_to(bot, INFRA_ONCALL_2) == []


async def test_an_outsider_is_refused_both_ways_and_nothing_changes(bot: Harness) -> None:
    incident = await _ordinary_incident(bot)
    await bot.choose(incident.id, "ticket_declare_emergency", None, user=OUTSIDER)
    await bot.told_eventually(OUTSIDER, "Only members of")
    assert await stored(bot, incident.id) == incident  # nothing written

    emergency = await file_emergency(bot)
    (page,) = pages_to(bot, INFRA_ONCALL_1)[-1:]
    await press_ack(bot, emergency, INFRA_ONCALL_1, page)
    await bot.eventually(lambda: _acked(bot, emergency.id), "acknowledged")
    told = len(bot.told(OUTSIDER))
    await bot.choose(emergency.id, "ticket_not_emergency", "P4", user=OUTSIDER)
    await bot.eventually(lambda: len(bot.told(OUTSIDER)) > told, "the outsider told")
    after = await stored(bot, emergency.id)
    assert after.type is TicketType.EMERGENCY and after.priority is Priority.P1

    assert await refusals(bot, OUTSIDER) == [
        (
            OUTSIDER,
            "ticket_declare_emergency",
            "refused",
            "block_actions:ticket_declare_emergency",
            incident.id,
            "NotAllowed",
        ),
        (
            OUTSIDER,
            "ticket_not_emergency",
            "refused",
            "block_actions:ticket_not_emergency",
            emergency.id,
            "NotAllowed",
        ),
    ]


async def test_a_forged_or_stale_declaration_is_refused(bot: Harness) -> None:
    ticket = await _ordinary_incident(bot)
    seen = await bot.channel_message(ticket.id)
    for forged in (f"{ticket.id}|bogus", f"{ticket.id}|incident|extra"):
        told = len(bot.told(INFRA_ONCALL_2))
        await bot.send.block_action(
            "ticket_declare_emergency",
            forged,
            user_id=INFRA_ONCALL_2,
            channel_id=ticket.message.channel if ticket.message else "",
            message=seen,
        )
        await bot.told_more(INFRA_ONCALL_2, told, "told")
        assert "no longer valid" in bot.told(INFRA_ONCALL_2)[-1]
    # the card showed an incident; someone made it a service request since
    await bot.choose(ticket.id, "ticket_type", "service_request", user=INFRA_ONCALL_1)
    await bot.eventually(lambda: _type_is(bot, ticket.id, TicketType.SERVICE_REQUEST), "retyped")
    await bot.choose(ticket.id, "ticket_declare_emergency", None, user=INFRA_ONCALL_2, message=seen)
    await bot.eventually(lambda: len(bot.told(INFRA_ONCALL_2)) > 2, "told it changed")
    after = await stored(bot, ticket.id)
    assert after.type is TicketType.SERVICE_REQUEST and after.paging is None
    assert pages_to(bot, INFRA_ONCALL_1) == []
    reasons = [line[-1] for line in await refusals(bot, INFRA_ONCALL_2)]
    assert reasons == ["bad_value", "bad_value", "StaleTicket"]


async def _acked(bot: Harness, ticket_id: str) -> bool:
    paging = (await stored(bot, ticket_id)).paging
    return paging is not None and paging.acked_by is not None


async def _type_is(bot: Harness, ticket_id: str, kind: TicketType) -> bool:
    return (await stored(bot, ticket_id)).type is kind


async def test_declared_on_a_ticket_someone_has_it_says_nobody_is_paged(bot: Harness) -> None:
    ticket = await _ordinary_incident(bot)
    await bot.choose(ticket.id, "ticket_claim", None, user=INFRA_ONCALL_2)

    async def claimed() -> dict | None:
        card = await bot.channel_message(ticket.id)
        return card if "ticket_claim" not in str(card["blocks"]) else None

    card = await bot.wait_until(claimed, "the claimed card")
    confirm = find_element(card, "ticket_declare_emergency")["confirm"]
    assert "Someone already has it, so on-call will not be paged." in confirm["text"]["text"]
    assert confirm["confirm"]["text"] == "Declare the emergency"

    await bot.choose(ticket.id, "ticket_declare_emergency", None, user=INFRA_ONCALL_2)
    told = await bot.told_eventually(EMPLOYEE_EN, "an emergency;")
    assert f"<@{INFRA_ONCALL_2}> is already on it." in told and "paged" not in told
    declared = await stored(bot, ticket.id)
    assert declared.type is TicketType.EMERGENCY and declared.paging is None
    await bot.tick(5 * M)
    assert pages_to(bot, INFRA_ONCALL_1) == []


async def test_an_emergency_keeps_p1_and_another_priority_is_not_an_emergency(
    bot: Harness,
) -> None:
    """A P3 that pages on-call and escalates is no emergency. Before: the emergency's card
    offered P2…P5 in its priority menu, and choosing P3 kept it an emergency, paging level 2
    at +10 min."""
    ticket = await file_emergency(bot)
    assert ticket.message is not None
    card = await bot.channel_message(ticket.id)
    assert "ticket_priority" not in str(card["blocks"])  # "Not an emergency" chooses it
    assert "ticket_not_emergency" in str(card["blocks"])

    # a card drawn before (or a forged value) still sends P3: refused, saying what to do
    for user, said in (
        (INFRA_ONCALL_1, "choisissez «\u00a0Pas une urgence\u00a0: incident…\u00a0» sur sa fiche"),
        (INFRA_ONCALL_2, "choose “Not an emergency: incident…” on its card"),
    ):
        told = len(bot.told(user))
        await bot.send.block_action(
            "ticket_priority",
            f"{ticket.id}|P1|P3",
            user_id=user,
            channel_id=ticket.message.channel,
            message=card,
            action_type="static_select",
        )
        await bot.told_more(user, told, "told")
        assert said in bot.ephemerals_to(user)[-1]["text"]
    after = await stored(bot, ticket.id)
    assert after.type is TicketType.EMERGENCY and after.priority is Priority.P1
    assert [line[-1] for line in await refusals(bot, INFRA_ONCALL_1)] == ["EmergencyPriority"]

    await bot.tick(10 * M)  # still an emergency, so still paged: level 2 as due
    assert len(pages_to(bot, INFRA_ONCALL_2)) == 1
