"""A report of the same outage right after the problem's fix: posted as an ordinary ticket (the
problem is over, nothing joins it), and its team told in its thread that it matches the problem
fixed a moment ago, a possible recurrence. Nobody was told: the fix that did not hold went
unseen."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from bot.domain.config import load_services_config
from bot.domain.models import Language, OutgoingKind, Status, Ticket, TicketType
from bot.problems.storm import RECURRENCE_WINDOW
from handlers.problems.blocks import recurrence_offer, recurrence_reply
from storage.outbox import OutboxRepository
from tests.e2e.audit_lines import refusals
from tests.e2e.harness import DESK_AGENT, OUTSIDER, Harness
from tests.e2e.observations import searchable
from tests.e2e.problems.outage import (
    DESK,
    REQUESTERS,
    TICK,
    as_shown,
    buttons,
    make_problem,
    report,
)
from tests.fakes import T0, ticket

CONFIG = load_services_config(Path(__file__).parent.parent.parent / "data" / "services.yml")


async def _fixed(bot: Harness) -> None:
    _, problem = await make_problem(bot)
    stormed = await report(bot, 3)  # joins the open problem
    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)

    async def fanned_out() -> bool:
        done = (await bot.ticket(problem.id)).fanout_at is None
        return done and (await bot.ticket(stormed.id)).status is Status.RESOLVED

    await bot.eventually(fanned_out, "the fix fanned out")
    await bot.tick(TICK)


async def test_a_late_report_after_the_fix_is_told_as_a_possible_recurrence(
    desk: Harness,
) -> None:
    bot = desk
    await _fixed(bot)
    late = await report(bot, 4)
    await bot.tick()
    late = await bot.ticket(late.id)
    assert late.problem_id is None and late.message is not None  # an ordinary ticket
    said = [c.args["text"] for c in bot.thread(late) if "Récurrence possible" in c.args["text"]]
    assert len(said) == 1, [c.args["text"] for c in bot.thread(late)]
    text = said[0].replace("\u00a0", " ").replace("\u202f", " ")
    assert f"*{late.id}* ressemble au problème *PRB-1* « Récurrent : " in text, text
    assert "résolu il y a moins d’une minute (<!date^" in text
    assert "Le correctif a-t-il tenu ? Si c’est la même cause, rouvrez *PRB-1* :" in text
    for _ in range(3):  # said once
        await bot.tick(TICK)
    assert len([c for c in bot.thread(late) if "Récurrence possible" in c.args["text"]]) == 1


async def test_an_unrelated_report_or_one_long_after_says_nothing(desk: Harness) -> None:
    bot = desk
    await _fixed(bot)
    other = await bot.file(
        "incident", "Écran noir", "Mon écran reste noir au démarrage.", user=DESK_AGENT
    )
    await bot.tick(RECURRENCE_WINDOW + timedelta(minutes=1))
    late = await report(bot, 4)  # like it, but more than a day after the fix
    await bot.tick()
    for ticket_ in (await bot.ticket(other.id), await bot.ticket(late.id)):
        assert not [c for c in bot.thread(ticket_) if "Récurrence" in c.args["text"]]


def test_the_recurrence_reply_in_english_and_french() -> None:
    problem = replace(
        ticket(),
        id="PRB-1",
        type=TicketType.PROBLEM,
        title="Recurring: Mail down",
        status=Status.RESOLVED,
    )
    problem = replace(problem, sla=replace(problem.sla, resolved_at=T0))
    english = recurrence_reply(
        ticket(id="INC-9", service="internal_it"), problem, CONFIG, T0 + timedelta(hours=2)
    )
    assert english.text.startswith(
        "🔁 Possible recurrence: *INC-9* looks like problem *PRB-1* “Recurring: Mail down”, "
        "fixed 2 h ago (<!date^"
    ), english.text
    assert "Did the fix hold? If it is the same cause, reopen *PRB-1*" in english.text
    french = recurrence_reply(ticket(id="INC-9"), problem, CONFIG, T0 + timedelta(minutes=5))
    assert "ressemble au problème *PRB-1* «\u00a0Récurrent\u00a0: Mail down\u00a0»" in french.text
    assert "résolu il y a 5 min" in french.text
    emergency = replace(problem, id="EMG-1", type=TicketType.EMERGENCY, title="ERP down")
    said = recurrence_reply(ticket(id="INC-9"), emergency, CONFIG, T0 + timedelta(minutes=5))
    assert "ressemble à l’urgence *EMG-1*" in said.text and "résolue il y a" in said.text
    reopen = "même panne, rouvrez *EMG-1*\u00a0: les prochains signalements la rejoindront"
    assert reopen in said.text
    closed = recurrence_reply(
        ticket(id="INC-9"), replace(problem, status=Status.CLOSED), CONFIG, T0
    )
    assert closed.text.endswith("Le correctif a-t-il tenu\u00a0?"), closed.text
    assert Language.FR is CONFIG.services["service_desk"].language


def _recurrence_reply(bot: Harness, late: Ticket) -> dict:
    (call,) = [c for c in bot.thread(late) if "Récurrence possible" in c.args["text"]]
    return as_shown(bot, call)


async def test_a_report_told_as_a_recurrence_is_offered_to_the_reopened_problem(
    desk: Harness,
) -> None:
    """Reported after the fix, told as a possible recurrence; the problem is reopened: that
    report, posted on its own, is not left out (before: only later reports joined). Its reply
    is redrawn with « Lier à PRB-1 »; pressed, it joins: its requester told it is a known
    issue, the problem's thread lists it, the reply says who linked it."""
    bot = desk
    await _fixed(bot)
    late = await report(bot, 4)
    await bot.tick()
    assert buttons(_recurrence_reply(bot, late)) == []
    await bot.choose("PRB-1", "ticket_status", "in_progress", DESK_AGENT)  # reopened
    outbox = OutboxRepository(bot.database)

    async def queued() -> bool:
        items = await outbox.for_ticket(late.id)
        return any(i.message.kind is OutgoingKind.RECURRENCE_SHOWN for i in items)

    await bot.eventually(queued, "the offer queued")
    await bot.tick()
    offer = _recurrence_reply(bot, late)
    assert buttons(offer) == [("recurrence_link", f"{late.id}|PRB-1")]
    text = searchable(offer["blocks"]).replace("\u00a0", " ")
    assert f"*{late.id}* ressemble au problème *PRB-1*" in text and "rouvert depuis" in text
    assert (await bot.ticket(late.id)).problem_id is None  # offered, not linked

    await bot.press(DESK, offer, "recurrence_link", OUTSIDER)
    await bot.told_eventually(OUTSIDER, "Only members of")
    assert (await bot.ticket(late.id)).problem_id is None

    replies = len(bot.thread(await bot.ticket("PRB-1")))
    await bot.press(DESK, offer, "recurrence_link", DESK_AGENT)
    linked = await bot.eventually(
        lambda: (
            "a été lié à" in str(_recurrence_reply(bot, late)["blocks"])
            and _recurrence_reply(bot, late)
        ),
        "the reply saying who linked it",
    )
    assert buttons(linked) == []
    assert f"par <@{DESK_AGENT}>" in searchable(linked["blocks"])
    assert (await bot.ticket(late.id)).problem_id == "PRB-1"
    told = await bot.told_eventually(REQUESTERS[4], "known issue")  # U0CLARA reads English
    assert f"*{late.id}*" in told and "*PRB-1*" in told
    await bot.tick()
    listing = bot.thread(await bot.ticket("PRB-1"))[replies:]
    assert [c for c in listing if f"*{late.id}*" in str(c.args.get("blocks"))]

    await bot.press(DESK, offer, "recurrence_link", DESK_AGENT)  # the stale offer, again
    said = await bot.told_eventually(DESK_AGENT, "est déjà lié à")
    assert f"*{late.id}* est déjà lié à *PRB-1*" in said


