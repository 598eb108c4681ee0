"""Stale-ticket reminders through the emulator: who is reminded, when, and how often."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest

from bot.domain.models import HistoryAction, HistoryEntry, Status, Ticket
from bot.paging.scheduler import Scheduler, TickReport
from tests.e2e.harness import DESK_AGENT, DESK_MEMBER, EMPLOYEE_EN, Harness

M = timedelta(minutes=1)
H = timedelta(hours=1)
TICK = timedelta(seconds=30)  # scheduler.tick in tests/data/services.yml


async def _desk_ticket(bot: Harness) -> Ticket:
    """A P2 for the service desk (French channel, one agent): response due in 1 h, resolution
    in 8 h, reminders every hour once late."""
    ticket = await bot.file(
        "information_request",
        "How do I reset my password?",
        "Where is the password procedure?",
        impact="medium",
        urgency="high",
    )
    assert ticket.service == "service_desk" and ticket.message is not None
    return ticket


async def _stored(bot: Harness, ticket_id: str) -> Ticket:
    ticket = await bot.guichet.helpdesk.tickets.get(ticket_id)
    assert ticket is not None
    return ticket


async def _set_status(bot: Harness, ticket: Ticket, status: Status, actor: str) -> Ticket:
    """A status change as the channel's status buttons will make it: through apply_change."""
    entry = HistoryEntry(
        ticket.id, bot.clock.now(), actor, HistoryAction.STATUS, ticket.status, status
    )
    changed = await bot.guichet.helpdesk.apply_change(
        ticket, entry, {"status": status}, expect={"status": ticket.status}
    )
    assert changed is not None
    return changed


