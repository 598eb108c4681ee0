"""Problems and storms through the emulator: recurring incidents suggested as one problem, the
problem created and its incidents linked, a storm of similar incidents joining it without
flooding the channel, and its resolution told to every requester once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.domain.models import OutgoingKind, Status, Ticket, TicketType
from bot.domain.outbox import OutboxState
from storage.outbox import OutboxRepository
from tests.e2e.harness import (
    DESK_AGENT,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    OUTSIDER,
    Harness,
    find_element,
)

DESK = "C0DESK"  # the service desk's channel; it speaks French (tests/data/services.yml)
TICK = timedelta(seconds=30)

# One outage (mail cannot be sent), reported by six people in their words and languages.
MAIL_DOWN = [
    ("Outlook cannot send emails", "Since 10am Outlook will not send any email."),
    (
        "Messagerie en panne",
        "Impossible d'envoyer des mails depuis ce matin, la messagerie est HS.",
    ),
    ("Emails stuck in the outbox", "Outlook will not send my emails, they stay in the outbox."),
    ("Outlook n'envoie plus les mails", "Mes mails restent dans la boîte d'envoi."),
    ("Cannot send email from Outlook", "Every email I send stays in the outbox."),
    (
        "Mails bloqués dans Outlook",
        "Aucun mail ne part, ils restent coincés dans la boîte d'envoi.",
    ),
]
PEOPLE = {"U0ANNA": "fr-FR", "U0BOB": "fr-FR", "U0CLARA": "en-US", "U0DAVID": "en-GB"}
REQUESTERS = [EMPLOYEE_EN, EMPLOYEE_FR, "U0ANNA", "U0BOB", "U0CLARA", "U0DAVID"]
FRENCH = {EMPLOYEE_FR, "U0ANNA", "U0BOB"}


@pytest.fixture
async def desk(bot: Harness) -> Harness:
    """The bot, with the requesters of the outage; the scheduler ticks only when a test says
    (its wake-ups would race the test's own ticks)."""
    for user, locale in PEOPLE.items():
        bot.slack.add_user(user, user[3:].lower(), locale=locale)
    await bot.guichet.scheduler.stop()
    return bot


async def report(bot: Harness, number: int) -> Ticket:
    """Requester ``number`` reports the outage (an incident for the service desk)."""
    title, description = MAIL_DOWN[number]
    ticket = await bot.file(
        "incident", title, description, impact="medium", urgency="medium", user=REQUESTERS[number]
    )
    assert ticket.service == "service_desk", ticket.service
    return ticket


def suggestion_posts(bot: Harness) -> list[Any]:
    return [c for c in bot.top_level(DESK) if "incidents similaires" in c.args["text"]]


def as_shown(bot: Harness, call: Any) -> dict[str, Any]:
    """A message as Slack shows it now (after updates)."""
    return bot.slack.message(call.response["channel"], call.response["ts"])


def buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for block in message.get("blocks") or []:
        elements = [block["accessory"]] if "accessory" in block else block.get("elements", [])
        found += [
            (e["action_id"], e.get("value", "")) for e in elements if e.get("type") == "button"
        ]
    return found


async def three_reports(bot: Harness) -> tuple[list[Ticket], Any]:
    tickets = [await report(bot, n) for n in range(3)]
    (post,) = await bot.eventually(lambda: suggestion_posts(bot), "the suggestion")
    return tickets, post


async def make_problem(bot: Harness) -> tuple[list[Ticket], Ticket]:
    """Three reports, the suggestion, "Create a problem", one tick: PRB-1 with its incidents."""
    tickets, post = await three_reports(bot)
    await bot.press(DESK, as_shown(bot, post), "problem_create", DESK_AGENT)

    async def created() -> Ticket | None:
        problem = await bot.guichet.helpdesk.tickets.get("PRB-1")
        return problem if problem and problem.message and problem.linked_incidents else None

    problem = await bot.eventually(created, "the problem")
    await bot.tick()
    return tickets, await bot.ticket(problem.id)


def dm_texts(bot: Harness, user: str) -> list[str]:
    return [c.args["text"] for c in bot.dms_to(user)]


# --- recurring incidents -> one suggestion --------------------------------------------------------
async def test_three_similar_incidents_make_one_suggestion(desk: Harness) -> None:
    bot = desk
    tickets, post = await three_reports(bot)
    assert len(bot.top_level(DESK)) == 4  # the three incidents, then the suggestion
    shown = as_shown(bot, post)
    text = str(shown["blocks"])
    assert "*3 incidents* semblables pour *Centre de support* en moins de 2 h 0 min" in text
    for ticket in tickets:
        assert f"*{ticket.id}*" in text and f"<@{ticket.requester}>" in text
    assert buttons(shown) == [("problem_create", "SUG-1"), ("problem_dismiss", "SUG-1")]

    fourth = await report(bot, 3)  # the same outage again: held with the suggestion
    assert len(bot.top_level(DESK)) == 4  # neither posted nor suggested a second time
    assert len(suggestion_posts(bot)) == 1
    assert (await bot.ticket(fourth.id)).message is None
    told = dm_texts(bot, REQUESTERS[3])[-1]  # at once, in French
    assert f"Votre ticket *{fourth.id}*" in told and "signalent la même chose" in told
    history = await bot.guichet.helpdesk.tickets.history(fourth.id)
    assert [(e.action, e.after) for e in history][-1] == ("held", "SUG-1")

    await bot.tick()  # the suggestion's message now lists it
    text = str(as_shown(bot, post)["blocks"])
    assert "*4 incidents*" in text and f"*{fourth.id}*" in text
    assert "1 de plus, arrivés depuis, attendent ici votre décision" in text

    other = await bot.file("incident", "Printer out of toner", "Floor 2 printer needs toner.")
    assert (await bot.ticket(other.id)).message is not None  # unrelated: posted as usual


# --- "Create a problem" -> linked -----------------------------------------------------------------
async def test_creating_the_problem_links_the_incidents(desk: Harness) -> None:
    bot = desk
    tickets, post = await three_reports(bot)
    held = await report(bot, 3)
    await bot.press(DESK, as_shown(bot, post), "problem_create", DESK_AGENT)
    problem = await bot.eventually(lambda: _posted(bot, "PRB-1"), "the problem posted")
    assert len(bot.top_level(DESK)) == 5  # the problem's own message
    ids = [t.id for t in [*tickets, held]]
    assert problem.type is TicketType.PROBLEM and problem.service == "service_desk"
    assert problem.requester == DESK_AGENT and problem.title == "Récurrent : " + MAIL_DOWN[0][0]
    assert problem.linked_incidents == tuple(ids)
    assert problem.message is not None and problem.message.channel == DESK
    for ticket_id in ids:
        assert (await bot.ticket(ticket_id)).problem_id == "PRB-1"
    accepted = f"<@{DESK_AGENT}> a ouvert le problème *PRB-1* : 4 incidents"
    decided = await bot.eventually(  # the suggestion says what was decided; no more buttons
        lambda: accepted in str(as_shown(bot, post)["blocks"]) and as_shown(bot, post),
        "the suggestion updated",
    )
    assert buttons(decided) == []

    await bot.tick()
    for number, ticket_id in enumerate(ids):  # each requester, in their language
        told = dm_texts(bot, REQUESTERS[number])[-1]
        if REQUESTERS[number] in FRENCH:
            assert f"*{ticket_id}*" in told and "est un problème connu : *PRB-1*" in told
        else:
            assert f"*{ticket_id}*" in told and "is a known issue: *PRB-1*" in told
    for ticket in tickets:  # their channel messages show the link
        assert "Lié à *PRB-1*" in str((await bot.channel_message(ticket.id))["blocks"])
    shown = str((await bot.channel_message("PRB-1"))["blocks"])
    assert "*Incidents liés*\\n4" in shown and ", ".join(ids) in shown
    (listing,) = bot.thread(problem)  # the problem's thread lists them, each with Unlink
    listed = bot.slack.message(DESK, listing.response["ts"])
    assert [b for b in buttons(listed) if b[0] == "incident_unlink"] == [
        ("incident_unlink", ticket_id) for ticket_id in ids
    ]

    show = await bot.show(tickets[0].id, EMPLOYEE_EN)  # /ticket show, in English
    assert "Linked to *PRB-1*" in show and f"linked to PRB-1 by <@{DESK_AGENT}>" in show
    show = await bot.show("PRB-1", DESK_AGENT)
    assert "*Incidents liés*\\n4" in show and f"4 incident(s) lié(s) par <@{DESK_AGENT}>" in show

    home = str((await bot.open_home(EMPLOYEE_EN))["blocks"])  # App Home
    assert "🔗 PRB-1" in home
    assert "🔗 4 incidents liés" in str((await bot.open_home(DESK_AGENT))["blocks"])


# --- storm mode -----------------------------------------------------------------------------------
async def test_a_new_similar_incident_joins_the_problem_without_a_post(desk: Harness) -> None:
    bot = desk
    _, problem = await make_problem(bot)
    posts = len(bot.top_level(DESK))
    replies = len(bot.thread(problem))

    fifth = await report(bot, 4)  # waits for the requester's DM: told at once, no tick
    told = dm_texts(bot, REQUESTERS[4])[-1]
    assert f"*{fifth.id}*" in told and "is a known issue: *PRB-1*" in told
    assert "I will tell you as soon as it is fixed" in told
    stored = await bot.ticket(fifth.id)
    assert stored.problem_id == "PRB-1" and stored.message is None
    assert len(bot.top_level(DESK)) == posts  # no new post in the channel

    updates = len(bot.slack.calls_to("chat.update"))
    await bot.tick()
    assert len(bot.thread(problem)) == replies + 1  # one reply in the problem's thread
    reply = bot.slack.message(DESK, bot.thread(problem)[-1].response["ts"])
    assert f"*{fifth.id}*" in str(reply["blocks"]) and "Liés à *PRB-1* (1)" in str(reply["blocks"])
    assert buttons(reply) == [("incident_unlink", fifth.id)]
    assert len(bot.slack.calls_to("chat.update")) == updates + 1  # and its count, updated
    assert "*Incidents liés*\\n4" in str((await bot.channel_message("PRB-1"))["blocks"])
    await bot.tick(TICK)
    assert len(bot.thread(problem)) == replies + 1  # said once


async def test_an_emergency_gathers_incidents_of_any_service(desk: Harness) -> None:
    bot = desk
    emergency = await bot.file(
        "emergency",
        "Serveur de messagerie en panne pour tout le monde",
        "Plus aucun mail ne part depuis 10h, toute l'entreprise est touchée.",
        impact="high",
        urgency="high",
    )
    assert emergency.service == "infra_network"
    incident = await report(bot, 0)  # an incident for the service desk
    assert (await bot.ticket(incident.id)).problem_id == emergency.id
    assert bot.top_level(DESK) == []
    assert f"is a known issue: *{emergency.id}*" in dm_texts(bot, EMPLOYEE_EN)[-1]


# --- resolution fans out --------------------------------------------------------------------------
async def test_resolving_the_problem_tells_each_requester_exactly_once(desk: Harness) -> None:
    bot = desk
    tickets, problem = await make_problem(bot)
    stormed = [await report(bot, n) for n in (3, 4, 5)]
    incidents = [*tickets, *stormed]
    await bot.tick()

    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)

    async def all_resolved() -> bool:
        stored = [await bot.ticket(t.id) for t in incidents]
        done = (await bot.ticket(problem.id)).fanout_at is None  # the fan-out is over
        return done and all(t.status is Status.RESOLVED for t in stored)

    await bot.eventually(all_resolved, "the linked incidents resolved")
    history = await bot.guichet.helpdesk.tickets.history(stormed[0].id)
    assert (history[-1].action, history[-1].after, history[-1].note) == (
        "status",
        "resolved",
        "PRB-1",
    )
    show = await bot.show(stormed[0].id, REQUESTERS[3])  # in French
    assert f"statut Nouveau → Résolu par <@{DESK_AGENT}>, avec PRB-1" in show

    def fixed_dms() -> int:
        return sum(
            1
            for user in REQUESTERS
            for text in dm_texts(bot, user)
            if "PRB-1" in text and "✅" in text
        )

    bot.slack.fail_next("chat.postMessage", status=429, retry_after=2)
    limited = await bot.tick()  # Slack says slow down: nothing is lost, it waits
    assert limited.deliveries.rate_limited == 1 and fixed_dms() == 0
    assert (await bot.tick()).deliveries.rate_limited == 0 and fixed_dms() == 0  # Retry-After
    await bot.tick(timedelta(seconds=2))
    assert fixed_dms() == len(incidents)
    for _ in range(3):  # ticks repeated: nothing is said twice
        await bot.tick(TICK)

    for number, incident in enumerate(incidents):
        user = REQUESTERS[number]
        fixed = [text for text in dm_texts(bot, user) if "PRB-1" in text and "✅" in text]
        assert len(fixed) == 1, (user, dm_texts(bot, user))
        if user in FRENCH:
            assert f"Le problème à l’origine de votre ticket *{incident.id}*" in fixed[0]
        else:
            assert f"The problem behind your ticket *{incident.id}*" in fixed[0]
        last = bot.latest_dm(user, "ticket_solved")  # with "is it solved?" buttons
        assert find_element(last, "ticket_not_solved")["value"] == incident.id
    outbox = OutboxRepository(bot.database)  # type: ignore[arg-type]
    fixed_items = [
        item
        for incident in incidents
        for item in await outbox.for_ticket(incident.id)
        if item.message.kind is OutgoingKind.FIXED
    ]
    assert len(fixed_items) == len(incidents)
    assert all(item.state is OutboxState.SENT and item.attempts == 1 for item in fixed_items)


