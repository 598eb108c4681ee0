"""``/ticket show``: every kind of change, readable, in French and in English."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.models import Priority, Status
from bot.working.changes import ChangeAnnouncer, Changed
from bot.working.follow_up import RequesterFollowUp
from bot.working.work import TicketWork
from tests.e2e.harness import DESK_AGENT, DESK_MEMBER, EMPLOYEE_EN, Harness

SECURITY_ONCALL = "U0SECONCALL"  # on call for security in tests/data/services.yml


async def _show(bot: Harness, ticket_id: str, user: str) -> str:
    answer = await bot.command_answer(f"show {ticket_id}", user)
    history = answer["blocks"][-1]["text"]["text"]
    return history


async def test_show_lists_every_change_in_both_languages(bot: Harness) -> None:
    bot.slack.add_user(SECURITY_ONCALL, "seconcall", locale="fr-FR")
    helpdesk = bot.guichet.helpdesk
    work, follow_up, announcer = (
        TicketWork(helpdesk),
        RequesterFollowUp(helpdesk),
        ChangeAnnouncer(helpdesk),
    )
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is the procedure?"
    )
    tid = ticket.id

    async def step(change: Changed) -> None:
        await announcer.announce(change)
        bot.clock.advance(timedelta(minutes=5))

    await bot.guichet.claims.claim(tid, DESK_MEMBER)
    await step(await work.assign(tid, DESK_MEMBER, DESK_AGENT, seen=DESK_MEMBER))
    await step(await work.change_priority(tid, DESK_AGENT, Priority.P3))
    await step(await follow_up.add_information(tid, EMPLOYEE_EN, "It says *error 809*"))
    await step(await work.change_status(tid, DESK_AGENT, Status.WAITING_ON_REQUESTER))
    await step(await work.reassign(tid, DESK_AGENT, "security"))
    await step(await work.change_status(tid, SECURITY_ONCALL, Status.RESOLVED))
    await step(await follow_up.answer_resolution(tid, EMPLOYEE_EN, solved=False))
    await step(await work.change_status(tid, SECURITY_ONCALL, Status.RESOLVED))
    await step(await follow_up.answer_resolution(tid, EMPLOYEE_EN, solved=True))
    await step(await follow_up.rate(tid, EMPLOYEE_EN, 4))

    english = [
        "*History*",
        "filed by <@U0JOHN>",
        "posted in <#C0DESK>",
        "claimed by <@U0DESKMEMBER>",
        "assigned to <@U0DESKAGENT> by <@U0DESKMEMBER>",
        "priority P2 · high → P3 · medium by <@U0DESKAGENT>",
        "information added by <@U0JOHN>: “It says *error 809*”",
        "status In progress → Waiting on requester by <@U0DESKAGENT>",
        "sent from Service desk to IT security by <@U0DESKAGENT>",
        "posted in <#C0SECURITY>",
        "status Waiting on requester → Resolved by <@U0SECONCALL>",
        # nobody had it in security, and its last assignee does not work there: back in the queue
        "reopened by <@U0JOHN>: not solved; back in the queue, with nobody on it",
        "status New → Resolved by <@U0SECONCALL>",
        "solution confirmed by <@U0JOHN>: closed",
        "rated 4/5 by <@U0JOHN>",
    ]
    french = [
        "*Historique*",
        "ouvert par <@U0JOHN>",
        "publié dans <#C0DESK>",
        "pris en charge par <@U0DESKMEMBER>",
        "confié à <@U0DESKAGENT> par <@U0DESKMEMBER>",
        "priorité P2 · haute → P3 · moyenne par <@U0DESKAGENT>",
        "informations ajoutées par <@U0JOHN>\u00a0: «\u00a0It says *error 809*\u00a0»",
        "statut En cours → En attente du demandeur par <@U0DESKAGENT>",
        "transmis du Centre de support à la Sécurité informatique par <@U0DESKAGENT>",
        "publié dans <#C0SECURITY>",
        "statut En attente du demandeur → Résolu par <@U0SECONCALL>",
        "rouvert par <@U0JOHN>\u00a0: pas réglé\u00a0; de retour dans la file, sans personne",
        "statut Nouveau → Résolu par <@U0SECONCALL>",
        "solution confirmée par <@U0JOHN>\u00a0: clos",
        "noté 4/5 par <@U0JOHN>",
    ]
    for user, expected in ((EMPLOYEE_EN, english), (SECURITY_ONCALL, french)):
        lines = (await _show(bot, tid, user)).split("\n")
        assert lines[0] == expected[0]
        assert len(lines) == len(expected)
        for line, text in zip(lines[1:], expected[1:], strict=True):
            assert line.startswith("<!date^") and line.endswith(f" · {text}"), (line, text)