async def test_a_forged_pair_links_nothing(desk: Harness) -> None:
    """The button's pair is checked against the replies the outbox sent: an incident never
    told as a recurrence of PRB-1 is not linked to it by a forged value."""
    bot = desk
    await _fixed(bot)
    other = await bot.file(
        "incident", "Écran noir", "Mon écran reste noir au démarrage.", user=DESK_AGENT
    )
    await bot.choose("PRB-1", "ticket_status", "in_progress", DESK_AGENT)
    await bot.send.block_action(
        "recurrence_link", f"{other.id}|PRB-1", user_id=DESK_AGENT, channel_id=DESK
    )
    await bot.told_eventually(DESK_AGENT, "Ce bouton n’est plus valable")
    assert (await bot.ticket(other.id)).problem_id is None


def test_the_offer_once_reopened_in_english_and_french() -> None:
    problem = replace(ticket(), id="PRB-1", type=TicketType.PROBLEM, title="Recurring: Mail down")
    incident = ticket(id="INC-9", service="internal_it")  # internal_it reads English
    english = recurrence_offer(incident, problem, CONFIG, None)
    assert english.text == (
        "🔁 Possible recurrence: *INC-9* looks like problem *PRB-1* “Recurring: Mail down”, "
        "reopened since. If it is the same cause, link them: its requester will hear that it "
        "is a known issue and be told when it is fixed."
    )
    drawn = [block.to_dict() for block in english.blocks]
    assert drawn[1]["elements"][0]["text"]["text"] == "Link to PRB-1"
    assert drawn[1]["elements"][0]["value"] == "INC-9|PRB-1"
    emergency = replace(problem, id="EMG-1", type=TicketType.EMERGENCY, title="ERP down")
    french = recurrence_offer(ticket(id="INC-9"), emergency, CONFIG, None)
    assert "ressemble à l’urgence *EMG-1* «\u00a0ERP down\u00a0», rouverte depuis." in french.text
    assert "Si c’est la même panne, liez-les\u00a0: son demandeur saura" in french.text
    assert [b.to_dict()["elements"][0]["text"]["text"] for b in french.blocks[1:]] == [
        "Lier à EMG-1"
    ]
    linked = replace(incident, problem_id="PRB-1")
    said = recurrence_offer(linked, problem, CONFIG, "U0LEA")
    assert said.text == "🔗 *INC-9* was linked to *PRB-1* “Recurring: Mail down” by <@U0LEA>."
    assert len(said.blocks) == 1
    private = recurrence_offer(ticket(id="INC-9", service="security"), problem, CONFIG, None)
    assert len(private.blocks) == 1 and "looked like *PRB-1*" in private.text  # no button
    fixed_again = replace(problem, status=Status.RESOLVED)
    over = recurrence_offer(ticket(id="INC-9"), fixed_again, CONFIG, None)
    assert (
        over.text == "🔁 Récurrence possible\u00a0: *INC-9* ressemblait à *PRB-1* "
        "«\u00a0Récurrent\u00a0: Mail down\u00a0»."
    )
    assert len(over.blocks) == 1


