"""The knowledge base learns from the organisation: once two people say an article answered
their question ("This answered my question"), or agents answer tickets with an article ("Reply
with an article"), the next person asking in those words finds it, although no article and no
word list has them; one question is not enough, and a press that is not counted teaches
nothing."""

from __future__ import annotations

from tests.e2e.harness import DESK_AGENT, EMPLOYEE_EN, EMPLOYEE_FR, Harness
from tests.e2e.knowledge.asking import (
    COPIER,
    COPIER_TITLES,
    SLANG,
    dm_answer,
    press_answered,
    reply_with_the_printer_article,
)


async def test_a_question_an_article_answered_finds_it_for_the_next_person(kb: Harness) -> None:
    before = await dm_answer(kb, EMPLOYEE_EN, SLANG)
    assert "could not find an article" in before["text"]  # nothing knows "chelou" yet

    answer = await dm_answer(kb, EMPLOYEE_FR, "mail suspect chelou")
    assert "Signaler un courriel suspect (hameçonnage)" in str(answer["blocks"]), answer["blocks"]
    await press_answered(kb, EMPLOYEE_FR, answer)
    stored = await kb.guichet.database.handle["deflections"].find_one({"answered": "phishing-fr"})
    assert stored["question"] == "mail suspect chelou"  # what is learned from
    assert "could not find an article" in (await dm_answer(kb, EMPLOYEE_EN, SLANG))["text"]  # once

    answer = await dm_answer(kb, DESK_AGENT, "suspicious email, chelou")
    await press_answered(kb, DESK_AGENT, answer)
    after = await dm_answer(kb, EMPLOYEE_EN, SLANG)
    shown = str(after["blocks"])
    assert "could not find an article" not in after["text"]
    assert "Report a suspicious email (phishing)" in shown  # learned by its French translation


async def test_a_press_that_is_not_counted_teaches_nothing(kb: Harness) -> None:
    answer = await dm_answer(kb, EMPLOYEE_FR, "mail suspect chelou")
    # someone else presses under Marie's suggestions: not counted, nothing learned
    await press_answered(kb, EMPLOYEE_EN, answer)
    later = await dm_answer(kb, EMPLOYEE_EN, SLANG)
    assert "could not find an article" in later["text"]


async def test_a_ticket_an_agent_answered_with_an_article_teaches_its_title(kb: Harness) -> None:
    copier = COPIER
    assert "could not find an article" in (await dm_answer(kb, EMPLOYEE_EN, copier))["text"]
    for title in COPIER_TITLES:
        await reply_with_the_printer_article(kb, title)
    after = await dm_answer(kb, EMPLOYEE_EN, copier)
    assert "could not find an article" not in after["text"]
    assert "knowledge_answered" in str(after["blocks"]) and "printer" in str(after["blocks"])
    # and a restarted bot reads it back from the tickets' history
    await kb.guichet.knowledge.load_stored()
    assert [a.topic_key for a in kb.guichet.knowledge.search(copier)] == ["printer"]
