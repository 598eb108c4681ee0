"""One rule for a ticket's type in a problem link, whichever control would change it: a linked
incident's card offers no "This is an emergency", and a card drawn before the link is refused
with why, audited, nothing changed, nobody paged."""

from __future__ import annotations

from bot.domain.models import Ticket, TicketType
from tests.e2e.audit_lines import refusals
from tests.e2e.harness import DESK_AGENT, DESK_MEMBER, Harness
from tests.e2e.problems.outage import DESK, as_shown, three_reports


async def test_a_linked_incident_cannot_be_declared_an_emergency(desk: Harness) -> None:
    bot = desk
    tickets, post = await three_reports(bot)
    first = tickets[0]
    before_link = await bot.channel_message(first.id)
    assert "ticket_declare_emergency" in str(before_link["blocks"])
    await bot.press(DESK, as_shown(bot, post), "problem_create", DESK_AGENT)

    async def linked() -> Ticket | None:
        problem = await bot.guichet.helpdesk.tickets.get("PRB-1")
        return problem if problem and problem.message and problem.linked_incidents else None

    await bot.eventually(linked, "the problem and its links")
    await bot.tick()
    assert "ticket_declare_emergency" not in str((await bot.channel_message(first.id))["blocks"])
    posts = len(bot.slack.calls_to("chat.postMessage"))

    await bot.choose(first.id, "ticket_declare_emergency", None, DESK_MEMBER, message=before_link)
    told = await bot.told_eventually(DESK_MEMBER, "is linked to PRB-1")
    assert told.startswith(f"{first.id} is linked to PRB-1: its type cannot change")
    stored = await bot.ticket(first.id)
    assert stored.type is TicketType.INCIDENT and stored.paging is None
    assert len(bot.slack.calls_to("chat.postMessage")) == posts  # no page, no channel alert
    assert await refusals(bot, DESK_MEMBER) == [
        (
            DESK_MEMBER,
            "ticket_declare_emergency",
            "refused",
            "block_actions:ticket_declare_emergency",
            first.id,
            "TypeHeldByLinks",
        )
    ]