async def _offered(bot: Harness) -> tuple[Ticket, dict]:
    """A report told as a possible recurrence of PRB-1, reopened since: its reply offers it."""
    await _fixed(bot)
    late = await report(bot, 4)
    await bot.tick()
    await bot.choose("PRB-1", "ticket_status", "in_progress", DESK_AGENT)  # reopened
    outbox = OutboxRepository(bot.database)

    async def queued() -> bool:
        items = await outbox.for_ticket(late.id)
        return any(i.message.kind is OutgoingKind.RECURRENCE_SHOWN for i in items)

    await bot.eventually(queued, "the offer queued")
    await bot.tick()
    offer = _recurrence_reply(bot, late)
    assert buttons(offer) == [("recurrence_link", f"{late.id}|PRB-1")]
    return late, offer


def _listing(bot: Harness, problem: Ticket, incident_id: str) -> list[dict]:
    """The replies of the problem's thread that list ``incident_id`` with its Unlink button,
    as they show now."""
    shown = [bot.slack.message(DESK, c.response["ts"]) for c in bot.thread(problem)]
    return [m for m in shown if ("incident_unlink", incident_id) in buttons(m)]


def _updates(bot: Harness, problem: Ticket) -> list[object]:
    """The updates of the problem's channel message."""
    assert problem.message is not None
    ts = problem.message.ts
    return [c for c in bot.slack.calls_to("chat.update") if c.ok and c.args.get("ts") == ts]


