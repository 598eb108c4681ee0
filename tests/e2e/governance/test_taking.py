"""Somebody is always on an in-progress ticket: acknowledging takes it, a reopened ticket goes
back to its last assignee (who is told), or back to the queue when nobody had it."""

from __future__ import annotations

from typing import Any

from bot.domain.models import Status, Ticket
from tests.e2e.harness import (
    DESK_AGENT,
    DESK_MEMBER,
    EMPLOYEE_EN,
    INFRA_ONCALL_1,
    SECURITY_ONCALL,
    Harness,
)
from tests.e2e.observations import searchable


async def _emergency(bot: Harness, title: str, description: str) -> Ticket:
    ticket = await bot.file("emergency", title, description, impact="high", urgency="high")
    await bot.tick()
    return await bot.ticket(ticket.id)


async def _ack(bot: Harness, ticket: Ticket, user: str) -> None:
    page = bot.dms_to(user)[-1]
    channel, ts = page.response["channel"], page.response["ts"]
    await bot.send.block_action(
        "ticket_ack",
        ticket.id,
        user_id=user,
        channel_id=channel,
        message=bot.slack.message(channel, ts),
    )


async def _acked(bot: Harness, ticket_id: str) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    return ticket if ticket.paging and ticket.paging.acked_by else None


async def test_acknowledging_takes_the_ticket(bot: Harness) -> None:
    ticket = await _emergency(bot, "Production site down", "The warehouse network is down.")
    assert ticket.service == "infra_network" and ticket.assignee is None
    await _ack(bot, ticket, INFRA_ONCALL_1)
    taken = await bot.eventually(lambda: _acked(bot, ticket.id), "the acknowledgement")
    assert taken.assignee == INFRA_ONCALL_1 and taken.status is Status.IN_PROGRESS
    told = await bot.told_eventually(EMPLOYEE_EN, "acknowledged your emergency")
    assert f"<@{INFRA_ONCALL_1}> acknowledged your emergency *{ticket.id}*" in told
    card = await bot.channel_message(ticket.id)
    assert f"<@{INFRA_ONCALL_1}>" in str(card["blocks"]) and "ticket_claim" not in str(card)
    shown = await bot.show(ticket.id, EMPLOYEE_EN)
    assert f"acknowledged and taken by <@{INFRA_ONCALL_1}>" in shown


async def test_a_service_may_keep_acknowledging_apart(bot: Harness) -> None:
    """security says ``ack_assigns: false``: the page is acknowledged, the ticket stays new."""
    ticket = await _emergency(bot, "Ransomware on the file server", "Files are encrypted.")
    assert ticket.service == "security"
    page = searchable(bot.dms_to(SECURITY_ONCALL)[-1].args["blocks"])  # says what it does there
    assert "Acknowledge to stop the paging: it says you are on it, without giving you" in page
    assert "take it" not in page
    await _ack(bot, ticket, SECURITY_ONCALL)
    acked = await bot.eventually(lambda: _acked(bot, ticket.id), "the acknowledgement")
    assert acked.assignee is None and acked.status is Status.NEW
    assert f"acknowledged by <@{SECURITY_ONCALL}>" in await bot.show(ticket.id, EMPLOYEE_EN)


async def test_acknowledging_a_claimed_ticket_leaves_it_to_its_assignee(bot: Harness) -> None:
    ticket = await _emergency(bot, "Production site down", "The warehouse network is down.")
    cards = bot.card_updates(ticket)
    await bot.guichet.claims.claim(ticket.id, INFRA_ONCALL_1)
    await bot.card_updated(ticket, cards)
    await bot.send.block_action(
        "ticket_ack",
        ticket.id,
        user_id=DESK_MEMBER,  # not infra's: refused
        channel_id=ticket.message.channel if ticket.message else None,
        message=await bot.channel_message(ticket.id),
    )
    await bot.ephemeral_seen(DESK_MEMBER)
    await _ack(bot, ticket, INFRA_ONCALL_1)
    acked = await bot.eventually(lambda: _acked(bot, ticket.id), "the acknowledgement")
    assert acked.assignee == INFRA_ONCALL_1 and acked.paging.acked_by == INFRA_ONCALL_1