async def test_a_fan_out_cut_short_is_finished_by_a_later_tick(
    desk: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = desk
    tickets, problem = await make_problem(bot)
    (sweep,) = bot.guichet.scheduler.sweeps
    fanout = sweep.__self__  # type: ignore[attr-defined]
    queue = fanout.notices.queue

    async def dies(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the process died here")

    # it dies once the incidents are resolved, before their requesters' messages are queued
    monkeypatch.setattr(fanout.notices, "queue", dies)
    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)
    for ticket in tickets:
        await bot.eventually(lambda t=ticket: _resolved(bot, t.id), "the incidents resolved")
    stored = await bot.eventually(lambda: _resolved(bot, problem.id), "the problem resolved")
    assert stored.fanout_at is not None  # still owed: written with the resolution itself
    monkeypatch.setattr(fanout.notices, "queue", queue)
    await bot.tick(TICK)  # within the grace: the fan-out may still be running elsewhere
    assert (await bot.ticket(problem.id)).fanout_at is not None
    assert not [t for t in dm_texts(bot, REQUESTERS[0]) if "PRB-1" in t and "✅" in t]
    await bot.tick(TICK)  # past it: taken over
    assert (await bot.ticket(problem.id)).fanout_at is None
    for _ in range(2):
        await bot.tick(TICK)
    for number in range(3):
        fixed = [t for t in dm_texts(bot, REQUESTERS[number]) if "PRB-1" in t and "✅" in t]
        assert len(fixed) == 1


async def _fanned_out(bot: Harness, ticket_id: str) -> bool:
    ticket = await bot.ticket(ticket_id)
    return ticket.status is Status.RESOLVED and ticket.fanout_at is None


async def _posted(bot: Harness, ticket_id: str) -> Ticket | None:
    ticket = await bot.guichet.helpdesk.tickets.get(ticket_id)
    return ticket if ticket is not None and ticket.message is not None else None


async def _resolved(bot: Harness, ticket_id: str) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    return ticket if ticket.status is Status.RESOLVED else None


async def test_not_solved_after_the_fix_makes_it_a_ticket_of_its_own(desk: Harness) -> None:
    bot = desk
    _, problem = await make_problem(bot)
    stormed = await report(bot, 3)
    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)
    await bot.eventually(lambda: _resolved(bot, stormed.id), "the incident resolved")
    await bot.eventually(lambda: _fanned_out(bot, problem.id), "the fan-out over")
    await bot.tick()
    posts = len(bot.top_level(DESK))
    await bot.press_in_dm(REQUESTERS[3], "ticket_not_solved")

    async def released() -> Ticket | None:
        ticket = await bot.ticket(stormed.id)
        return ticket if ticket.problem_id is None and ticket.message is not None else None

    ticket = await bot.eventually(released, "the incident on its own")
    assert ticket.status is Status.IN_PROGRESS
    assert len(bot.top_level(DESK)) == posts + 1


