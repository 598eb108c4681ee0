"""Every redraw of a ticket's messages tells what the stored ticket says: the card's "last
change" line survives a reminder's redraw and the problem board's (``bot/domain/card_changes.py``);
a channel reminder stops offering Claim once the ticket is taken or ended
(``bot/paging/reminders_answered.py``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.domain.models import HistoryAction, Ticket
from tests.e2e.harness import (
    DESK_AGENT,
    DESK_MEMBER,
    EMPLOYEE_EN,
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    Harness,
    find_element,
)
from tests.e2e.observations import action_ids, context_text
from tests.e2e.problems.outage import PEOPLE, make_problem
from tests.e2e.test_paging import file_emergency

H = timedelta(hours=1)
CLAIMED_FR = (
    f"Dernier changement\u00a0: pris en charge par <@{DESK_MEMBER}>"  # the desk speaks French
)


async def _desk_ticket(bot: Harness) -> Ticket:
    """A P2 for the service desk: response due in 1 h, resolution in 8 h."""
    ticket = await bot.file(
        "information_request",
        "How do I reset my password?",
        "Where is the password procedure?",
        impact="medium",
        urgency="high",
    )
    assert ticket.message is not None
    return ticket


async def test_a_reminder_redraws_the_card_with_the_claim_as_its_last_change(
    bot: Harness,
) -> None:
    ticket = await bot.claim(await _desk_ticket(bot), DESK_MEMBER)
    assert CLAIMED_FR in context_text(await bot.channel_message(ticket.id))

    updates = len(bot.slack.calls_to("chat.update"))
    await bot.tick(8 * H)  # the resolution target passes: the assignee is reminded
    (reminder,) = bot.dms_to(DESK_MEMBER)
    assert "is past its resolution target" in str(reminder.args["blocks"])
    redraws = bot.slack.calls_to("chat.update")[updates:]
    assert ticket.message is not None
    assert [call.args["ts"] for call in redraws] == [ticket.message.ts]  # the reminder's redraw
    card = await bot.channel_message(ticket.id)
    assert "en retard" in context_text(card)  # the deadline line is current...
    assert CLAIMED_FR in context_text(card)  # ...and the claim is still its last change
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert history[-1].action == HistoryAction.REMINDED  # a reminder is not a change
    stored = await bot.ticket(ticket.id)  # what every redraw reads, with the ticket
    assert stored.last_change is not None and stored.last_change.action == HistoryAction.CLAIMED


async def test_the_problem_boards_redraw_shows_the_link_as_the_last_change(bot: Harness) -> None:
    for user, locale in PEOPLE.items():
        bot.slack.add_user(user, user[3:].lower(), locale=locale)
    await bot.guichet.scheduler.stop()  # ticks only when the test says
    incidents, problem = await make_problem(bot)
    for incident in incidents:  # redrawn by the board when linked
        context = context_text(await bot.channel_message(incident.id))
        assert f"Lié à *{problem.id}*" in context
        assert f"Dernier changement\u00a0: lié à {problem.id} par <@{DESK_AGENT}>" in context


async def test_a_channel_reminder_stops_offering_claim_once_the_ticket_is_claimed(
    bot: Harness,
) -> None:
    ticket = await _desk_ticket(bot)
    assert ticket.message is not None
    await bot.tick(H)  # the response target passes: the channel is reminded, with Claim
    (reminder,) = bot.thread(ticket)
    ref = reminder.response["channel"], reminder.response["ts"]
    assert action_ids(bot.slack.message(*ref)) == ["ticket_claim", "ticket_open"]

    await bot.claim(ticket, DESK_MEMBER)

    def answered() -> dict[str, Any] | None:
        shown = bot.slack.message(*ref)
        return shown if "ticket_claim" not in action_ids(shown) else None

    shown = await bot.eventually(answered, "the reminder without Claim")
    assert action_ids(shown) == ["ticket_open"]
    said = str(shown["blocks"])
    assert f"pris en charge par <@{DESK_MEMBER}>" in said  # the desk's channel speaks French
    assert "attend toujours" not in said  # no longer "still waiting"


async def test_a_channel_reminder_of_a_ticket_cancelled_unclaimed_loses_claim(
    bot: Harness,
) -> None:
    ticket = await _desk_ticket(bot)
    await bot.tick(H)
    (reminder,) = bot.thread(ticket)
    ref = reminder.response["channel"], reminder.response["ts"]
    await bot.press_in_dm(EMPLOYEE_EN, "ticket_cancel")  # its requester cancels it

    def answered() -> dict[str, Any] | None:
        shown = bot.slack.message(*ref)
        return shown if "ticket_claim" not in action_ids(shown) else None

    shown = await bot.eventually(answered, "the reminder without Claim")
    assert "Annulé" in str(shown["blocks"])


async def test_an_acknowledgement_that_takes_the_emergency_answers_its_reminder(
    bot: Harness,
) -> None:
    emergency = await file_emergency(bot)  # P1: response due in 15 min, unassigned
    await bot.tick(16 * timedelta(minutes=1))
    # while it pages, the channel's line about it has no Claim (tests/e2e/test_paging.py)
    [reminder] = [c for c in bot.thread(emergency) if "response target" in c.args["text"]]
    ref = reminder.response["channel"], reminder.response["ts"]
    page = bot.latest_dm(INFRA_ONCALL_1, "ticket_ack")
    await bot.send.block_action(
        "ticket_ack",
        find_element(page, "ticket_ack")["value"],
        user_id=INFRA_ONCALL_1,
        channel_id=bot.slack.dm_channel_id(INFRA_ONCALL_1),
        message=page,
    )

    def answered() -> dict[str, Any] | None:
        shown = bot.slack.message(*ref)
        return shown if "✅" in str(shown["blocks"]) else None

    shown = await bot.eventually(answered, "the reminder answered")
    assert "ticket_claim" not in action_ids(shown)
    assert (await bot.ticket(emergency.id)).assignee == INFRA_ONCALL_1  # it took the ticket
    assert f"<@{INFRA_ONCALL_1}>" in str(shown["blocks"])


async def test_a_stale_press_is_told_the_change_not_the_reminder_sent_since(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    seen = await bot.channel_message(ticket.id)  # priority P2, as DESK_MEMBER still sees it
    await bot.choose(ticket.id, "ticket_priority", "P1", DESK_AGENT)
    await bot.eventually(lambda: _priority_is(bot, ticket.id, "P1"), "P1")
    await bot.tick(H)  # its response target passes: the channel is reminded
    assert bot.thread(ticket)
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert history[-1].action == HistoryAction.REMINDED

    await bot.choose(ticket.id, "ticket_priority", "P3", DESK_MEMBER, message=seen)
    told = await bot.told_eventually(DESK_MEMBER, "changed before your click")
    assert f"priority P2 · high → P1 · critical by <@{DESK_AGENT}>" in told
    assert "reminder" not in told


async def _priority_is(bot: Harness, ticket_id: str, priority: str) -> bool:
    return (await bot.ticket(ticket_id)).priority.value == priority


async def test_claiming_a_paging_emergency_updates_its_pages(bot: Harness) -> None:
    emergency = await file_emergency(bot)
    page = bot.latest_dm(INFRA_ONCALL_1, "ticket_ack")
    await bot.choose(emergency.id, "ticket_claim", None, INFRA_ONCALL_2)

    def updated() -> dict[str, Any] | None:
        shown = bot.slack.message(bot.slack.dm_channel_id(INFRA_ONCALL_1), page["ts"])
        return shown if "ticket_ack" not in action_ids(shown) else None

    shown = await bot.eventually(updated, "the page without Acknowledge")
    assert f"pris en charge par <@{INFRA_ONCALL_2}>" in shown["text"]  # it reads French
    assert "Plus besoin d’acquitter" in shown["text"]
    stored = await bot.ticket(emergency.id)
    assert stored.assignee == INFRA_ONCALL_2 and stored.paging and not stored.paging.active