async def test_a_report_linked_again_after_an_unlink_is_listed_again(desk: Harness) -> None:
    """Linked by « Lier à PRB-1 », unlinked, linked again by the same (stale) offer: the
    problem's thread lists it again with Unlink, and its requester hears it is a known issue
    again (before: the listing's and the notice's outbox ids were the first link's, taken as
    sent already: no reply, no DM); unlinked again, the requester hears that too, and the
    problem's count follows. A redelivered press links nothing twice."""
    bot = desk
    late, offer = await _offered(bot)
    problem = await bot.ticket("PRB-1")
    requester = REQUESTERS[4]
    await bot.press(DESK, offer, "recurrence_link", DESK_AGENT)
    await bot.told_eventually(requester, "known issue")
    await bot.tick()
    assert _listing(bot, problem, late.id), "the first listing in the problem's thread"
    assert len([t for t in bot.told(requester) if "known issue" in t]) == 1
    (listing,) = _listing(bot, problem, late.id)
    await bot.tick(TICK)
    await bot.press(DESK, listing, "incident_unlink", DESK_AGENT, block_id=f"linked:{late.id}")
    await bot.eventually(
        lambda: not _listing(bot, problem, late.id), "the listing showing it unlinked"
    )
    await bot.told_eventually(requester, "handled on its own after all", times=1)
    assert (await bot.ticket(late.id)).problem_id is None

    await bot.tick(TICK)
    await bot.press(DESK, offer, "recurrence_link", DESK_AGENT)  # the offer, as still shown
    await bot.told_eventually(requester, "known issue", times=2)
    await bot.tick()
    assert _listing(bot, problem, late.id), "a new listing in the problem's thread"
    assert (await bot.ticket(late.id)).problem_id == "PRB-1"
    assert late.id in (await bot.ticket("PRB-1")).linked_incidents

    await bot.press(DESK, offer, "recurrence_link", DESK_AGENT)  # pressed twice: linked once
    await bot.told_eventually(DESK_AGENT, "est déjà lié à")
    await bot.tick(TICK)
    assert len(_listing(bot, problem, late.id)) == 1
    assert len([t for t in bot.told(requester) if "known issue" in t]) == 2

    (listing,) = _listing(bot, problem, late.id)
    card_updates = len(_updates(bot, problem))
    await bot.press(DESK, listing, "incident_unlink", DESK_AGENT, block_id=f"linked:{late.id}")
    await bot.told_eventually(requester, "handled on its own after all", times=2)
    await bot.eventually(
        lambda: not _listing(bot, problem, late.id), "the new listing showing it unlinked"
    )
    await bot.tick(TICK)
    assert late.id not in (await bot.ticket("PRB-1")).linked_incidents
    assert len(_updates(bot, problem)) > card_updates  # its count redrawn


async def test_the_offer_of_a_report_moved_to_a_private_service_links_nothing(
    desk: Harness,
) -> None:
    """« Lier à PRB-1 » is checked when it is pressed, from the stored tickets and rosters: the
    report was sent to IT security (private) after the offer was drawn; the desk's agent, who
    works PRB-1 but may not see a security case, is refused (before: linked into the desk's
    problem, its requester told, the thread listing it), and the refusal is audited."""
    bot = desk
    late, offer = await _offered(bot)
    await bot.choose(late.id, "ticket_reassign", "security", DESK_AGENT)
    moved = await bot.eventually(
        _moved_to(bot, late.id, "security"), "the report sent to IT security"
    )
    assert moved.problem_id is None
    await bot.press(DESK, offer, "recurrence_link", DESK_AGENT)  # the offer, as still shown
    said = await bot.told_eventually(DESK_AGENT, "visible")
    assert f"Le ticket *{late.id}* n’est visible que par son demandeur et son service" in said
    await bot.tick(TICK)
    assert (await bot.ticket(late.id)).problem_id is None
    assert late.id not in (await bot.ticket("PRB-1")).linked_incidents
    assert not [t for t in bot.told(REQUESTERS[4]) if "known issue" in t]
    refused = await refusals(bot, DESK_AGENT)
    assert [line for line in refused if line[4] == late.id and "recurrence_link" in str(line)]


def _moved_to(bot: Harness, ticket_id: str, service: str) -> Callable[[], Awaitable[Ticket | None]]:
    async def moved() -> Ticket | None:
        ticket = await bot.ticket(ticket_id)
        return ticket if ticket.service == service else None

    return moved