# --- "Not related" and "Unlink" -------------------------------------------------------------------
async def test_not_related_posts_the_held_incidents_and_never_suggests_them_again(
    desk: Harness,
) -> None:
    bot = desk
    _, post = await three_reports(bot)
    held = await report(bot, 3)
    seen = as_shown(bot, post)
    await bot.press(DESK, seen, "problem_dismiss", DESK_AGENT)

    async def posted() -> Ticket | None:
        ticket = await bot.ticket(held.id)
        return ticket if ticket.message is not None else None

    await bot.eventually(posted, "the held incident posted")
    decided = await bot.eventually(
        lambda: "Sans rapport, selon" in str(as_shown(bot, post)["blocks"]) and as_shown(bot, post),
        "the suggestion updated",
    )
    assert f"Sans rapport, selon <@{DESK_AGENT}>" in str(decided["blocks"])
    assert buttons(decided) == []
    assert len(bot.top_level(DESK)) == 5  # three, the suggestion, the one it held
    await bot.tick()
    told = dm_texts(bot, REQUESTERS[3])[-1]
    assert f"Votre ticket *{held.id}*" in told and "est finalement traité à part" in told

    fifth = await report(bot, 4)  # same words again: those four are never suggested again
    assert (await bot.ticket(fifth.id)).message is not None
    assert len(suggestion_posts(bot)) == 1
    await bot.press(DESK, seen, "problem_create", DESK_AGENT)  # as it was before the decision
    said = await bot.told_eventually(DESK_AGENT, "a déjà jugé ces incidents sans rapport")
    assert f"<@{DESK_AGENT}>" in said
    assert await bot.guichet.helpdesk.tickets.get("PRB-1") is None


