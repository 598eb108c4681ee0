"""The knowledge base learns from the organisation: once two people say an article answered
their question ("This answered my question"), or agents answer tickets with an article ("Reply
with an article"), the next person asking in those words finds it, although no article and no
word list has them; one question is not enough, and a press that is not counted teaches
nothing."""

from __future__ import annotations

from typing import Any

from tests.e2e.harness import DESK_AGENT, DESK_MEMBER, EMPLOYEE_EN, EMPLOYEE_FR, Harness

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
    assert "found no article" in (await _dm_answer(kb, EMPLOYEE_EN, SLANG))["text"]  # once

    answer = await _dm_answer(kb, DESK_AGENT, "suspicious email, chelou")
    await _press_answered(kb, DESK_AGENT, answer, pressed=2)
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


async def test_a_ticket_an_agent_answered_with_an_article_teaches_its_title(kb: Harness) -> None:
    copier = "le copieur du couloir est en rade"  # neither word in an article or a list
    assert "found no article" in (await _dm_answer(kb, EMPLOYEE_EN, copier))["text"]
    for title in ("copieur du couloir en rade", "le copieur fait des siennes"):
        await _reply_with_the_printer_article(kb, title)
    after = await _dm_answer(kb, EMPLOYEE_EN, copier)
    assert "found no article" not in after["text"]
    assert "knowledge_answered" in str(after["blocks"]) and "printer" in str(after["blocks"])
    # and a restarted bot reads it back from the tickets' history
    await kb.guichet.knowledge.load_stored()
    assert [a.topic_key for a in kb.guichet.knowledge.search(copier)] == ["printer"]


async def _reply_with_the_printer_article(kb: Harness, title: str) -> None:
    ticket = await kb.file("information_request", title, "Rien ne sort")
    assert ticket.service == "service_desk", ticket.service
    card = kb.slack.message(ticket.message.channel, ticket.message.ts)
    opened, updated = len(kb.slack.calls_to("views.open")), len(kb.slack.calls_to("views.update"))
    await kb.press(ticket.message.channel, card, "knowledge_reply", DESK_MEMBER)
    view = (await kb.slack.wait_for("views.open", count=opened + 1))[-1].response["view"]
    status, _ = await kb.send.block_action(
        "article_query", "imprimante", user_id=DESK_MEMBER, view=view
    )
    assert status == 200
    view = (await kb.slack.wait_for("views.update", count=updated + 1))[-1].response["view"]
    choice = next(b for b in view["blocks"] if b["block_id"].startswith("article_choice"))
    assert choice["element"]["options"][0]["value"].startswith("printer"), choice
    status, body = await kb.submit(view, {}, user=DESK_MEMBER)  # the first result: printer
    assert status == 200 and body["response_action"] == "update", body

    async def sent() -> bool | None:
        history = await kb.guichet.helpdesk.tickets.history(ticket.id)
        return history[-1].action == "article_sent" or None

    await kb.wait_until(sent, "the article sent to the requester")
