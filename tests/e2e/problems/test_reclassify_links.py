"""A problem link holds the types of the tickets in it: the linked incidents' cards and the
problem's offer no type menu, and a menu drawn before the link (or a forged value) is refused
with why, audited, nothing changed."""

from __future__ import annotations

from bot.domain.models import Ticket, TicketType
from tests.e2e.audit_lines import refusals
from tests.e2e.harness import DESK_AGENT, DESK_MEMBER, Harness
from tests.e2e.problems.outage import DESK, as_shown, three_reports


async def test_a_linked_ticket_keeps_its_type(desk: Harness) -> None:
    bot = desk
    tickets, post = await three_reports(bot)
    first = tickets[0]
    before_link = await bot.channel_message(first.id)
    assert "ticket_type" in str(before_link["blocks"])  # an ordinary incident may change type
    await bot.press(DESK, as_shown(bot, post), "problem_create", DESK_AGENT)

    async def linked() -> Ticket | None:
        problem = await bot.guichet.helpdesk.tickets.get("PRB-1")
        return problem if problem and problem.message and problem.linked_incidents else None

    problem = await bot.eventually(linked, "the problem and its links")
    await bot.tick()
    for ticket_id in (first.id, problem.id):
        assert "ticket_type" not in str((await bot.channel_message(ticket_id))["blocks"])

    # the menu of the card as it was before the link
    await bot.choose(first.id, "ticket_type", "service_request", DESK_MEMBER, message=before_link)
    told = await bot.told_eventually(DESK_MEMBER, "is linked to PRB-1")
    assert told == (
        f"{first.id} is linked to PRB-1: its type cannot change while it "
        "is linked (to unlink it: the Unlink button in PRB-1’s thread)."
    )
    # the problem: a value no card offers
    count = len(problem.linked_incidents)
    await bot.send.block_action(
        "ticket_type",
        user_id=DESK_AGENT,
        channel_id=DESK,
        message=await bot.channel_message(problem.id),
        action_type="static_select",  # its card has no such menu: sent as a menu's would be
        selected_option={
            "text": {"type": "plain_text", "text": "x"},
            "value": f"{problem.id}|problem|incident",
        },
    )
    told = await bot.told_eventually(DESK_AGENT, "incidents liés")
    assert told == (
        f"{problem.id} a {count} incidents liés\u00a0: son type ne change pas tant qu’il en a."
    )
    assert (await bot.ticket(first.id)).type is TicketType.INCIDENT
    assert (await bot.ticket(problem.id)).type is TicketType.PROBLEM
    for user, ticket_id in ((DESK_MEMBER, first.id), (DESK_AGENT, problem.id)):
        assert await refusals(bot, user) == [
            (
                user,
                "ticket_type",
                "refused",
                "block_actions:ticket_type",
                ticket_id,
                "TypeHeldByLinks",
            )
        ]


async def test_a_grouped_incident_reclassified_as_a_request_is_not_linked(desk: Harness) -> None:
    bot = desk
    tickets, post = await three_reports(bot)  # a suggestion of a problem for the three
    request = tickets[1]
    await bot.choose(request.id, "ticket_type", "service_request", DESK_MEMBER)
    await bot.eventually(
        lambda: _of_type(bot, request.id, TicketType.SERVICE_REQUEST), "the type changed"
    )
    await bot.press(DESK, as_shown(bot, post), "problem_create", DESK_AGENT)

    async def linked() -> Ticket | None:
        problem = await bot.guichet.helpdesk.tickets.get("PRB-1")
        return problem if problem and problem.message and problem.linked_incidents else None

    problem = await bot.eventually(linked, "the problem and its links")
    assert problem.linked_incidents == (tickets[0].id, tickets[2].id)
    stored = await bot.ticket(request.id)
    assert stored.problem_id is None and stored.type is TicketType.SERVICE_REQUEST


async def _of_type(bot: Harness, ticket_id: str, kind: TicketType) -> bool:
    return (await bot.ticket(ticket_id)).type is kind