async def test_unlink_makes_a_wrong_match_a_normal_ticket(desk: Harness) -> None:
    bot = desk
    _, problem = await make_problem(bot)
    fifth = await report(bot, 4)
    await bot.tick()
    reply = bot.slack.message(DESK, bot.thread(problem)[-1].response["ts"])
    block = f"linked:{fifth.id}"

    await bot.press(DESK, reply, "incident_unlink", OUTSIDER, block_id=block)
    await bot.told_eventually(OUTSIDER, "Only members of")
    assert (await bot.ticket(fifth.id)).problem_id == "PRB-1"

    posts = len(bot.top_level(DESK))
    await bot.press(DESK, reply, "incident_unlink", DESK_AGENT, block_id=block)

    async def on_its_own() -> Ticket | None:
        ticket = await bot.ticket(fifth.id)
        return ticket if ticket.problem_id is None and ticket.message is not None else None

    await bot.eventually(on_its_own, "the incident posted on its own")
    assert len(bot.top_level(DESK)) == posts + 1  # posted normally
    told = await bot.told_eventually(REQUESTERS[4], "turned out to be a matter of its own")
    assert f"*{fifth.id}*" in told
    updated = await bot.eventually(
        lambda: (
            "délié" in str(bot.slack.message(DESK, reply["ts"])["blocks"])
            and bot.slack.message(DESK, reply["ts"])
        ),
        "the reply updated",
    )
    assert buttons(updated) == []
    assert fifth.id not in (await bot.ticket("PRB-1")).linked_incidents
    await bot.tick()
    assert "*Incidents liés*\\n3" in str((await bot.channel_message("PRB-1"))["blocks"])
    history = await bot.guichet.helpdesk.tickets.history(fifth.id)
    assert ("unlinked", "PRB-1", DESK_AGENT) in [(e.action, e.before, e.actor) for e in history]


