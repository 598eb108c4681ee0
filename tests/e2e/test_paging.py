"""Emergency paging through the emulator: level 1 at once, re-pages, escalation, Acknowledge."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from bot.domain.config import SchedulerConfig, load_services_config
from bot.domain.models import HistoryAction, Ticket
from sandbox.emulator import RecordedCall
from storage.client import Database
from tests.e2e.harness import (
    DESK_MEMBER,
    EMPLOYEE_EN,
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    OUTSIDER,
    SECURITY_ONCALL,
    SERVICES_FILE,
    Harness,
    running_bot,
)
from tests.e2e.observations import searchable, texts_of

M = timedelta(minutes=1)
TICK = timedelta(seconds=30)


# Distinct outages: a second emergency about the same outage would join the first (storm mode).
OUTAGES = (
    ("Production site down", "The whole network of the warehouse is down, nobody can work."),
    (
        "Datacenter cooling failed",
        "The server room overheats: every server and storage bay shut itself off.",
    ),
    (
        "DNS resolution broken company-wide",
        "No name resolves, the DNS servers answer nothing to any workstation.",
    ),
)


async def file_emergency(bot: Harness, outage: int = 0) -> Ticket:
    """An emergency for infra_network (on-call: level 1 at once, level 2 after 10 min, re-page
    every 5 min), once level 1 has been paged (``outage``: which of ``OUTAGES``)."""
    title, description = OUTAGES[outage]
    ticket = await bot.file("emergency", title, description, impact="high", urgency="high")
    assert ticket.service == "infra_network"
    await bot.wait_dms(INFRA_ONCALL_1, outage + 1)  # paged at once: no tick needed
    await bot.tick()  # waits for the tick the filing woke up to finish
    return await stored(bot, ticket.id)


async def stored(bot: Harness, ticket_id: str) -> Ticket:
    ticket = await bot.guichet.helpdesk.tickets.get(ticket_id)
    assert ticket is not None
    return ticket


def pages_to(bot: Harness, user: str) -> list[Any]:
    return bot.dms_to(user)


def buttons(blocks: list[dict]) -> list[tuple[str, str]]:
    return [
        (element["action_id"], element.get("value", ""))
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    ]


async def press_ack(bot: Harness, ticket: Ticket, user: str, page: Any) -> None:
    channel, ts = page.response["channel"], page.response["ts"]
    await bot.send.block_action(
        "ticket_ack",
        ticket.id,
        user_id=user,
        channel_id=channel,
        message=bot.slack.message(channel, ts),
    )


async def test_emergency_pages_level_one_at_once_with_acknowledge_and_open(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    (page,) = pages_to(bot, INFRA_ONCALL_1)
    text = searchable(page.args["blocks"])
    assert "Astreinte\u00a0: " + ticket.id in text  # INFRA_ONCALL_1 reads French
    assert "Vous êtes d’astreinte pour l’*Infrastructure et réseau* (niveau 1)" in text
    # the card's fields: the service's name is the value of a label, with no article
    assert "*Service*\nInfrastructure et réseau" in texts_of(page.args["blocks"])
    assert "L’Infrastructure" not in text
    assert buttons(page.args["blocks"]) == [
        ("ticket_ack", ticket.id),
        ("ticket_open", ticket.id),
        ("ticket_not_emergency", ""),  # a menu: "Not an emergency: incident…" and its priority
    ]
    assert pages_to(bot, INFRA_ONCALL_2) == []
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [(e.action, e.after, e.note) for e in history][-1] == ("paged", INFRA_ONCALL_1, "1")


async def test_repage_escalate_and_stop_the_moment_someone_acknowledges(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    assert ticket.message is not None

    await bot.tick(4 * M)
    assert len(pages_to(bot, INFRA_ONCALL_1)) == 1
    await bot.tick(M)  # +5 min: level 1 again
    repages = pages_to(bot, INFRA_ONCALL_1)
    assert len(repages) == 2
    assert "Appel n° 2 pour vous\u00a0: personne n’a acquitté depuis <!date^" in searchable(
        repages[1].args["blocks"]
    )
    assert pages_to(bot, INFRA_ONCALL_2) == []

    await bot.tick(5 * M)  # +10 min: nobody acknowledged, level 2 is paged as well
    (level_two,) = pages_to(bot, INFRA_ONCALL_2)
    assert "You are on call for *Infrastructure &amp; network* (level 2)" in str(
        level_two.args["blocks"]
    )
    assert len(pages_to(bot, INFRA_ONCALL_1)) == 2  # the current level is now level 2
    notices = [c for c in bot.thread(ticket) if "last on-call level" in c.args["text"]]
    assert len(notices) == 1 and notices[0].args["reply_broadcast"] in (True, "true", "1")
    assert f"level 2: <@{INFRA_ONCALL_2}>" in notices[0].args["text"]

    await bot.tick(5 * M)  # +15 min: the last level again, the channel is not told twice
    assert len(pages_to(bot, INFRA_ONCALL_2)) == 2
    assert len([c for c in bot.thread(ticket) if "last on-call level" in c.args["text"]]) == 1

    bot.clock.advance(M)
    pages = pages_to(bot, INFRA_ONCALL_1) + pages_to(bot, INFRA_ONCALL_2)
    before = _updates(bot, ticket, pages)
    await press_ack(bot, ticket, INFRA_ONCALL_2, pages_to(bot, INFRA_ONCALL_2)[-1])
    await bot.wait_dms(EMPLOYEE_EN, 2)  # filed, then "acknowledged"
    told = bot.dms_to(EMPLOYEE_EN)[-1].args["text"]
    assert f"<@{INFRA_ONCALL_2}> acknowledged your emergency *{ticket.id}*" in told

    # every page sent is updated, and the channel message: each waited for on its own
    await _each_updated(bot, ticket, pages, before)
    for user, said in ((INFRA_ONCALL_1, "acquitté par"), (INFRA_ONCALL_2, "acknowledged by")):
        for page in pages_to(bot, user):  # each in its reader's language
            updated = bot.slack.message(page.response["channel"], page.response["ts"])
            assert f"*{ticket.id}* {said} <@{INFRA_ONCALL_2}> " in updated["text"]
            assert buttons(updated["blocks"]) == []
    channel_message = bot.slack.message(ticket.message.channel, ticket.message.ts)
    assert f"Acknowledged by <@{INFRA_ONCALL_2}> at <!date^" in str(channel_message["blocks"])
    assert "ticket_ack" not in str(channel_message["blocks"])
    acked = await stored(bot, ticket.id)
    assert acked.paging is not None and acked.paging.acked_by == INFRA_ONCALL_2
    assert acked.paging.acked_at == bot.clock.now()

    for _ in range(60):  # half an hour of ticks: not one more page
        await bot.tick(TICK)
    assert len(pages_to(bot, INFRA_ONCALL_1)) == 2
    assert len(pages_to(bot, INFRA_ONCALL_2)) == 2


async def test_while_on_call_is_paged_the_channel_gets_one_quiet_line_not_reminders(
    bot: Harness,
) -> None:
    """The P1's response target passes while its pages call on-call: the channel's thread is
    told once, calling nobody. Before: "<!here> ⏰ … still waiting" with a Claim button at
    +15 min, and again every 15 min, beside the pages."""
    ticket = await file_emergency(bot)
    for _ in range(3):  # to +15 min, +30 min, +45 min: nobody acknowledges
        await bot.tick(15 * M)
    lines = [c for c in bot.thread(ticket) if "response target" in c.args["text"]]
    assert len(lines) == 1  # once, not every 15 min
    line = lines[0].args
    assert line["text"] == f"Reminder: {ticket.id} passed its response target, still paging"
    text = str(line["blocks"])
    assert "passed its response target (<!date^" in text and "the paging goes on" in text
    assert "<!here>" not in text and "<!channel>" not in text and "<@" not in text
    assert buttons(line["blocks"]) == []  # Acknowledge is on the card above
    assert line.get("reply_broadcast") in (None, False, "false")
    assert len(pages_to(bot, INFRA_ONCALL_2)) >= 2  # meanwhile the pages go on
    card = await bot.channel_message(ticket.id)
    assert "overdue since" in str(card["blocks"])  # the card redrawn with the line


async def test_the_line_sent_while_paging_says_what_stopped_the_paging(bot: Harness) -> None:
    """ "The paging goes on until someone acknowledges" is no longer true once a person says
    it is not an emergency (nobody took it). Before: the line stayed as sent."""
    ticket = await file_emergency(bot)
    await bot.tick(15 * M)
    (line,) = [c for c in bot.thread(ticket) if "response target" in c.args["text"]]
    ref = line.response["channel"], line.response["ts"]
    before = len(bot.message_updates(*ref))
    bot.clock.advance(M)
    await bot.choose(ticket.id, "ticket_not_emergency", "P3", user=INFRA_ONCALL_1)
    await bot.message_updated(*ref, before)
    shown = bot.slack.message(*ref)
    text = str(shown["blocks"])
    assert "the paging goes on" not in text and text.count("✅") == 1
    assert f"<@{INFRA_ONCALL_1}>" in text and "P3" in text
    assert buttons(shown["blocks"]) == [("ticket_open", ticket.id)]


async def test_an_acknowledgement_that_takes_nothing_answers_the_line_too(bot: Harness) -> None:
    """Security's acknowledgements stop its paging without taking the ticket
    (``ack_assigns: false``): nobody has it, yet the paging no longer "goes on"."""
    ticket = await bot.file(
        "emergency", "Ransomware on the file server", "Every share is encrypted.", "high", "high"
    )
    assert ticket.service == "security"
    await bot.wait_dms(SECURITY_ONCALL, 1)
    await bot.tick(15 * M)
    (line,) = [c for c in bot.thread(ticket) if "response target" in c.args["text"]]
    ref = line.response["channel"], line.response["ts"]
    before = len(bot.message_updates(*ref))
    await press_ack(bot, ticket, SECURITY_ONCALL, pages_to(bot, SECURITY_ONCALL)[-1])
    await bot.message_updated(*ref, before)
    text = str(bot.slack.message(*ref)["blocks"])
    assert "the paging goes on" not in text and f"<@{SECURITY_ONCALL}>" in text
    assert (await stored(bot, ticket.id)).assignee is None  # it took nothing


async def test_a_second_press_says_who_acknowledged_first(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    await bot.tick(10 * M)
    await press_ack(bot, ticket, INFRA_ONCALL_2, pages_to(bot, INFRA_ONCALL_2)[0])
    await bot.wait_dms(EMPLOYEE_EN, 2)
    await press_ack(bot, ticket, INFRA_ONCALL_1, pages_to(bot, INFRA_ONCALL_1)[0])
    answer = await bot.ephemeral_seen(INFRA_ONCALL_1)
    assert f"a déjà été acquitté par <@{INFRA_ONCALL_2}> à <!date^" in answer["text"]
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [e.actor for e in history if e.action == "acknowledged"] == [INFRA_ONCALL_2]


async def test_two_simultaneous_acknowledgements_have_one_winner(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    await bot.tick(10 * M)
    await asyncio.gather(
        press_ack(bot, ticket, INFRA_ONCALL_1, pages_to(bot, INFRA_ONCALL_1)[0]),
        press_ack(bot, ticket, INFRA_ONCALL_2, pages_to(bot, INFRA_ONCALL_2)[0]),
    )
    loser_told = await bot.ephemeral_seen(None)
    await bot.wait_dms(EMPLOYEE_EN, 2)  # the winner's last step: the requester is told
    acked = await stored(bot, ticket.id)
    assert acked.paging is not None and acked.paging.acked_by in (INFRA_ONCALL_1, INFRA_ONCALL_2)
    assert loser_told["user"] != acked.paging.acked_by
    assert f"<@{acked.paging.acked_by}>" in loser_told["text"]
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [e.action for e in history].count(HistoryAction.ACKNOWLEDGED) == 1


async def test_an_outsider_cannot_acknowledge(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    assert ticket.message is not None
    await bot.send.block_action(
        "ticket_ack",
        ticket.id,
        user_id=OUTSIDER,
        channel_id=ticket.message.channel,
        message=bot.slack.message(ticket.message.channel, ticket.message.ts),
    )
    answer = await bot.ephemeral_seen(OUTSIDER)
    assert "Only the on-call staff and members of Infrastructure &amp; network" in answer["text"]
    acked = await stored(bot, ticket.id)
    assert acked.paging is not None and acked.paging.active
    await bot.tick(5 * M)
    assert len(pages_to(bot, INFRA_ONCALL_1)) == 2  # still paging


async def test_claiming_the_emergency_stops_paging(bot: Harness) -> None:
    ticket = await file_emergency(bot)
    assert ticket.message is not None
    await bot.send.block_action(
        "ticket_claim",
        ticket.id,
        user_id=INFRA_ONCALL_1,
        channel_id=ticket.message.channel,
        message=bot.slack.message(ticket.message.channel, ticket.message.ts),
    )
    await bot.wait_dms(EMPLOYEE_EN, 2)  # "claimed": the claim has done all it does
    claimed = await stored(bot, ticket.id)
    assert claimed.assignee == INFRA_ONCALL_1
    assert claimed.paging is not None and claimed.paging.stopped_at is not None
    for _ in range(4):
        await bot.tick(5 * M)
    assert len(pages_to(bot, INFRA_ONCALL_1)) == 1 and pages_to(bot, INFRA_ONCALL_2) == []


async def test_a_service_with_nobody_on_call_pages_its_channel(bot: Harness) -> None:
    bot.slack.set_members("C0APPDEV", [DESK_MEMBER])
    ticket = await bot.file(
        "improvement_request",
        "Expense app: add a duplicate check before month end",
        "Finance needs the expense application to refuse duplicate claims before closing.",
        impact="high",
        urgency="high",
    )
    assert ticket.service == "app_dev" and ticket.message is not None
    (page,) = [c for c in await _thread_soon(bot, ticket, 1)]
    assert page.args["text"].startswith("🚨")
    assert "<!channel>" in str(page.args["blocks"]) and "Nobody is on call" in str(
        page.args["blocks"]
    )
    assert page.args["reply_broadcast"] in (True, "true", "1")
    assert buttons(page.args["blocks"]) == [("ticket_ack", ticket.id), ("ticket_open", ticket.id)]

    await bot.tick(5 * M)
    repage = bot.thread(ticket)[-1]
    assert "<!here>" in str(repage.args["blocks"])

    before = _updates(bot, ticket, [page, repage])
    await press_ack(bot, ticket, DESK_MEMBER, repage)  # a member of the channel
    await _each_updated(bot, ticket, [page, repage], before)  # both pages, the ticket
    await bot.wait_dms(EMPLOYEE_EN, 2)  # and the requester is told
    for sent in (page, repage):
        updated = bot.slack.message(sent.response["channel"], sent.response["ts"])
        assert f"acknowledged by <@{DESK_MEMBER}>" in updated["text"]
    await bot.tick(30 * M)  # no more pages, nor a "still waiting" reminder: that was a response
    assert len(bot.thread(ticket)) == 2
    acked = await stored(bot, ticket.id)
    assert acked.paging is not None and acked.sla.responded_at == acked.paging.acked_at


async def test_a_p1_paged_by_its_services_rule_lowered_to_p3_stops_paging(bot: Harness) -> None:
    """app_dev pages its P1s (``page_p1``). Before: lowered to P3, it went on paging the
    channel with ``@here`` every 5 min, its pages still offering Acknowledge."""
    bot.slack.set_members("C0APPDEV", [DESK_MEMBER])
    ticket = await bot.file(
        "improvement_request",
        "Expense app: add a duplicate check before month end",
        "Finance needs the expense application to refuse duplicate claims before closing.",
        impact="high",
        urgency="high",
    )
    assert ticket.priority == "P1" and ticket.service == "app_dev"
    (page,) = await _thread_soon(bot, ticket, 1)
    before = _updates(bot, ticket, [page])
    await bot.choose(ticket.id, "ticket_priority", "P3", DESK_MEMBER)
    await _each_updated(bot, ticket, [page], before)
    lowered = await stored(bot, ticket.id)
    assert lowered.priority == "P3" and lowered.paging is not None
    assert lowered.paging.stopped_at is not None  # nobody acknowledged: it stopped
    updated = bot.slack.message(page.response["channel"], page.response["ts"])
    assert buttons(updated["blocks"]) == [] and "P3" in str(updated["blocks"])
    await bot.tick(30 * M)  # no page goes out for it any more
    assert [c for c in bot.thread(ticket) if c.args["text"].startswith("🚨")] == [page]


async def _thread_soon(bot: Harness, ticket: Ticket, count: int) -> list[Any]:
    await bot.eventually(
        lambda: len(bot.thread(ticket)) >= count, f"{count} replies on {ticket.id}"
    )
    await bot.tick()
    return bot.thread(ticket)


def _updates(bot: Harness, ticket: Ticket, pages: list[RecordedCall]) -> list[int]:
    """How many times each page (then the ticket's card) was updated so far."""
    sent = [bot.message_updates(p.response["channel"], p.response["ts"]) for p in pages]
    return [len(calls) for calls in sent] + [bot.card_updates(ticket)]


async def _each_updated(
    bot: Harness, ticket: Ticket, pages: list[RecordedCall], before: list[int]
) -> None:
    """Wait for the next update of each page, then of the ticket's card (``before``: their
    counts from ``_updates``): each message's own, not a count of any ``chat.update``."""
    for page, earlier in zip(pages, before[:-1], strict=True):
        await bot.message_updated(page.response["channel"], page.response["ts"], earlier)
    await bot.card_updated(ticket, before[-1])


async def test_the_ticket_a_page_opens_cannot_open_and_the_on_call_person_is_told(
    bot: Harness,
) -> None:
    """*Open* on a page at 3 a.m.: when Slack cannot open the ticket (the click's 3 seconds
    gone), the person reads why where they pressed, in their language, rather than nothing."""
    ticket = await file_emergency(bot)
    (page,) = pages_to(bot, INFRA_ONCALL_1)
    channel, ts = page.response["channel"], page.response["ts"]
    bot.slack.fail_next("views.open", "expired_trigger_id")
    status, _ = await bot.send.block_action(
        "ticket_open",
        ticket.id,
        user_id=INFRA_ONCALL_1,
        channel_id=channel,
        message=bot.slack.message(channel, ts),
    )
    assert status == 200
    await bot.told_eventually(INFRA_ONCALL_1, "Le formulaire n’a pas pu s’ouvrir à temps.")


async def test_each_page_counts_its_readers_own_pages_and_says_why_it_reached_them(
    bot: Harness,
) -> None:
    """Level 2's first page is *its* first: it says the alert came up to them and who is on the
    level below (not « Appel n° 3 », the ticket's count); their next page is their second. A
    page stays as sent until it is answered: it says since when, not for how long."""
    ticket = await file_emergency(bot)
    assert ticket.paging is not None
    since = f"<!date^{int(ticket.paging.started_at.timestamp())}^{{time}}|"
    await bot.tick(5 * M)  # level 1's second page
    assert f"Appel n° 2 pour vous\u00a0: personne n’a acquitté depuis {since}" in searchable(
        pages_to(bot, INFRA_ONCALL_1)[1].args["blocks"]
    )
    await bot.tick(5 * M)  # +10 min: level 2's first page
    (first,) = pages_to(bot, INFRA_ONCALL_2)
    text = searchable(first.args["blocks"])
    assert "#3" not in text and "Page #" not in text
    assert f"Escalated to you: nobody has acknowledged since {since}" in text
    assert f"UTC> (level 1: <@{INFRA_ONCALL_1}>)." in text
    await bot.tick(5 * M)  # their second page
    second = searchable(pages_to(bot, INFRA_ONCALL_2)[1].args["blocks"])
    assert f"Page #2 to you: nobody has acknowledged since {since}" in second
    assert "Escalated" not in second


async def test_a_page_that_failed_for_good_is_not_counted_in_its_readers_pages(
    bot: Harness,
) -> None:
    """Level 2's first page fails for good (Slack refuses the DM): the page that does reach
    them next is their first, saying the alert came up to them (before: « Page #2 to you »,
    counting the one that never arrived); their Home counts what they received."""
    ticket = await file_emergency(bot)
    assert ticket.paging is not None
    since = f"<!date^{int(ticket.paging.started_at.timestamp())}^{{time}}|"
    bot.slack.fail_next("chat.postMessage", "user_disabled")
    await bot.tick(10 * M)  # level 2's first page fails
    assert not pages_to(bot, INFRA_ONCALL_2)
    failures = [c for c in bot.thread(ticket) if "could not page" in c.args["text"]]
    assert len(failures) == 1 and f"<@{INFRA_ONCALL_2}>" in failures[0].args["text"]
    failed = await stored(bot, ticket.id)
    assert failed.paging is not None and failed.paging.paged.get(INFRA_ONCALL_2, 0) == 0
    await bot.tick(5 * M)  # the re-page that arrives
    (first,) = pages_to(bot, INFRA_ONCALL_2)
    text = searchable(first.args["blocks"])
    assert "Page #" not in text
    assert f"Escalated to you: nobody has acknowledged since {since}" in text
    await bot.tick(5 * M)
    second = searchable(pages_to(bot, INFRA_ONCALL_2)[1].args["blocks"])
    assert f"Page #2 to you: nobody has acknowledged since {since}" in second
    paged = await stored(bot, ticket.id)
    assert paged.paging is not None and paged.paging.paged[INFRA_ONCALL_2] == 2


async def test_an_emergency_sent_to_another_team_pages_that_teams_on_call_from_level_one(
    bot: Harness,
) -> None:
    """Escalated to infra's level 2, then sent to security (one level): security's on-call is
    paged at once, from its level 1 (before, the paging stayed at « level 2 », which security
    has not: no page, no reminder, ever); the pages infra's people hold say where it went and
    lose their buttons; their Home shows no page."""
    ticket = await file_emergency(bot)
    await bot.tick(10 * M)  # level 2 paged
    pages = pages_to(bot, INFRA_ONCALL_1) + pages_to(bot, INFRA_ONCALL_2)
    assert len(pages) == 2
    before = _updates(bot, ticket, pages)[:-1]
    bot.clock.advance(M)
    await bot.choose(ticket.id, "ticket_reassign", "security", INFRA_ONCALL_2)
    for page, earlier in zip(pages, before, strict=True):
        await bot.message_updated(page.response["channel"], page.response["ts"], earlier)
    for user, said in ((INFRA_ONCALL_1, "Plus besoin d’acquitter"), (INFRA_ONCALL_2, "No ack")):
        for page in pages_to(bot, user):
            updated = bot.slack.message(page.response["channel"], page.response["ts"])
            assert said in updated["text"] and buttons(updated["blocks"]) == []
            assert "IT security" in updated["text"] or "Sécurité informatique" in updated["text"]
    assert "ticket_ack" not in searchable(await bot.open_home(INFRA_ONCALL_1))

    await bot.tick()  # the new team's paging is due at once
    (first,) = pages_to(bot, SECURITY_ONCALL)
    text = searchable(first.args["blocks"])
    assert "You are on call for *IT security* (level 1)" in text and "Page #" not in text
    moved = await stored(bot, ticket.id)
    assert moved.paging is not None and moved.paging.active and moved.paging.level == 0
    await bot.tick(5 * M)
    assert "Page #2 to you" in searchable(pages_to(bot, SECURITY_ONCALL)[1].args["blocks"])
    assert len(pages_to(bot, INFRA_ONCALL_1)) == 1 and len(pages_to(bot, INFRA_ONCALL_2)) == 1


async def test_an_emergency_sent_to_another_team_pages_it_at_once_not_at_the_next_tick(
    database: Database,
) -> None:
    """The scheduler ticks every hour here, so only a wake-up can page before the test's own
    tick: sent to security while paging, security's on-call is paged at once (before: at the
    next tick, up to ``scheduler.tick`` later), by the tick's claim, and the tick that comes
    then pages nobody again."""
    config = load_services_config(SERVICES_FILE)
    hourly = config.model_copy(update={"scheduler": SchedulerConfig(tick=timedelta(hours=1))})
    async with running_bot(database, config=hourly) as bot:
        ticket = await file_emergency(bot)
        bot.clock.advance(M)
        await bot.choose(ticket.id, "ticket_reassign", "security", INFRA_ONCALL_1)
        (page,) = await bot.wait_dms(SECURITY_ONCALL, 1)
        assert "You are on call for *IT security* (level 1)" in searchable(page.args["blocks"])
        history = await bot.guichet.helpdesk.tickets.history(ticket.id)
        assert [(e.action, e.after) for e in history][-1] == ("paged", SECURITY_ONCALL)
        await bot.tick()  # the same minute: nothing more is due
        await bot.tick(M)
        assert len(pages_to(bot, SECURITY_ONCALL)) == 1
        moved = await stored(bot, ticket.id)
        assert moved.paging is not None and moved.paging.pages == 1
        assert len(pages_to(bot, INFRA_ONCALL_1)) == 1


async def test_a_level_nobody_on_it_can_be_paged_at_passes_the_alert_up_at_once(
    bot: Harness,
) -> None:
    """Level 1's page fails for good (a deactivated account): the channel is told, and level 2
    is paged at once, saying why, rather than 10 minutes after the start (before: nobody was
    paged until then)."""
    ticket = await file_emergency(bot)
    bot.slack.fail_next("chat.postMessage", "user_disabled")  # level 1's re-page
    await bot.tick(5 * M)
    failures = [c for c in bot.thread(ticket) if "could not page" in c.args["text"]]
    assert len(failures) == 1 and f"<@{INFRA_ONCALL_1}>" in failures[0].args["text"]
    await bot.tick()  # the same minute: level 2 is due at once
    (page,) = pages_to(bot, INFRA_ONCALL_2)
    text = searchable(page.args["blocks"])
    assert "You are on call for *Infrastructure &amp; network* (level 2)" in text
    assert (
        "Escalated to you at once: I could not page anyone below you "
        f"(level 1: <@{INFRA_ONCALL_1}>)." in text
    )
    paged = await stored(bot, ticket.id)
    assert paged.paging is not None and paged.paging.level == 1 and paged.paging.skipped_to == 1

    await bot.tick(5 * M)  # then the last level is re-paged on its cadence
    assert len(pages_to(bot, INFRA_ONCALL_2)) == 2
