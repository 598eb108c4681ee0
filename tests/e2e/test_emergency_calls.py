"""Emergencies need a human: a 🎫 never pages by itself, "This is an emergency" on the card
does, and "Not an emergency" on a page stops it."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.models import HistoryAction, Level, Priority, Ticket, TicketType
from tests.e2e.harness import (
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    OUTSIDER,
    Harness,
)
from tests.e2e.observations import find_element
from tests.e2e.test_paging import file_emergency, pages_to, stored

GENERAL = "C0GENERAL"
OUTAGE = "Le réseau est complètement en panne sur tout le site, plus personne ne peut travailler"
M = timedelta(minutes=1)


async def _reacted(bot: Harness, text: str) -> Ticket:
    message = bot.slack.add_message(GENERAL, text, user=EMPLOYEE_FR)
    await bot.react(GENERAL, message["ts"], EMPLOYEE_FR)

    async def found() -> Ticket | None:
        ticket = await bot.guichet.helpdesk.tickets.find_by_origin(GENERAL, message["ts"])
        return ticket if ticket and ticket.message else None

    return await bot.wait_until(found, "the reaction's ticket")


async def test_a_reaction_on_an_outage_pages_nobody_and_the_card_asks_a_human(
    bot: Harness,
) -> None:
    ticket = await _reacted(bot, OUTAGE)
    assert ticket.type is TicketType.INCIDENT and ticket.service == "infra_network"
    assert (ticket.impact, ticket.urgency, ticket.priority) == (
        Level.HIGH,
        Level.MEDIUM,
        Priority.P2,
    )
    assert ticket.paging is None
    for _ in range(4):
        await bot.tick(5 * M)
    assert pages_to(bot, INFRA_ONCALL_1) == [] and pages_to(bot, INFRA_ONCALL_2) == []

    card = await bot.channel_message(ticket.id)  # the infra channel reads English
    assert "Guichet paged nobody" in str(card["blocks"])
    assert "“complètement en panne”, “ne peut travailler”" in str(card["blocks"])
    button = find_element(card, "ticket_declare_emergency")
    assert button["value"] == f"{ticket.id}|incident" and button["confirm"]

    # someone who does not work the service is refused, and nothing changes
    await bot.choose(ticket.id, "ticket_declare_emergency", None, user=OUTSIDER)
    await bot.told_eventually(OUTSIDER, "Only members of")
    assert (await stored(bot, ticket.id)).type is TicketType.INCIDENT

    # one of the service's people declares it: an emergency, P1, on-call paged at once
    await bot.choose(ticket.id, "ticket_declare_emergency", None, user=INFRA_ONCALL_2)
    await bot.wait_dms(INFRA_ONCALL_1, 1)
    declared = await stored(bot, ticket.id)
    assert declared.type is TicketType.EMERGENCY and declared.priority is Priority.P1
    assert declared.paging is not None and declared.paging.active
    told = await bot.told_eventually(EMPLOYEE_FR, "comme une urgence")
    assert f"<@{INFRA_ONCALL_2}> a déclaré votre ticket *{ticket.id}*" in told
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    declaration = next(e for e in history if e.action is HistoryAction.EMERGENCY_DECLARED)
    assert declaration.actor == INFRA_ONCALL_2
    assert "déclaré urgence par" in await bot.show(ticket.id, EMPLOYEE_FR)
    card = await bot.channel_message(ticket.id)
    assert "ticket_declare_emergency" not in str(card["blocks"])
    assert "ticket_ack" in str(card["blocks"])


async def test_a_reaction_on_an_urgent_ordinary_request_is_an_ordinary_ticket(
    bot: Harness,
) -> None:
    ticket = await _reacted(bot, "Urgent: my mouse is broken, can I get a new one?")
    assert ticket.type is TicketType.SERVICE_REQUEST and ticket.priority is Priority.P3
    assert ticket.paging is None and not ticket.extra
    card = await bot.channel_message(ticket.id)
    assert "suspected_emergency_actions" not in str(card["blocks"])  # no red row, no warning
    assert "Guichet paged nobody" not in str(card["blocks"])
    assert "style" not in find_element(card, "ticket_declare_emergency")  # a plain button


async def test_not_an_emergency_on_the_page_stops_paging(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    (page,) = pages_to(bot, INFRA_ONCALL_1)
    channel, ts = page.response["channel"], page.response["ts"]
    menu = find_element(bot.slack.message(channel, ts), "ticket_not_emergency")
    choice = next(o for o in menu["options"] if o["value"].endswith("|P3"))
    assert choice["text"]["text"] == "Pas une urgence\u00a0: incident P3 · moyenne"

    # someone outside the service cannot say so
    await bot.send.block_action(
        "ticket_not_emergency",
        choice["value"],
        user_id=OUTSIDER,
        channel_id=channel,
        message=bot.slack.message(channel, ts),
    )
    await bot.told_eventually(OUTSIDER, "Only members of")
    assert (await stored(bot, ticket.id)).type is TicketType.EMERGENCY

    bot.clock.advance(M)
    await bot.send.block_action(
        "ticket_not_emergency",
        choice["value"],
        user_id=INFRA_ONCALL_1,
        channel_id=channel,
        message=bot.slack.message(channel, ts),
    )
    told = await bot.told_eventually(EMPLOYEE_EN, "is not an emergency")
    assert f"<@{INFRA_ONCALL_1}> decided that *{ticket.id}*" in told and "P3 · medium" in told
    dismissed = await stored(bot, ticket.id)
    assert dismissed.type is TicketType.INCIDENT and dismissed.priority is Priority.P3
    assert dismissed.paging is not None and not dismissed.paging.active
    assert dismissed.paging.stopped_at == bot.clock.now()

    async def page_updated() -> dict | None:
        updated = bot.slack.message(channel, ts)
        return updated if "n’est pas une urgence" in updated["text"] else None

    updated = await bot.wait_until(page_updated, "the page says it is not an emergency")
    assert f"a dit <@{INFRA_ONCALL_1}>" in updated["text"]
    assert "ticket_ack" not in str(updated["blocks"])
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    last = next(e for e in reversed(history) if e.action is HistoryAction.NOT_EMERGENCY)
    assert (last.actor, last.before, last.after) == (INFRA_ONCALL_1, "P1", "P3")
    assert "not an emergency, said" in await bot.show(ticket.id, EMPLOYEE_EN)

    for _ in range(6):  # half an hour: level 2 would have been paged after 10 minutes
        await bot.tick(5 * M)
    assert len(pages_to(bot, INFRA_ONCALL_1)) == 1 and pages_to(bot, INFRA_ONCALL_2) == []

    # a second answer is told that it is no longer an emergency
    await bot.send.block_action(
        "ticket_not_emergency",
        choice["value"],
        user_id=INFRA_ONCALL_1,
        channel_id=channel,
        message=page.args | {"ts": ts},
    )
    await bot.told_eventually(INFRA_ONCALL_1, "n’est plus une urgence")


async def test_the_form_suggests_high_urgency_not_an_emergency_for_urgent_words(
    bot: Harness,
) -> None:
    view = await bot.open_form("Besoin urgent d'un nouveau câble HDMI", user=EMPLOYEE_FR)
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["type"]["element"]["initial_option"]["value"] == "service_request"
    assert blocks["urgency"]["element"]["initial_option"]["value"] == "high"
