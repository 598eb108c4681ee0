"""The claim button: who may press it, what it changes, and the race between two agents."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.domain.models import HistoryAction, Status, Ticket
from sandbox.slack_requests import Reply
from tests.e2e.harness import DESK_AGENT, DESK_MEMBER, EMPLOYEE_EN, OUTSIDER, Harness


async def _desk_ticket(bot: Harness) -> tuple[Ticket, dict[str, Any]]:
    ticket = await bot.file(
        "information_request",
        "How do I reset my password?",
        "Where is the password procedure?",
    )
    assert ticket.service == "service_desk" and ticket.message is not None
    return ticket, bot.slack.message(ticket.message.channel, ticket.message.ts)


async def _press(bot: Harness, ticket: Ticket, message: dict, user: str) -> Reply:
    assert ticket.message is not None
    return await bot.send.block_action(
        "ticket_claim",
        ticket.id,
        user_id=user,
        channel_id=ticket.message.channel,
        message_ts=ticket.message.ts,
        message=message,
    )


async def test_a_channel_member_claims(bot: Harness) -> None:
    ticket, message = await _desk_ticket(bot)
    cards = bot.card_updates(ticket)
    status, _ = await _press(bot, ticket, message, DESK_MEMBER)
    assert status == 200
    await bot.card_updated(ticket, cards)
    stored = await bot.guichet.helpdesk.tickets.get(ticket.id)
    assert stored is not None
    assert stored.assignee == DESK_MEMBER and stored.status is Status.IN_PROGRESS

    assert ticket.message is not None
    updated = bot.slack.message(ticket.message.channel, ticket.message.ts)
    text = str(updated["blocks"])
    assert f"<@{DESK_MEMBER}>" in text and "En cours" in text  # the desk channel speaks French
    assert "ticket_claim" not in text  # the button is gone once claimed
    await bot.wait_dms(EMPLOYEE_EN, 2)
    dm = [c for c in bot.slack.calls_to("chat.postMessage") if c.args["channel"] == EMPLOYEE_EN]
    assert f"<@{DESK_MEMBER}> is now working on your ticket *{ticket.id}*" in dm[-1].args["text"]
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [e.action for e in history] == ["created", "posted", "claimed"]


async def test_an_agent_of_the_service_may_claim_without_being_in_the_channel(
    bot: Harness,
) -> None:
    ticket, message = await _desk_ticket(bot)
    cards = bot.card_updates(ticket)
    await _press(bot, ticket, message, DESK_AGENT)
    await bot.card_updated(ticket, cards)
    stored = await bot.guichet.helpdesk.tickets.get(ticket.id)
    assert stored is not None and stored.assignee == DESK_AGENT


async def test_an_outsider_not_in_the_channel_sees_the_refusal_where_they_pressed(
    bot: Harness,
) -> None:
    """Slack refuses ``chat.postEphemeral`` to someone who is not a member of the channel; the
    interaction's ``response_url`` shows the refusal to them there all the same."""
    ticket, message = await _desk_ticket(bot)
    assert ticket.message is not None
    assert OUTSIDER not in bot.slack.channel_info(ticket.message.channel)["members"]
    await _press(bot, ticket, message, OUTSIDER)
    refusal = await bot.ephemeral_seen(OUTSIDER)
    assert refusal["channel"] == ticket.message.channel  # where they pressed, only for them
    assert "Only members of Service desk can claim" in refusal["text"]
    assert not bot.dms_to(OUTSIDER)
    assert not bot.slack.calls_to("chat.postEphemeral")


async def test_without_a_usable_response_url_an_ephemeral_then_a_dm(bot: Harness) -> None:
    """A ``response_url`` Slack refuses (never issued, used 5 times, older than 30 minutes):
    an ephemeral message when the person is a member of the channel, else a DM."""
    ticket, message = await _desk_ticket(bot)
    cards = bot.card_updates(ticket)
    await _press(bot, ticket, message, DESK_AGENT)
    await bot.card_updated(ticket, cards)
    assert ticket.message is not None
    dead = f"{bot.slack.response_url_base}{ticket.message.channel}/_/NEVERISSUED"
    for user in (DESK_MEMBER, OUTSIDER):
        await bot.send.block_action(
            "ticket_claim",
            ticket.id,
            user_id=user,
            channel_id=ticket.message.channel,
            message=message,
            response_url=dead,
        )
    member_told = await bot.ephemeral_seen(DESK_MEMBER)
    assert member_told["channel"] == ticket.message.channel
    assert f"<@{DESK_AGENT}>" in member_told["text"]
    outsider_told = (await bot.wait_dms(OUTSIDER, 1))[-1]
    assert "Only members of Service desk can claim" in outsider_told.args["text"]
    assert not bot.ephemerals_to(OUTSIDER)
    refused = bot.slack.calls_to("response_url")
    assert [(c.status, c.response["error"]) for c in refused] == [(404, "no_service")] * 2


async def test_an_outsider_is_refused_politely(bot: Harness) -> None:
    ticket, message = await _desk_ticket(bot)
    await _press(bot, ticket, message, OUTSIDER)
    refusal = await bot.ephemeral_seen(OUTSIDER)
    assert "Only members of Service desk can claim" in refusal["text"]
    stored = await bot.guichet.helpdesk.tickets.get(ticket.id)
    assert stored is not None and stored.assignee is None and stored.status is Status.NEW
    assert not bot.slack.calls_to("chat.update")


async def test_second_claim_is_told_who_has_it(bot: Harness) -> None:
    ticket, message = await _desk_ticket(bot)
    cards = bot.card_updates(ticket)
    await _press(bot, ticket, message, DESK_MEMBER)
    await bot.card_updated(ticket, cards)
    await _press(bot, ticket, message, DESK_AGENT)
    answer = await bot.ephemeral_seen(DESK_AGENT)
    assert f"déjà pris en charge par <@{DESK_MEMBER}>" in answer["text"]


async def test_claim_race_has_exactly_one_winner(bot: Harness) -> None:
    ticket, message = await _desk_ticket(bot)
    cards = bot.card_updates(ticket)
    replies = await asyncio.gather(
        _press(bot, ticket, message, DESK_MEMBER), _press(bot, ticket, message, DESK_AGENT)
    )
    assert [status for status, _ in replies] == [200, 200]
    await bot.card_updated(ticket, cards)
    loser_told = await bot.ephemeral_seen(None)
    stored = await bot.guichet.helpdesk.tickets.get(ticket.id)
    assert stored is not None and stored.assignee in (DESK_MEMBER, DESK_AGENT)
    loser = DESK_AGENT if stored.assignee == DESK_MEMBER else DESK_MEMBER
    assert loser_told["user"] == loser
    assert f"<@{stored.assignee}>" in loser_told["text"]
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [e.action for e in history].count(HistoryAction.CLAIMED) == 1
    card = [c for c in bot.slack.calls_to("chat.update") if not c.args["channel"].startswith("D")]
    assert len(card) == 1  # the card, once (the filed DM loses its buttons too)


async def test_forged_ticket_id_changes_nothing(bot: Harness) -> None:
    ticket, message = await _desk_ticket(bot)
    assert ticket.message is not None
    await bot.send.block_action(
        "ticket_claim",
        "INC-999999",
        user_id=DESK_MEMBER,
        channel_id=ticket.message.channel,
        message_ts=ticket.message.ts,
        message=message,
    )
    answer = await bot.ephemeral_seen(None)
    assert "INC-999999" in answer["text"]
    stored = await bot.guichet.helpdesk.tickets.get(ticket.id)
    assert stored is not None and stored.assignee is None
