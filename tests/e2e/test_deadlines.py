"""Deadlines people see, through the emulator: the card in the service channel, the requester's
DM and App Home show the next due time (a Slack date token: each reader's own zone) and what is
left, kept current as reminders fire and the ticket changes; queues put what is due first."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from storage.client import Database
from tests.e2e.harness import CHANNELS, DESK_AGENT, EMPLOYEE_EN, INFRA_ONCALL_1, Harness
from tests.e2e.observations import context_text
from tests.e2e.office_hours import FRIDAY_1530, MONDAY_0900
from tests.e2e.office_hours import office_bot as running_office_bot
from tests.e2e.test_working import _card_updated, _updates

M = timedelta(minutes=1)
H = timedelta(hours=1)


@pytest.fixture
async def office_bot(database: Database) -> AsyncIterator[Harness]:
    async with running_office_bot(database) as harness:
        yield harness


def _date_token(moment: Any) -> str:
    return f"<!date^{int(moment.timestamp())}^"


async def _p4(bot: Harness) -> Any:
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is it?", "medium", "low"
    )
    assert ticket.priority == "P4" and ticket.service == "service_desk"
    return ticket


async def _put_in_progress(bot: Harness, ticket_id: str) -> None:
    """The desk's agent sets the ticket in progress from its card; returns once that change's
    work after the ack is done (the card redrawn, the requester told), as a person goes on once
    they see it. Not at once: the change may still wait its turn after the ack, and then the
    next press's count of card updates took this change's redraw for its own (the card read
    still says "in progress"), a ``/ticket show`` read a ticket still new (its response due,
    not its resolution), and the test's clock moved under work in flight."""
    updates = _updates(bot)
    await bot.choose(ticket_id, "ticket_status", "in_progress", DESK_AGENT)
    await _card_updated(bot, updates)
    await bot.settled()


async def test_the_card_and_the_dm_say_times_that_stay_true_until_redrawn(
    office_bot: Harness,
) -> None:
    """A card or a DM stays in Slack as drawn: it says when the ticket is due, and since when it
    is late, never a countdown ("in 2 h", "late by 35 min") that is false a minute later."""
    bot = office_bot
    ticket = await _p4(bot)
    due = FRIDAY_1530 + 2 * H
    card = context_text(await bot.channel_message(ticket.id))  # the desk's channel reads French
    assert f"⏱️ Réponse attendue {_date_token(due)}" in card
    assert "dans " not in card
    dm = bot.latest_dm(EMPLOYEE_EN)  # the requester reads English
    assert f"⏱️ Response due {_date_token(due)}" in str(dm["blocks"])
    assert " in 2 h" not in str(dm["blocks"])

    updates = _updates(bot)
    await bot.tick(2 * H + 35 * M)  # the reminder fires: the card is redrawn (and the DM)
    await _card_updated(bot, updates)
    card = context_text(await bot.channel_message(ticket.id))
    assert f"🔴 *Réponse en retard depuis {_date_token(due)}" in card
    assert "35 min" not in card  # a day later, until the next reminder, still true


async def test_past_closing_time_the_card_shows_a_stopped_clock(office_bot: Harness) -> None:
    bot = office_bot
    bot.clock.advance(3 * H)  # Friday 18:30 in Paris: the desk has closed
    ticket = await _p4(bot)
    monday_0900 = FRIDAY_1530 + 2 * 24 * H + 17 * H + 30 * M
    card = context_text(await bot.channel_message(ticket.id))
    assert "horloge arrêtée hors des heures d’ouverture" in card
    assert f"jusqu’à {_date_token(monday_0900)}" in card and "puis 2 h à courir" in card
    dm = str(bot.latest_dm(EMPLOYEE_EN)["blocks"])
    assert "the clock is stopped outside opening hours" in dm
    assert f"until {_date_token(monday_0900)}" in dm


async def test_waiting_on_the_requester_shows_a_paused_clock(office_bot: Harness) -> None:
    bot = office_bot
    ticket = await _p4(bot)
    updates = _updates(bot)
    await bot.choose(ticket.id, "ticket_status", "waiting_on_requester", DESK_AGENT)
    await _card_updated(bot, updates)  # not the requester's earlier DM losing its buttons
    card = context_text(await bot.channel_message(ticket.id))
    assert "⏸️ Horloge de résolution en pause" in card and "reste 8 h" in card
    await bot.told_eventually(EMPLOYEE_EN, "needs an answer from you")
    dm = str(bot.latest_dm(EMPLOYEE_EN)["blocks"])
    assert "Resolution clock paused while the ticket waits on the requester (8 h left)" in dm


