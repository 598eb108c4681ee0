"""The emergency buttons in the audit log: "This is an emergency", "Not an emergency" and
Acknowledge, refused (someone outside the service, twice, a forged value) and accepted."""

from __future__ import annotations

from bot.domain.models import TicketType
from tests.e2e.audit_lines import audit_lines, refusals
from tests.e2e.harness import INFRA_ONCALL_1, INFRA_ONCALL_2, OUTSIDER, Harness
from tests.e2e.observations import find_element
from tests.e2e.test_emergency_calls import OUTAGE, _reacted
from tests.e2e.test_paging import pages_to, stored


async def test_emergency_decisions_and_refusals_are_audited(bot: Harness) -> None:
    ticket = await _reacted(bot, OUTAGE)  # a suspected emergency: the card asks a human
    await bot.choose(ticket.id, "ticket_declare_emergency", None, user=OUTSIDER)
    await bot.told_eventually(OUTSIDER, "Only members of")
    await bot.choose(ticket.id, "ticket_declare_emergency", None, user=INFRA_ONCALL_2)
    await bot.wait_dms(INFRA_ONCALL_1, 1)
    assert (await stored(bot, ticket.id)).type is TicketType.EMERGENCY

    (page,) = pages_to(bot, INFRA_ONCALL_1)
    channel, ts = page.response["channel"], page.response["ts"]
    menu = find_element(bot.slack.message(channel, ts), "ticket_not_emergency")
    choice = next(o for o in menu["options"] if o["value"].endswith("|P3"))
    message = bot.slack.message(channel, ts)
    forged = {**choice, "value": f"{ticket.id}|P9"}  # a priority no menu offers
    for value in (choice["value"], forged):  # refused, then forged
        told = len(bot.told(OUTSIDER))
        await bot.send.block_action(
            "ticket_not_emergency", value, user_id=OUTSIDER, channel_id=channel, message=message
        )
        await bot.told_more(OUTSIDER, told, "told")
    seen = await bot.eventually(lambda: _card_with_ack(bot, ticket.id), "the card's Acknowledge")
    await bot.choose(ticket.id, "ticket_ack", None, user=INFRA_ONCALL_1, message=seen)
    await bot.eventually(lambda: _acked(bot, ticket.id), "acknowledged")
    await bot.choose(ticket.id, "ticket_ack", None, user=INFRA_ONCALL_2, message=seen)  # late
    await bot.told_eventually(INFRA_ONCALL_2, "already")

    assert await refusals(bot, OUTSIDER) == [
        (
            OUTSIDER,
            "ticket_declare_emergency",
            "refused",
            "block_actions:ticket_declare_emergency",
            ticket.id,
            "NotAllowed",
        ),
        (
            OUTSIDER,
            "ticket_not_emergency",
            "refused",
            "block_actions:ticket_not_emergency",
            ticket.id,
            "NotAllowed",
        ),
        (
            OUTSIDER,
            "ticket_not_emergency",
            "refused",
            "block_actions:ticket_not_emergency",
            ticket.id,
            "bad_value",
        ),
    ]
    assert await refusals(bot, INFRA_ONCALL_2) == [
        (
            INFRA_ONCALL_2,
            "ticket_ack",
            "refused",
            "block_actions:ticket_ack",
            ticket.id,
            "AlreadyAcknowledged",
        ),
    ]
    done = await audit_lines(bot, ticket_id=ticket.id, outcome="done")
    assert (INFRA_ONCALL_2, "emergency_declared") in [(d[0], d[1]) for d in done]
    assert (INFRA_ONCALL_1, "acknowledged") in [(d[0], d[1]) for d in done]


async def _card_with_ack(bot: Harness, ticket_id: str) -> dict | None:
    card = await bot.channel_message(ticket_id)
    return card if "ticket_ack" in str(card.get("blocks")) else None


async def _acked(bot: Harness, ticket_id: str) -> bool:
    paging = (await stored(bot, ticket_id)).paging
    return paging is not None and paging.acked_by == INFRA_ONCALL_1
