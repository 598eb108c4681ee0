"""A report of the same outage right after the problem's fix: posted as an ordinary ticket (the
problem is over, nothing joins it), and its team told in its thread that it matches the problem
fixed a moment ago, a possible recurrence. Nobody was told: the fix that did not hold went
unseen."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from bot.domain.config import load_services_config
from bot.domain.models import Language, Status, TicketType
from bot.problems.storm import RECURRENCE_WINDOW
from handlers.problems.blocks import recurrence_reply
from tests.e2e.harness import DESK_AGENT, Harness
from tests.e2e.problems.outage import TICK, make_problem, report
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