async def _desk_ticket(bot: Harness) -> Ticket:
    ticket = await bot.file("information_request", "Password procedure?", "Where is it?")
    assert ticket.service == "service_desk"
    return ticket


async def _when(bot: Harness, ticket_id: str, **fields: Any) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    ok = all(getattr(ticket, name) == value for name, value in fields.items())
    return ticket if ok and ticket.message is not None else None


async def _not_solved(bot: Harness, ticket: Ticket) -> None:
    await bot.told_eventually(EMPLOYEE_EN, "Is your problem solved?")
    await bot.press_in_dm(EMPLOYEE_EN, "ticket_not_solved")


def _thread_texts(bot: Harness, ticket: Ticket) -> list[str]:
    assert ticket.message is not None
    return [
        m["text"]
        for m in bot.slack.messages(ticket.message.channel)
        if m.get("thread_ts") == ticket.message.ts
    ]


async def test_a_reopened_ticket_goes_back_to_its_last_assignee(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    await bot.choose(ticket.id, "ticket_claim", None, DESK_AGENT)
    await bot.eventually(lambda: _when(bot, ticket.id, assignee=DESK_AGENT), "claimed")
    await bot.choose(ticket.id, "ticket_reassign", "security", DESK_AGENT)
    moved = await bot.eventually(
        lambda: _when(bot, ticket.id, service="security"), "posted in security"
    )
    assert moved.assignee is None and moved.status is Status.NEW  # nobody on it there: new
    await bot.choose(ticket.id, "ticket_reassign", "service_desk", SECURITY_ONCALL)
    back = await bot.eventually(
        lambda: _when(bot, ticket.id, service="service_desk"), "back at the desk"
    )
    assert back.assignee is None and back.status is Status.NEW
    await bot.choose(ticket.id, "ticket_status", "resolved", DESK_MEMBER)
    await _not_solved(bot, back)
    reopened = await bot.eventually(
        lambda: _when(bot, ticket.id, status=Status.IN_PROGRESS), "reopened"
    )
    assert reopened.assignee == DESK_AGENT  # the last one who had it, still a desk agent
    told = await bot.eventually(lambda: _thread_texts(bot, reopened) or None, "the thread told")
    assert told[-1] == (  # the desk's channel speaks French
        f"<@{DESK_AGENT}> <@{EMPLOYEE_EN}> indique que *{ticket.id}* n’est pas réglé\u00a0: "
        "le ticket repasse en cours."
    )


async def test_a_reopened_ticket_nobody_had_goes_back_to_the_queue(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    await bot.choose(ticket.id, "ticket_status", "resolved", DESK_MEMBER)  # resolved from new
    await _not_solved(bot, ticket)
    reopened = await bot.eventually(lambda: _when(bot, ticket.id, status=Status.NEW), "reopened")
    assert reopened.assignee is None
    told = await bot.eventually(lambda: _thread_texts(bot, reopened) or None, "the thread told")
    # the requester is not told "the team is back on it": nobody is yet
    dm = await bot.told_eventually(EMPLOYEE_EN, "is open again and waits")
    assert dm == (
        f"↩️ You said your ticket *{ticket.id}* “{ticket.title}” is not solved: it is open again "
        "and waits in *Service desk*’s queue for someone to take it. You can add details below."
    )
    assert not any("back on it" in m for m in bot.told(EMPLOYEE_EN))
    assert told[-1] == (  # the desk's channel speaks French
        f"<@{EMPLOYEE_EN}> indique que *{ticket.id}* n’est pas réglé\u00a0: personne ne l’avait "
        "en charge, il revient dans la file (nouveau)."
    )