async def test_cancelling_the_problem_gives_its_incidents_back(desk: Harness) -> None:
    bot = desk
    tickets, problem = await make_problem(bot)
    stormed = await report(bot, 3)  # linked, never posted
    posts = len(bot.top_level(DESK))
    await bot.choose(problem.id, "ticket_status", "cancelled", DESK_AGENT)

    async def released() -> bool:
        stored = [await bot.ticket(t.id) for t in [*tickets, stormed]]
        return all(t.problem_id is None and t.message is not None for t in stored)

    await bot.eventually(released, "the incidents released")
    await bot.eventually(lambda: _fanned_out_as(bot, problem.id, Status.CANCELLED), "done")
    assert len(bot.top_level(DESK)) == posts + 1  # the one never posted is posted now
    assert (await bot.ticket(problem.id)).linked_incidents == ()
    for ticket in [*tickets, stormed]:
        assert (await bot.ticket(ticket.id)).status is Status.NEW  # still to be worked
    await bot.tick()
    for ticket in tickets:  # their messages no longer say they are linked
        assert "PRB-1" not in str((await bot.channel_message(ticket.id))["blocks"])
    told = dm_texts(bot, REQUESTERS[3])[-1]  # in French
    assert f"Votre ticket *{stormed.id}*" in told and "est finalement traité à part" in told


async def _fanned_out_as(bot: Harness, ticket_id: str, status: Status) -> bool:
    ticket = await bot.ticket(ticket_id)
    return ticket.status is status and ticket.fanout_at is None
