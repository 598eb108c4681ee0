"""Problems and storms through the emulator: recurring incidents suggested as one problem, the
problem created and its incidents linked, a storm of similar incidents joining it without
flooding the channel."""

from __future__ import annotations

from typing import Any

from bot.domain.models import ProblemSuggestion, SuggestionState, Ticket, TicketType
from storage.client import Database
from storage.suggestions import SuggestionRepository
from tests.e2e.harness import (
    DESK_AGENT,
    EMPLOYEE_EN,
    Harness,
)
from tests.e2e.observations import searchable
from tests.e2e.problems.outage import (
    DESK,
    FRENCH,
    MAIL_DOWN,
    PEOPLE,
    REQUESTERS,
    TICK,
    as_shown,
    buttons,
    dm_texts,
    make_problem,
    report,
    suggestion_posts,
    three_reports,
)
from tests.e2e.test_delivery import bot_with_dated_slack


# --- recurring incidents -> one suggestion --------------------------------------------------------
async def test_three_similar_incidents_make_one_suggestion(desk: Harness) -> None:
    bot = desk
    tickets, post = await three_reports(bot)
    assert len(bot.top_level(DESK)) == 4  # the three incidents, then the suggestion
    shown = as_shown(bot, post)
    text = str(shown["blocks"])
    assert "*3 incidents* semblables pour le *Centre de support* en moins de 2 h" in text
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

    await bot.eventually(  # the suggestion's message lists it at once, not a tick later
        lambda: f"*{fourth.id}*" in str(as_shown(bot, post)["blocks"]), "the count updated"
    )
    text = str(as_shown(bot, post)["blocks"])
    assert "*4 incidents*" in text and f"*{fourth.id}*" in text
    assert "1 de plus, arrivé depuis, attend ici votre décision" in text

    other = await bot.file("incident", "Printer out of toner", "Floor 2 printer needs toner.")
    assert (await bot.ticket(other.id)).message is not None  # unrelated: posted as usual


async def test_one_person_reporting_thrice_is_a_duplicate_not_a_problem(desk: Harness) -> None:
    bot = desk
    title, description = MAIL_DOWN[1]
    tickets = [
        await bot.file(
            "incident", title, description, impact="medium", urgency="medium", user=EMPLOYEE_EN
        )
        for _ in range(3)
    ]
    third = tickets[-1]
    assert third.message is not None
    thread_ts = third.message.ts
    replies = await bot.eventually(
        lambda: [m for m in bot.slack.messages(DESK) if m.get("thread_ts") == thread_ts],
        "the duplicate warning",
    )
    assert replies[-1]["text"] == (
        f"🔁 *{third.id}* ressemble à un doublon\u00a0: <@{EMPLOYEE_EN}> a déjà signalé la même "
        f"chose (*{tickets[0].id}*, *{tickets[1].id}*, 2 tickets encore ouverts)."
    )
    assert not suggestion_posts(bot)  # not a recurring problem

    fourth = await report(bot, 3)  # someone else reports it too: now it is one
    await bot.eventually(lambda: suggestion_posts(bot), "the suggestion")
    assert (await bot.ticket(fourth.id)).message is not None


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
    assert (
        problem.requester == DESK_AGENT and problem.title == "Récurrent\u00a0: " + MAIL_DOWN[0][0]
    )
    assert problem.linked_incidents == tuple(ids)
    assert problem.message is not None and problem.message.channel == DESK
    for ticket_id in ids:
        assert (await bot.ticket(ticket_id)).problem_id == "PRB-1"
    accepted = f"<@{DESK_AGENT}> a ouvert le problème *PRB-1*\u00a0: 4 incidents"
    decided = await bot.eventually(  # the suggestion says what was decided; no more buttons
        lambda: accepted in searchable(as_shown(bot, post)["blocks"]) and as_shown(bot, post),
        "the suggestion updated",
    )
    assert buttons(decided) == []
    assert "votre décision" not in str(decided["blocks"])  # decided: nobody waits any more

    await bot.tick()
    for number, ticket_id in enumerate(ids):  # each requester, in their language
        told = dm_texts(bot, REQUESTERS[number])[-1]
        if REQUESTERS[number] in FRENCH:
            assert f"*{ticket_id}*" in told and "est un problème connu\u00a0: *PRB-1*" in told
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
    assert "*Incidents liés*\\n4" in show and f"4 incidents liés par <@{DESK_AGENT}>" in show

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


async def _posted(bot: Harness, ticket_id: str) -> Ticket | None:
    ticket = await bot.guichet.helpdesk.tickets.get(ticket_id)
    return ticket if ticket is not None and ticket.message is not None else None


async def test_a_suggestion_whose_answer_was_lost_is_found_not_withdrawn(
    database: Database,
) -> None:
    """Slack posted the suggestion but its answer was lost: the bot looks for it in the channel
    by its metadata and keeps it, rather than taking it for unseen (withdrawn, its message left
    with buttons that act on nothing, and a second one posted by the next report)."""
    async with bot_with_dated_slack(database) as bot:
        for user, locale in PEOPLE.items():
            bot.slack.add_user(user, user[3:].lower(), locale=locale)
        await bot.guichet.scheduler.stop()
        first = [await report(bot, n) for n in range(2)]
        bot.slack.answer_lost("chat.postMessage", channel=DESK, containing="incidents similaires")
        third = await report(bot, 2)
        (shown,) = await bot.eventually(lambda: _suggestions_in(bot), "the suggestion")
        assert shown["metadata"]["event_payload"] == {"ticket_id": "SUG-1", "role": "suggestion"}
        suggestions = SuggestionRepository(bot.database)

        async def kept() -> ProblemSuggestion | None:
            suggestion = await suggestions.get("SUG-1")
            return suggestion if suggestion and suggestion.message else None

        suggestion = await bot.eventually(kept, "the suggestion found and kept")
        assert suggestion.state is SuggestionState.PENDING
        assert suggestion.message is not None and suggestion.message.ts == shown["ts"]
        assert set(suggestion.incidents) == {t.id for t in [*first, third]}
        await report(bot, 3)  # held with them: no second suggestion
        assert len(_suggestions_in(bot)) == len(suggestion_posts(bot)) == 1  # posted once


def _suggestions_in(bot: Harness) -> list[dict[str, Any]]:
    """The suggestions in the desk's channel, as Slack holds them (answered or not)."""
    return [
        m
        for m in bot.slack.messages(DESK)
        if not m.get("thread_ts") and "incidents similaires" in m.get("text", "")
    ]
