"""A private service's cases are never linked with another team's (storm mode's rule): sending a
linked ticket across that line is refused with why, audited, nothing changed; otherwise the
private team's problem would go on holding other teams' incidents, and their digests name it."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.domain.models import Ticket
from tests.e2e.audit_lines import refusals
from tests.e2e.harness import CHANNELS, DESK_AGENT, DESK_MEMBER, INFRA_ONCALL_1, Harness
from tests.e2e.observations import searchable
from tests.e2e.problems.outage import DESK, as_shown, make_problem, three_reports


def _refused(user: str, ticket_id: str) -> list[tuple[str, ...]]:
    return [
        (
            user,
            "ticket_reassign",
            "refused",
            "block_actions:ticket_reassign",
            ticket_id,
            "LinksAcrossPrivacy",
        )
    ]


async def test_a_problem_and_its_incidents_stay_out_of_a_private_service(desk: Harness) -> None:
    bot = desk
    tickets, problem = await make_problem(bot)
    assert problem.service == "service_desk" and len(problem.linked_incidents) == 3

    await bot.choose(problem.id, "ticket_reassign", "security", DESK_AGENT)  # French
    told = await bot.told_eventually(DESK_AGENT, "ne peut pas être transmis")
    assert told == (
        f"{problem.id} ne peut pas être transmis à la Sécurité informatique tant que 3 incidents "
        "d’autres équipes y sont liés\u00a0: les cas d’un service privé ne sont jamais liés à "
        "ceux d’une autre équipe. Déliez-les d’abord (boutons «\u00a0Délier\u00a0» dans le fil "
        f"de {problem.id})."
    )
    incident = tickets[0]
    await bot.choose(incident.id, "ticket_reassign", "security", DESK_MEMBER)  # English
    told = await bot.told_eventually(DESK_MEMBER, "cannot be sent")
    assert told == (
        f"{incident.id} cannot be sent to IT security while it is linked to {problem.id}: a "
        "private service’s cases are never linked with another team’s. Unlink it first (the "
        f"Unlink button in {problem.id}’s thread)."
    )
    await bot.settled()
    assert (await bot.ticket(problem.id)).service == "service_desk"
    assert (await bot.ticket(incident.id)).service == "service_desk"
    assert await refusals(bot, DESK_AGENT) == _refused(DESK_AGENT, problem.id)
    assert await refusals(bot, DESK_MEMBER) == _refused(DESK_MEMBER, incident.id)


async def test_an_emergency_holding_another_teams_incident_stays_out_of_it(bot: Harness) -> None:
    emergency = await bot.file(
        "emergency",
        "Production site down",
        "The whole network of the warehouse is down, nobody can work.",
        impact="high",
        urgency="high",
    )
    joined = await bot.file(
        "incident", "Production site down", "The whole network of the warehouse is down."
    )
    assert emergency.service == "infra_network" and joined.problem_id == emergency.id

    await bot.choose(emergency.id, "ticket_reassign", "security", INFRA_ONCALL_1)  # French
    told = await bot.told_eventually(INFRA_ONCALL_1, "ne peut pas être transmis")
    assert told.startswith(
        f"{emergency.id} ne peut pas être transmis à la Sécurité informatique tant que 1 "
        "incident d’une autre équipe y est lié\u00a0: "
    )  # told once nothing was written (the emergency pages on: no settled() here)
    stored = await bot.ticket(emergency.id)
    assert stored.service == "infra_network" and stored.linked_incidents == (joined.id,)
    assert await refusals(bot, INFRA_ONCALL_1) == _refused(INFRA_ONCALL_1, emergency.id)


async def test_a_digest_never_names_another_private_services_problem(desk: Harness) -> None:
    """Links across the line made before moves were refused stay: the desk's digest, in a
    channel anyone may join, counts its incidents but names only problems it may show."""
    bot = desk
    _, problem = await make_problem(bot)
    tickets = bot.guichet.database.handle["tickets"]
    await tickets.update_one({"_id": problem.id}, {"$set": {"service": "security"}})
    bot.clock.advance(timedelta(days=7, hours=-1))  # Monday 09:00 in Paris, a week later
    report = await bot.guichet.digest.run_due()
    assert {"service_desk", "security"} <= set(report.posted)
    digests = {
        call.args["channel"]: searchable(call.args["blocks"])
        for call in bot.slack.calls_to("chat.postMessage")
        if "📊" in str(call.args.get("blocks"))
    }
    assert problem.id not in digests[CHANNELS["service_desk"]]
    assert "Outlook cannot send emails" not in digests[CHANNELS["service_desk"]]
    assert problem.id in digests[CHANNELS["security"]]  # its own people's channel


async def test_a_report_sent_to_a_private_team_stays_out_of_the_problem_made_of_its_group(
    desk: Harness,
) -> None:
    bot = desk
    tickets, post = await three_reports(bot)
    first = tickets[0]  # the report a new problem takes its title from
    await bot.choose(first.id, "ticket_reassign", "security", DESK_MEMBER)
    await bot.wait_until(
        lambda: _in_service(bot, first.id, "security"), "the report sent to the security team"
    )
    pressed = len(bot.slack.calls)
    await bot.press(DESK, as_shown(bot, post), "problem_create", DESK_AGENT)

    async def created() -> Ticket | None:
        problem = await bot.guichet.helpdesk.tickets.get("PRB-1")
        return problem if problem and problem.message and problem.linked_incidents else None

    problem = await bot.eventually(created, "the problem")
    await bot.tick()
    problem = await bot.ticket(problem.id)
    assert problem.service == "service_desk" and problem.linked_incidents == (
        tickets[1].id,
        tickets[2].id,
    )
    assert first.title not in problem.title and first.title not in problem.description
    assert first.id not in problem.description
    assert (await bot.ticket(first.id)).problem_id is None
    suggestion = json.dumps(as_shown(bot, post)["blocks"], ensure_ascii=False)
    assert f"*{first.id}* · transmis entre-temps à un service privé" in suggestion
    in_desk = [c.args for c in bot.slack.calls[pressed:] if c.args.get("channel") == DESK]
    for args in in_desk:
        text = json.dumps(args, ensure_ascii=False)
        assert first.title not in text, text[max(0, text.find(first.title) - 400) :][:600]


async def _in_service(bot: Harness, ticket_id: str, service: str) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    return ticket if ticket.service == service and ticket.message else None