async def test_app_home_puts_what_is_due_first_with_markers(office_bot: Harness) -> None:
    bot = office_bot
    p4 = await _p4(bot)  # response due 17:30
    bot.clock.advance(10 * M)
    p1 = await bot.file("incident", "Nobody can log in", "All down", "high", "high")
    assert p1.priority == "P1" and p1.service == "service_desk"  # due 15:55, filed later
    view = await bot.open_home(DESK_AGENT)
    queue = [
        str(block["text"]["text"])
        for block in view["blocks"]
        if block.get("accessory", {}).get("action_id") == "ticket_claim"
    ]
    assert [row.split("*")[1] for row in queue] == [p1.id, p4.id]
    assert "P1" in queue[0] and "⏱️ échéance <!date^" in queue[0]

    bot.clock.advance(20 * M)  # the P1 is 5 min late
    view = await bot.open_home(DESK_AGENT)
    rows = [str(b["text"]["text"]) for b in view["blocks"] if p1.id in str(b.get("text", ""))]
    # a time, as the card says it, not "by 5 min" that a Home tab left open keeps saying
    assert rows and f"🔴 *en retard depuis {_date_token(p1.sla.response_due)}" in rows[0]


async def test_a_change_of_service_rebases_the_clock_the_new_card_shows(
    office_bot: Harness,
) -> None:
    bot = office_bot
    bot.clock.advance(3 * H)  # Friday 18:30 in Paris: the desk has closed
    ticket = await _p4(bot)
    assert ticket.sla.response_due == MONDAY_0900 + 2 * H  # 2 h of Monday's opening hours
    await bot.choose(ticket.id, "ticket_reassign", "security", DESK_AGENT)
    moved = await bot.eventually(
        lambda: bot.slack.messages(CHANNELS["security"]), "the post in the security channel"
    )
    stored = await bot.ticket(ticket.id)
    assert stored.service == "security"
    # Security has no calendar: the 2 h left count from now, around the clock.
    assert stored.sla.response_due == bot.clock.now() + 2 * H
    assert stored.remind_at == stored.sla.response_due
    card = context_text(moved[-1])  # the security channel reads English
    assert f"⏱️ Response due {_date_token(stored.sla.response_due)}" in card


async def test_emergencies_come_first_with_their_marker(office_bot: Harness) -> None:
    bot = office_bot
    late = await bot.file(
        "incident", "VPN down for the whole floor", "The VPN is down", "high", "medium"
    )
    assert late.service == "infra_network" and late.priority == "P2"
    bot.clock.advance(2 * H)  # its 1 h response target has passed
    emergency = await bot.file("emergency", "Firewall outage", "The firewall is down", "high")
    assert emergency.service == "infra_network"
    view = await bot.open_home(INFRA_ONCALL_1)
    queue = [
        str(block["text"]["text"])
        for block in view["blocks"]
        if block.get("accessory", {}).get("action_id") == "ticket_claim"
    ]
    assert [row.split("*")[1] for row in queue] == [emergency.id, late.id]
    assert queue[0].startswith("🚨 ") and "P1" in queue[0]
    assert (
        not queue[1].startswith("🚨")
        and f"🔴 *en retard depuis {_date_token(late.sla.response_due)}" in queue[1]
    )  # U0INFRA1 reads French


async def test_ticket_show_tells_the_deadline(office_bot: Harness) -> None:
    bot = office_bot
    ticket = await _p4(bot)
    shown = await bot.show(ticket.id, EMPLOYEE_EN)
    assert f"⏱️ Response due {_date_token(ticket.sla.response_due)}" in shown
    assert "in 2 h" in shown


async def test_ticket_show_says_opening_hours_left_when_the_desk_closes_before_it_is_due(
    office_bot: Harness,
) -> None:
    """Taken on Friday 15:30, a P4's 8 h resolution is due Monday 15:30: "in 8 h" would say
    Friday 23:30; what is left is 8 h of opening hours, and /ticket show says so."""
    bot = office_bot
    ticket = await _p4(bot)
    await _put_in_progress(bot, ticket.id)
    due = MONDAY_0900 + 6 * H + 30 * M
    shown = await bot.show(ticket.id, EMPLOYEE_EN)
    assert f"⏱️ Resolution due {_date_token(due)}" in shown
    assert "8 h of opening hours left" in shown and "in 8 h" not in shown
    shown = await bot.show(ticket.id, DESK_AGENT)  # the desk reads French
    assert f"⏱️ Résolution attendue {_date_token(due)}" in shown
    assert "reste 8 h en heures ouvrées" in shown and "dans 8 h" not in shown


async def test_a_raised_priority_brings_the_deadline_the_card_shows_forward(
    office_bot: Harness,
) -> None:
    """A P4 raised to P2 is due as a P2 filed when it was: the half hour already run counts
    against P2's 1 h response (it kept P4's 2 h before, what was left of them carried over)."""
    bot = office_bot
    ticket = await _p4(bot)
    assert ticket.sla.response_due == FRIDAY_1530 + 2 * H
    bot.clock.advance(30 * M)
    updates = _updates(bot)
    await bot.choose(ticket.id, "ticket_priority", "P2", DESK_AGENT)
    await _card_updated(bot, updates)
    raised = await bot.ticket(ticket.id)
    assert raised.priority == "P2"
    assert raised.sla.response_due == FRIDAY_1530 + H
    assert raised.remind_at == raised.sla.response_due
    card = context_text(await bot.channel_message(ticket.id))
    assert f"⏱️ Réponse attendue {_date_token(FRIDAY_1530 + H)}" in card


