"""The knowledge base learns from the organisation: once someone says an article answered their
question ("This answered my question"), the next person asking in those words finds it, although
no article and no word list has them; a press that is not counted teaches nothing."""

from __future__ import annotations

from typing import Any

from tests.e2e.harness import EMPLOYEE_EN, EMPLOYEE_FR, Harness

SLANG = "reçu un truc chelou"  # "chelou" (odd): in no article, in no word list


async def _dm_answer(bot: Harness, user: str, text: str) -> dict[str, Any]:
    channel = bot.slack.dm_channel_id(user)
    before = len(bot.slack.calls_to("chat.postMessage"))
    await bot.say(channel, text, user)
    await bot.slack.wait_for("chat.postMessage", count=before + 1)
    return bot.slack.messages(channel)[-1]


async def _press_answered(bot: Harness, user: str, answer: dict[str, Any], pressed: int) -> None:
    status, _ = await bot.send.block_action(
        "knowledge_answered",
        user_id=user,
        channel_id=bot.slack.dm_channel_id(user),
        message=answer,
    )
    assert status == 200
    await bot.slack.wait_for("response_url", count=pressed)


async def test_a_question_an_article_answered_finds_it_for_the_next_person(kb: Harness) -> None:
    before = await _dm_answer(kb, EMPLOYEE_EN, SLANG)
    assert "found no article" in before["text"]  # nothing knows "chelou" yet

    answer = await _dm_answer(kb, EMPLOYEE_FR, "mail suspect chelou")
    assert "Signaler un courriel suspect (hameçonnage)" in str(answer["blocks"]), answer["blocks"]
    await _press_answered(kb, EMPLOYEE_FR, answer, pressed=1)
    stored = await kb.guichet.database.handle["deflections"].find_one({"answered": "phishing-fr"})
    assert stored["question"] == "mail suspect chelou"  # what is learned from

    after = await _dm_answer(kb, EMPLOYEE_EN, SLANG)
    shown = str(after["blocks"])
    assert "found no article" not in after["text"]
    assert "Report a suspicious email (phishing)" in shown  # learned by its French translation


async def test_a_press_that_is_not_counted_teaches_nothing(kb: Harness) -> None:
    answer = await _dm_answer(kb, EMPLOYEE_FR, "mail suspect chelou")
    # someone else presses under Marie's suggestions: not counted, nothing learned
    await _press_answered(kb, EMPLOYEE_EN, answer, pressed=1)
    later = await _dm_answer(kb, EMPLOYEE_EN, SLANG)
    assert "found no article" in later["text"]
