"""One outage, both languages: a French report joins the open English emergency, whatever
service its words route to, even when it came from a 🎫 reaction that read as an emergency."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.models import Ticket, TicketType
from tests.e2e.harness import CHANNELS, EMPLOYEE_EN, EMPLOYEE_FR, Harness

GENERAL = "C0GENERAL"
TICK = timedelta(seconds=30)


async def test_a_french_report_joins_the_english_emergency(desk: Harness) -> None:
    bot = desk
    emergency = await bot.file(
        "emergency",
        "The whole ERP is down, nobody can invoice",
        "Since 9am the ERP answers nothing; finance is stuck.",
        impact="high",
        urgency="high",
        user=EMPLOYEE_EN,
    )
    message = bot.slack.add_message(
        GENERAL,
        "L'ERP est complètement en panne, plus personne ne peut travailler",
        user=EMPLOYEE_FR,
    )
    await bot.react(GENERAL, message["ts"], EMPLOYEE_FR)

    async def linked() -> Ticket | None:
        ticket = await bot.guichet.helpdesk.tickets.find_by_origin(GENERAL, message["ts"])
        return ticket if ticket and ticket.problem_id else None

    report = await bot.wait_until(linked, "the French report linked to the emergency")
    assert report.problem_id == emergency.id
    assert report.type is TicketType.INCIDENT and report.paging is None  # no second page
    assert report.message is None  # not a second post in another channel
    for service, channel in CHANNELS.items():
        if service != emergency.service:
            assert bot.top_level(channel) == [], service
    await bot.told_eventually(EMPLOYEE_FR, emergency.id)


async def test_a_second_emergency_about_the_same_outage_joins_the_first(desk: Harness) -> None:
    bot = desk
    first = await bot.file(
        "emergency",
        "The whole ERP is down, nobody can invoice",
        "Since 9am the ERP answers nothing.",
        impact="high",
        urgency="high",
        user=EMPLOYEE_EN,
    )
    second = await bot.file(
        "emergency",
        "L'ERP est complètement en panne",
        "plus personne ne peut travailler",
        impact="high",
        urgency="high",
        user=EMPLOYEE_FR,
    )
    stored = await bot.ticket(second.id)
    assert stored.problem_id == first.id and stored.type is TicketType.EMERGENCY
    assert stored.paging is not None and not stored.paging.active and stored.next_ping_at is None
    assert stored.message is None  # no second post
    await bot.tick(TICK)
    await bot.tick(TICK)
    history = bot.guichet.helpdesk.tickets.history
    assert "paged" in [e.action for e in await history(first.id)]
    assert "paged" not in [e.action for e in await history(second.id)]  # paged for the first only
    await bot.told_eventually(EMPLOYEE_FR, first.id)