async def test_put_on_hold_once_late_the_card_still_says_since_when_it_is_late(
    office_bot: Harness,
) -> None:
    """A ticket overdue when it is set waiting on its requester is paused late: the card and
    the requester's DM say since when it is late, not "less than a minute left"."""
    bot = office_bot
    ticket = await _p4(bot)  # resolution: 8 h, Friday 15:30 + 2 h 30, Monday 09:00-15:30
    resolution_due = MONDAY_0900 + 6 * H + 30 * M
    assert ticket.sla.resolution_due == resolution_due
    await _put_in_progress(bot, ticket.id)
    bot.clock.advance(resolution_due + H - bot.clock.now())  # Monday 16:30: an hour late
    updates = _updates(bot)
    await bot.choose(ticket.id, "ticket_status", "waiting_on_requester", DESK_AGENT)
    await _card_updated(bot, updates)
    card = context_text(await bot.channel_message(ticket.id))
    assert "⏸️ Horloge de résolution en pause" in card
    assert f"(*en retard depuis {_date_token(resolution_due)}" in card
    assert "reste moins d’une minute" not in card
    await bot.told_eventually(EMPLOYEE_EN, "needs an answer from you")
    dm = str(bot.latest_dm(EMPLOYEE_EN)["blocks"])
    assert f"(*overdue since {_date_token(resolution_due)}" in dm
    view = await bot.open_home(DESK_AGENT)  # the agent's queue says it too
    rows = [str(b["text"]["text"]) for b in view["blocks"] if ticket.id in str(b.get("text", ""))]
    assert rows and f"⏸️ en pause, *en retard depuis {_date_token(resolution_due)}" in rows[0]


async def test_opening_hours_left_are_said_in_hours_not_days(office_bot: Harness) -> None:
    """A P3's 2d of resolution is 48 h of opening hours (about five working days here): paused,
    the card says "48 h" left, not "2 d" that reads as two days of the calendar."""
    bot = office_bot
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is it?", "medium", "medium"
    )
    assert ticket.priority == "P3" and ticket.service == "service_desk"
    await _put_in_progress(bot, ticket.id)
    updates = _updates(bot)
    await bot.choose(ticket.id, "ticket_status", "waiting_on_requester", DESK_AGENT)
    await _card_updated(bot, updates)
    card = context_text(await bot.channel_message(ticket.id))
    assert "(reste 48 h)" in card and "2 j" not in card
    await bot.told_eventually(EMPLOYEE_EN, "needs an answer from you")
    dm = str(bot.latest_dm(EMPLOYEE_EN)["blocks"])
    assert "(48 h left)" in dm and "2 d" not in dm


async def test_filed_friday_1755_the_card_says_monday_in_each_readers_zone(
    office_bot: Harness,
) -> None:
    """Five minutes before closing, a 2 h response runs 5 min on Friday and 1 h 55 on Monday
    from 09:00: the card (French) and the DM (English) give Monday 10:55 as a Slack date token,
    which each reader's client shows in their own zone; /ticket show says what is left in
    opening hours."""
    bot = office_bot
    bot.clock.advance(2 * H + 25 * M)  # Friday 17:55 in Paris
    ticket = await _p4(bot)
    due = MONDAY_0900 + H + 55 * M
    assert ticket.sla.response_due == due
    token = f"<!date^{int(due.timestamp())}^{{date_short_pretty}} {{time}}|2026-01-12 09:55 UTC>"
    assert f"⏱️ Réponse attendue {token}" in context_text(await bot.channel_message(ticket.id))
    assert f"⏱️ Response due {token}" in str(bot.latest_dm(EMPLOYEE_EN)["blocks"])
    shown = await bot.show(ticket.id, EMPLOYEE_EN)
    assert "2 h of opening hours left" in shown


async def test_a_reminder_after_a_closed_weekend_says_since_when_it_is_late(
    office_bot: Harness,
) -> None:
    """Due Friday 17:30 on office hours, the P4 is reminded again on Monday morning: no opening
    hour has passed since, so "2 d 15 h late" (a wall-clock count) would be false. The reminder
    says since when it is late, as the card does: a date token, each reader's own zone."""
    bot = office_bot
    ticket = await _p4(bot)
    due = FRIDAY_1530 + 2 * H
    await bot.tick(2 * H)  # Friday 17:30: due, the channel is told at once
    assert len(bot.thread(ticket)) == 1
    while bot.clock.now() < MONDAY_0900:
        await bot.tick(H)  # the weekend: the calendar is closed, nothing more until Monday
    reminders = bot.thread(ticket)
    assert len(reminders) == 2, [r.args["text"] for r in reminders]
    monday = reminders[1]
    text = str(monday.args["blocks"])  # the desk's channel reads French
    assert f"*en retard depuis {_date_token(due)}" in text
    assert "de retard" not in text and " j " not in text
    assert monday.args["text"] == (
        f"Relance\u00a0: {ticket.id} en retard depuis {_date_token(due)}"
        f"{{date_short_pretty}} {{time}}|2026-01-09 16:30 UTC>"
    )
