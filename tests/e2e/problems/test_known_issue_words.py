"""A known issue as each requester reads it: the problem's title in their language (its
"recurring" prefix was stored in the service's), and who follows it as it is: the team while
nobody has claimed the problem, the person who did once someone has."""

from __future__ import annotations

from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, EMPLOYEE_FR, Harness
from tests.e2e.problems.outage import REQUESTERS, dm_texts, make_problem, report


async def test_a_known_issue_is_told_in_the_reader_s_words_and_as_it_stands(
    desk: Harness,
) -> None:
    bot = desk
    _, problem = await make_problem(bot)
    assert problem.title == "Récurrent\u00a0: Outlook cannot send emails"  # stored as it was
    english = dm_texts(bot, EMPLOYEE_EN)[-1]
    assert (
        "is a known issue: *PRB-1* “Recurring: Outlook cannot send emails”, followed by "
        "*Service desk*. No need to chase it" in english
    )
    french = dm_texts(bot, EMPLOYEE_FR)[-1]
    assert (
        "est un problème connu\u00a0: *PRB-1* "
        "«\u00a0Récurrent\u00a0: Outlook cannot send emails\u00a0», "
        "suivi par le *Centre de support*. Inutile de relancer" in french
    )
    assert "already" not in english and "déjà" not in french  # nobody has claimed it

    await bot.choose(problem.id, "ticket_claim", None, DESK_MEMBER)
    await bot.eventually(lambda: _claimed(bot, problem.id), "the problem claimed")
    fifth = await report(bot, 4)
    told = dm_texts(bot, REQUESTERS[4])[-1]
    assert f"*{fifth.id}*" in told
    assert (
        "“Recurring: Outlook cannot send emails”, already being worked on by "
        f"<@{DESK_MEMBER}> (*Service desk*)." in told
    )


async def _claimed(bot: Harness, problem_id: str) -> bool:
    return (await bot.ticket(problem_id)).assignee == DESK_MEMBER
