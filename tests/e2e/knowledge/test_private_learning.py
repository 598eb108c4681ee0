"""A private service's tickets teach the knowledge base nothing (``bot/governance/privacy.py``,
``teaching_nothing``): the articles are suggested to everyone, searched with what they learned,
so a security case's title learned for an article would let anyone find it with that case's
words. An agent answering such a ticket with an article teaches nothing; what was learned from a
ticket before it went to the private service (or before the service was private) is not read
back when the bot starts."""

from __future__ import annotations

from bot.domain.models import Ticket
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, SECURITY_ONCALL, Harness
from tests.e2e.knowledge.asking import (
    COPIER,
    COPIER_TITLES,
    dm_answer,
    reply_with_the_printer_article,
)

PRIVATE_TITLES = tuple(f"phishing : {title}" for title in COPIER_TITLES)  # goes to security


async def test_a_private_ticket_answered_with_an_article_teaches_nothing(kb: Harness) -> None:
    for title in PRIVATE_TITLES:
        await reply_with_the_printer_article(kb, title, SECURITY_ONCALL, "security")
    assert "could not find an article" in (await dm_answer(kb, EMPLOYEE_EN, COPIER))["text"]
    await kb.guichet.knowledge.load_stored()  # a restarted bot reads nothing back either
    assert kb.guichet.knowledge.search(COPIER) == []

    # a public ticket answered with it still teaches (the two rules side by side)
    for title in COPIER_TITLES:
        await reply_with_the_printer_article(kb, title)
    assert "could not find an article" not in (await dm_answer(kb, EMPLOYEE_EN, COPIER))["text"]


async def test_what_a_ticket_taught_before_going_private_is_not_read_back(kb: Harness) -> None:
    ids = [await reply_with_the_printer_article(kb, title) for title in COPIER_TITLES]
    assert [a.topic_key for a in kb.guichet.knowledge.search(COPIER)] == ["printer"]
    for ticket_id in ids:  # both sent to the private service afterwards
        await kb.choose(ticket_id, "ticket_reassign", "security", DESK_MEMBER)

        async def moved(ticket_id: str = ticket_id) -> Ticket | None:
            ticket = await kb.ticket(ticket_id)
            return ticket if ticket.service == "security" else None

        await kb.wait_until(moved, "the ticket in the security service")
    await kb.guichet.knowledge.load_stored()  # the bot restarted: read from the stored tickets
    assert kb.guichet.knowledge.search(COPIER) == []
    assert "could not find an article" in (await dm_answer(kb, EMPLOYEE_EN, COPIER))["text"]
