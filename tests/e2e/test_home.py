"""The App Home tab: a requester's tickets, an agent's work, claim and New ticket from it."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.models import (
    Classification,
    HistoryAction,
    HistoryEntry,
    Language,
    Level,
    NewTicket,
    Priority,
    SlaClocks,
    Status,
    TicketType,
)
from tests.e2e.harness import DESK_AGENT, DESK_MEMBER, EMPLOYEE_EN, EMPLOYEE_FR, Harness
from tests.fakes import ticket as a_ticket


def _texts(view: dict) -> str:
    return str(view["blocks"])


def _buttons(view: dict) -> list[tuple[str, str | None]]:
    found = []
    for block in view["blocks"]:
        elements = [block["accessory"]] if "accessory" in block else block.get("elements", [])
        found += [(e["action_id"], e.get("value")) for e in elements if e.get("type") == "button"]
    return found


def _row_index(view: dict, ticket_id: str) -> int:
    return next(
        i for i, b in enumerate(view["blocks"]) if f"*{ticket_id}*" in str(b.get("text", ""))
    )


async def test_a_requester_sees_their_open_and_recent_tickets(bot: Harness) -> None:
    empty = await bot.open_home(EMPLOYEE_EN)
    assert "No open tickets." in _texts(empty)
    assert ("home_new_ticket", None) in _buttons(empty)

    printer = await bot.file(title="Printer jams")
    visio = await bot.file("service_request", title="Install Visio")
    await bot.file(title="Not mine", user=EMPLOYEE_FR)
    cancelled = HistoryEntry(
        printer.id, bot.clock.now(), EMPLOYEE_EN, HistoryAction.STATUS, "new", "cancelled"
    )
    await bot.guichet.helpdesk.tickets.record(cancelled, {"status": Status.CANCELLED})

    view = await bot.open_home(EMPLOYEE_EN)
    text = _texts(view)
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    assert "Your open tickets" in text and "Recently finished" in text
    assert "Install Visio" in text
    assert _row_index(view, printer.id) > _row_index(view, visio.id)  # under "Recently finished"
    assert "Cancelled" in str(view["blocks"][_row_index(view, printer.id)])
    assert "New" in str(view["blocks"][_row_index(view, visio.id)])
    assert "Not mine" not in text
    assert "Waiting to be claimed" not in text and "ticket_claim" not in text  # not an agent
    assert ("home_ticket_details", visio.id) in _buttons(view)


async def test_recently_finished_is_what_ended_last_for_someone_with_sixty_tickets(
    bot: Harness,
) -> None:
    tickets = bot.guichet.helpdesk.tickets
    filed = []
    for n in range(60):  # an old ticket first, then 59 more over the weeks
        bot.clock.advance(timedelta(hours=12))
        new = NewTicket(
            type=TicketType.INCIDENT,
            title=f"Request number {n}",
            description="Something is wrong.",
            impact=Level.LOW,
            urgency=Level.LOW,
            priority=Priority.P4,
            service="service_desk",
            requester=EMPLOYEE_EN,
            language=Language.EN,
            classification=Classification("service_desk", 0.8, ()),
            created_at=bot.clock.now(),
        )
        filed.append(await tickets.create(new))
    for ticket in filed[1:40]:  # closed as they came
        entry = HistoryEntry(ticket.id, ticket.created_at, DESK_MEMBER, HistoryAction.STATUS)
        await tickets.record(entry, {"status": Status.CLOSED})
    bot.clock.advance(timedelta(days=1))
    oldest = filed[0]  # solved today, after weeks
    done = HistoryEntry(oldest.id, bot.clock.now(), EMPLOYEE_EN, HistoryAction.STATUS)
    await tickets.record(done, {"status": Status.CANCELLED})

    view = await bot.open_home(EMPLOYEE_EN)
    assert len(view["blocks"]) <= 100
    title = next(i for i, b in enumerate(view["blocks"]) if "Recently finished" in str(b))
    finished = [b["accessory"]["value"] for b in view["blocks"][title:] if "accessory" in b]
    # before: the 20 last filed of the finished ones, then sorted: the oldest was not there
    assert finished == [oldest.id, filed[39].id, filed[38].id, filed[37].id, filed[36].id]


async def test_an_agent_sees_assigned_tickets_and_the_queue_oldest_first(bot: Harness) -> None:
    first = await bot.file("information_request", "Password procedure?", "Where is it?")
    second = await bot.file("training_request", "Excel training", "For my team")
    elsewhere = await bot.file("service_request", "Install Visio", "Please")  # internal IT
    claimed = await bot.file("incident", "Outlook crashes", "At start", user=EMPLOYEE_FR)
    await bot.guichet.claims.claim(claimed.id, DESK_AGENT)

    view = await bot.open_home(DESK_AGENT)  # an agent of the service desk, in French
    text = _texts(view)
    assert "Pris en charge par vous" in text and "En attente de prise en charge" in text
    assert "Centre de support" in text and elsewhere.id not in text
    for ticket in (first, second, claimed):
        assert ticket.service == "service_desk", ticket
    queue = [value for action, value in _buttons(view) if action == "ticket_claim"]
    assert queue == [first.id, second.id]  # oldest first
    assert ("home_ticket_details", claimed.id) in _buttons(view)
    assert _row_index(view, claimed.id) < _row_index(view, first.id)
    assert "!note" in text

    member = await bot.open_home(DESK_MEMBER)  # a member of the desk's channel
    assert "Waiting to be claimed" in _texts(member)


async def test_claim_from_the_home_tab(bot: Harness) -> None:
    ticket = await bot.file("information_request", "Password procedure?", "Where is it?")
    home = await bot.open_home(DESK_MEMBER)
    publishes = len(bot.home_publishes(DESK_MEMBER))
    status, _ = await bot.send.block_action(
        "ticket_claim", ticket.id, user_id=DESK_MEMBER, view=home
    )
    assert status == 200
    refreshed = await bot.home_published(DESK_MEMBER, publishes)
    view = refreshed.response["view"]
    assert [v for a, v in _buttons(view) if a == "ticket_claim"] == []
    assert ("home_ticket_details", ticket.id) in _buttons(view)  # now under "Assigned to you"
    stored = await bot.guichet.helpdesk.tickets.get(ticket.id)
    assert stored is not None and stored.assignee == DESK_MEMBER
    assert stored.status is Status.IN_PROGRESS
    await bot.card_updated(ticket)  # the channel message shows it too
    assert not bot.ephemerals_to(None)

    # pressed again (a stale Home tab): the answer comes by DM, and the tab is refreshed
    publishes = len(bot.home_publishes(DESK_AGENT))
    await bot.send.block_action("ticket_claim", ticket.id, user_id=DESK_AGENT, view=home)
    answer = (await bot.wait_dms(DESK_AGENT, 1))[-1]
    assert f"déjà pris en charge par <@{DESK_MEMBER}>" in answer.args["text"]
    await bot.home_published(DESK_AGENT, publishes)  # their own tab refreshed


async def test_new_ticket_from_the_home_tab(bot: Harness) -> None:
    home = await bot.open_home(EMPLOYEE_EN)
    trigger = bot.send.new_trigger_id(EMPLOYEE_EN)
    await bot.send.block_action(
        "home_new_ticket", user_id=EMPLOYEE_EN, view=home, trigger_id=trigger
    )
    form = (await bot.opened_with(trigger)).response["view"]
    assert form["title"]["text"] == "New ticket"
    publishes = len(bot.home_publishes(EMPLOYEE_EN))
    answers = {
        "type": "incident",
        "title": "Screen flickers",
        "description": "Since the update",
        "impact": "low",
        "urgency": "low",
    }
    status, body = await bot.submit(form, answers, user=EMPLOYEE_EN)
    assert status == 200 and body["response_action"] == "update"
    refreshed = await bot.home_published(EMPLOYEE_EN, publishes)
    assert "Screen flickers" in str(refreshed.response["view"]["blocks"])


async def test_details_from_the_home_tab(bot: Harness) -> None:
    ticket = await bot.file(title="Printer jams")
    home = await bot.open_home(EMPLOYEE_EN)
    trigger = bot.send.new_trigger_id(EMPLOYEE_EN)
    await bot.send.block_action(
        "home_ticket_details", ticket.id, user_id=EMPLOYEE_EN, view=home, trigger_id=trigger
    )
    details = await bot.opened_with(trigger)  # this press's, not the filing form
    assert details.ok, details.response
    view = details.response["view"]
    assert view["title"]["text"] == ticket.id and "History" in str(view["blocks"])
    # someone who may not see it gets a refusal, not the details
    await bot.send.block_action("home_ticket_details", ticket.id, user_id=EMPLOYEE_FR, view=home)
    refusal = (await bot.wait_dms(EMPLOYEE_FR, 1))[-1]
    assert "n’est visible que par son demandeur" in refusal.args["text"]
    assert len(bot.slack.calls_to("views.open")) == 2


async def test_details_that_cannot_open_are_explained(bot: Harness) -> None:
    """*Details* in the Home tab: when Slack cannot open them (the click's 3 seconds gone), the
    person is told by DM (the Home tab has nowhere else to answer) to press again."""
    ticket = await bot.file("service_request", "Install Visio", "Please")
    home = await bot.open_home(EMPLOYEE_EN)
    bot.slack.fail_next("views.open", "expired_trigger_id")
    status, _ = await bot.send.block_action(
        "home_ticket_details", ticket.id, user_id=EMPLOYEE_EN, view=home
    )
    assert status == 200
    await bot.told_eventually(
        EMPLOYEE_EN, "The form could not open in time. Please press the button again."
    )


async def test_an_agents_lists_say_the_order_they_are_in(bot: Harness) -> None:
    """The agent's lists put what is due first on top (not the oldest), and their headings
    and their cut say so: "oldest first" over a list sorted otherwise sent people to the
    bottom of a cut list for what is, in truth, at its top."""
    older = await bot.file("information_request", "Excel macro?", "When you can", "low", "low")
    newer = await bot.file("information_request", "Password procedure?", "Blocked", "high", "high")
    assert older.priority > newer.priority  # P4 filed first, then P1: the P1 is due first
    for ticket in (older, newer):
        await bot.guichet.claims.claim(ticket.id, DESK_MEMBER)
    queued_older = await bot.file("training_request", "Excel training", "Later", "low", "low")
    queued_newer = await bot.file("training_request", "Outlook training", "Today", "high", "high")

    view = await bot.open_home(DESK_MEMBER)  # en-GB
    text = _texts(view)
    assert "*Assigned to you* (most pressing first)" in text
    assert "*Waiting to be claimed* (most pressing first) · Service desk" in text
    assert "oldest first" not in text
    assert _row_index(view, newer.id) < _row_index(view, older.id)
    queue = [value for action, value in _buttons(view) if action == "ticket_claim"]
    assert queue == [queued_newer.id, queued_older.id]

    french = _texts(await bot.open_home(DESK_AGENT))
    assert "*Pris en charge par vous* (les plus pressants d’abord)" in french
    assert "*En attente de prise en charge* (les plus pressants d’abord) · " in french
    assert "plus anciens" not in french


async def test_a_new_p1_or_emergency_is_on_the_home_behind_three_hundred_older_tickets(
    bot: Harness,
) -> None:
    """300 unassigned tickets due in two days, then a P1 due in 15 minutes and an emergency:
    both at the top of the queue (before: the 200 oldest were read, then sorted, and neither
    was on the Home at all); the same for an agent's own tickets."""
    now = bot.clock.now()
    later = SlaClocks(response_due=now + timedelta(days=2), resolution_due=now + timedelta(days=5))
    older = [
        a_ticket(
            id=f"INF-{900 + n}",
            at=now - timedelta(hours=600 - n),
            priority=Priority.P4,
            sla=later,
            assignee=DESK_MEMBER if n % 2 else None,  # 300 theirs, 300 in the queue
            status=Status.IN_PROGRESS if n % 2 else Status.NEW,
        )
        for n in range(600)
    ]
    await bot.guichet.helpdesk.tickets.import_tickets(older)
    p1 = await bot.file("information_request", "Password locked", "Now", "high", "high")
    assert p1.priority is Priority.P1 and p1.service == "service_desk"
    emergency = a_ticket(
        id="EMG-999",
        type=TicketType.EMERGENCY,
        priority=Priority.P1,
        at=now,
        sla=SlaClocks(response_due=now + timedelta(hours=1)),
    )
    mine = a_ticket(
        id="INF-1999",
        at=now,
        priority=Priority.P2,
        assignee=DESK_MEMBER,
        status=Status.IN_PROGRESS,
        sla=SlaClocks(response_due=now, responded_at=now, resolution_due=now + timedelta(hours=1)),
    )
    await bot.guichet.helpdesk.tickets.import_tickets([emergency, mine])

    view = await bot.open_home(DESK_MEMBER)
    text = _texts(view)
    queue = [value for action, value in _buttons(view) if action == "ticket_claim"]
    assert queue[:2] == [emergency.id, p1.id] and len(queue) == 25
    assert "… and less pressing ones, in the services’ channels." in text
    assert "… and less pressing ones." in text  # 301 assigned to them: cut too
    shown = [t for t in older if t.assignee == DESK_MEMBER and f"*{t.id}*" in text]
    assert shown and all(_row_index(view, mine.id) < _row_index(view, t.id) for t in shown)
