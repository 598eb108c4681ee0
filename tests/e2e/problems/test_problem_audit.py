"""The problem buttons in the audit log: "Create a problem", "Not related" and "Unlink" refused
(someone outside the service, a decided suggestion) and accepted (the suggestion's decision,
the problem created, the incidents linked and unlinked)."""

from __future__ import annotations

from bot.domain.models import Ticket
from tests.e2e.audit_lines import audit_lines, refusals
from tests.e2e.harness import DESK_AGENT, OUTSIDER, Harness
from tests.e2e.problems.outage import DESK, as_shown, report, three_reports

PRESSED = "block_actions:"


async def test_problem_decisions_and_refusals_are_audited(desk: Harness) -> None:
    bot = desk
    tickets, post = await three_reports(bot)
    seen = as_shown(bot, post)  # the suggestion with its buttons, as a Slack client keeps it
    for action in ("problem_create", "problem_dismiss"):  # someone outside the service
        told = len(bot.told(OUTSIDER))
        await bot.press(DESK, seen, action, OUTSIDER)
        await bot.told_more(OUTSIDER, told, "the outsider told")
    await bot.press(DESK, seen, "problem_create", DESK_AGENT)
    problem = await bot.eventually(lambda: _created(bot), "the problem")
    await bot.tick()
    told = len(bot.told(DESK_AGENT))
    await bot.press(DESK, seen, "problem_dismiss", DESK_AGENT)  # decided already
    await bot.eventually(lambda: len(bot.told(DESK_AGENT)) > told, "the agent told")

    fifth = await report(bot, 4)
    await bot.tick()
    reply = bot.slack.message(DESK, bot.thread(problem)[-1].response["ts"])
    block = f"linked:{fifth.id}"
    await bot.press(DESK, reply, "incident_unlink", OUTSIDER, block_id=block)
    await bot.told_eventually(OUTSIDER, "Only members of")
    await bot.press(DESK, reply, "incident_unlink", DESK_AGENT, block_id=block)
    await bot.eventually(lambda: _unlinked(bot, fifth.id), "unlinked")

    def line(user: str, action: str, ticket: str | None, note: str) -> tuple[object, ...]:
        return (user, action, "refused", PRESSED + action, ticket, note)

    assert await refusals(bot, OUTSIDER) == [
        line(OUTSIDER, "problem_create", None, "NotAllowed SUG-1"),
        line(OUTSIDER, "problem_dismiss", None, "NotAllowed SUG-1"),
        line(OUTSIDER, "incident_unlink", fifth.id, "NotAllowed"),
    ]
    assert await refusals(bot, DESK_AGENT) == [
        line(DESK_AGENT, "problem_dismiss", None, "AlreadyDecided SUG-1")
    ]
    accepted = await audit_lines(bot, action="suggestion_accepted")
    assert [(a[0], a[2], a[3]) for a in accepted] == [
        (DESK_AGENT, "done", "block_actions:problem_create")
    ]
    created = await audit_lines(bot, ticket_id=problem.id, action="created")
    assert [(c[0], c[3]) for c in created] == [(DESK_AGENT, "block_actions:problem_create")]
    linked = await audit_lines(bot, action="linked")
    assert {c[4] for c in linked} >= {t.id for t in tickets}
    unlinked = await audit_lines(bot, ticket_id=fifth.id, action="unlinked")
    assert [(u[0], u[2]) for u in unlinked] == [(DESK_AGENT, "done")]


async def _created(bot: Harness) -> Ticket | None:
    problem = await bot.guichet.helpdesk.tickets.get("PRB-1")
    return problem if problem and problem.message and problem.linked_incidents else None


async def _unlinked(bot: Harness, ticket_id: str) -> bool:
    return (await bot.ticket(ticket_id)).problem_id is None