async def test_a_stale_ticket_is_reminded_once_per_cadence_not_every_tick(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    await bot.tick(59 * M)
    assert bot.thread(ticket) == []

    report = await bot.tick(M)  # the response target passes: the channel is reminded
    assert report.claimed == 1 and report.deliveries.sent == 1
    (reminder,) = bot.thread(ticket)
    text = str(reminder.args["blocks"])
    assert f"<@{DESK_AGENT}>" in text  # the service's agents are called on
    # and its channel's members, who work it too (channel_members_are_agents): DESK_MEMBER
    assert "<!channel>" in text and "<!here>" not in text
    assert "attend toujours d’être pris en charge" in text  # the desk channel speaks French
    # sent as it fell due: not "less than a minute late", but what is true
    assert "son délai de réponse vient d’expirer" in text and "de retard" not in text
    assert reminder.args["text"] == f"Relance\u00a0: {ticket.id} vient de dépasser son objectif"
    buttons = [e for b in reminder.args["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(b["action_id"], b["value"]) for b in buttons] == [
        ("ticket_claim", ticket.id),
        ("ticket_open", ticket.id),
    ]

    for _ in range(119):  # an hour of ticks: nothing more until the next reminder is due
        report = await bot.tick(TICK)
        assert report.claimed == 0
    assert len(bot.thread(ticket)) == 1
    await bot.tick(TICK)
    replies = bot.thread(ticket)
    assert len(replies) == 2
    # since when it is late (its due time, each reader's zone): not "1 h de retard", stale later
    assert ticket.sla.response_due is not None
    due_token = f"<!date^{int(ticket.sla.response_due.timestamp())}^"
    assert f"*en retard depuis {due_token}" in str(replies[1].args["blocks"])
    fallback = f"Relance\u00a0: {ticket.id} en retard depuis {due_token}"
    assert replies[1].args["text"].startswith(fallback)
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    reminded = [e for e in history if e.action == "reminded"]
    assert [(e.actor, e.after) for e in reminded] == [("guichet", "C0DESK")] * 2


async def test_a_service_of_user_groups_calls_on_its_groups_not_whoever_is_around(
    bot: Harness,
) -> None:
    """Internal IT's agents are a Slack user group (no ``agents:``): its channel reminder called
    ``@here`` — everyone active in the channel, and none of the group's members who were away.
    It mentions the group, which notifies each of its members."""
    ticket = await bot.file(
        "service_request", "Install Visio please", "For the audit", "low", "low"
    )
    assert ticket.service == "internal_it" and ticket.sla.response_due is not None
    await bot.tick(ticket.sla.response_due - bot.clock.now())
    (reminder,) = bot.thread(ticket)
    text = str(reminder.args["blocks"])
    assert text.count("<!subteam^S0INTERNAL>") == 1 and "<!here>" not in text


async def test_a_ticket_the_code_cannot_decode_holds_up_no_reminder(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    ticket = await _desk_ticket(bot)
    tickets = bot.database.handle["tickets"]
    broken = await tickets.find_one({"_id": ticket.id})
    assert broken is not None
    broken.update(  # due first, in a status only a newer replica knows
        _id="INF-9999", status="on_hold", next_ping_at=ticket.created_at, origin=None
    )
    broken.pop("submission", None)
    await tickets.insert_one(broken)

    with caplog.at_level(logging.ERROR):
        report = await bot.tick(H)  # the response target passes: still reminded
    assert report.due == 1 and report.claimed == 1 and report.deliveries.sent == 1
    (reminder,) = bot.thread(ticket)
    assert "attend toujours d’être pris en charge" in str(reminder.args["blocks"])
    (told,) = [r for r in caplog.records if "cannot be decoded" in r.getMessage()]
    assert told.levelno == logging.ERROR and told.exc_info is None
    assert "of tickets" in told.getMessage() and "INF-9999" in told.getMessage()
    assert "'on_hold' is not a valid Status" in told.getMessage()
    assert "scheduler tick failed" not in caplog.text


async def test_claimed_ticket_reminds_its_assignee_of_the_resolution_target(
    bot: Harness,
) -> None:
    ticket = await _desk_ticket(bot)
    claimed = await bot.claim(ticket, DESK_MEMBER)
    assert claimed.sla.responded_at == bot.clock.now()
    assert claimed.remind_at == ticket.created_at + 8 * H

    await bot.tick(2 * H)
    assert bot.thread(ticket) == []  # the response clock stopped: no channel reminder
    await bot.tick(6 * H)  # the resolution target passes
    (dm,) = bot.dms_to(DESK_MEMBER)
    text = str(dm.args["blocks"])
    assert "is past its resolution target: *it fell due just now*" in text  # in English
    assert "ticket_claim" not in text and "ticket_open" in text


async def test_waiting_on_the_requester_pauses_and_resolving_stops(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    claimed = await bot.claim(ticket, DESK_MEMBER)
    bot.clock.advance(2 * H)
    waiting = await _set_status(bot, claimed, Status.WAITING_ON_REQUESTER, DESK_MEMBER)
    assert waiting.sla.paused_at == bot.clock.now()
    assert waiting.next_ping_at is None

    await bot.tick(10 * H)  # well past the 8 h target, but the clock is paused
    assert bot.dms_to(DESK_MEMBER) == []
    back = await _set_status(bot, waiting, Status.IN_PROGRESS, DESK_MEMBER)
    assert back.sla.resolution_due == ticket.created_at + 18 * H  # pushed out by the 10 h pause
    await bot.tick(6 * H - M)
    assert bot.dms_to(DESK_MEMBER) == []
    await bot.tick(M)
    assert len(bot.dms_to(DESK_MEMBER)) == 1

    await _set_status(bot, back, Status.RESOLVED, DESK_MEMBER)
    for _ in range(5):
        report = await bot.tick(2 * H)
        assert report.due == 0
    assert len(bot.dms_to(DESK_MEMBER)) == 1


async def test_claim_from_the_reminder_and_open_the_ticket(bot: Harness) -> None:
    ticket = await _desk_ticket(bot)
    await bot.tick(H)
    (reminder,) = bot.thread(ticket)
    message = bot.slack.message(reminder.response["channel"], reminder.response["ts"])
    trigger = bot.send.new_trigger_id(EMPLOYEE_EN)
    await bot.send.block_action(
        "ticket_open",
        ticket.id,
        user_id=EMPLOYEE_EN,
        channel_id="C0DESK",
        message=message,
        trigger_id=trigger,
    )
    opened = await bot.opened_with(trigger)
    assert opened.ok and opened.args["view"]["title"]["text"] == f"Ticket {ticket.id}"
    assert "relance envoyée à" not in str(opened.args["view"])  # the requester reads English
    assert "reminder sent to <#C0DESK>" in str(opened.args["view"]["blocks"])

    await bot.send.block_action(
        "ticket_claim", ticket.id, user_id=DESK_AGENT, channel_id="C0DESK", message=message
    )
    await bot.wait_dms(EMPLOYEE_EN, 2)  # the requester is told: the claim is done
    stored = await _stored(bot, ticket.id)
    assert stored.assignee == DESK_AGENT
    await bot.tick(H)
    assert len(bot.thread(ticket)) == 1  # claimed: no more channel reminders


async def test_a_ticket_that_cannot_be_worked_on_holds_up_no_other(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await bot.guichet.scheduler.stop()  # ticks only when the test says
    broken = await _desk_ticket(bot)
    other = await _desk_ticket(bot)
    real = Scheduler._work_on

    async def work_on(self: Scheduler, ticket: Ticket, now: datetime, report: TickReport) -> None:
        if ticket.id == broken.id:
            raise RuntimeError("its priority is one the services file no longer has, say")
        await real(self, ticket, now, report)

    monkeypatch.setattr(Scheduler, "_work_on", work_on)
    with caplog.at_level(logging.ERROR):
        report = await bot.tick(H)  # both late
    assert report.due == 2 and report.claimed == 1
    assert len(bot.thread(other)) == 1 and bot.thread(broken) == []  # reminded all the same
    [failed] = [r for r in caplog.records if r.getMessage().startswith("scheduler: could not")]
    assert failed.getMessage() == f"scheduler: could not handle {broken.id}"
    assert getattr(failed, "ticket_id", None) == broken.id

    monkeypatch.undo()  # mended: the next tick reminds it
    await bot.tick(TICK)
    assert len(bot.thread(broken)) == 1 and len(bot.thread(other)) == 1
