"""What people do with the knowledge base in the tests of what it learns (and forgets): ask
Guichet in a DM, press "This answered my question", reply to a ticket with an article."""

from __future__ import annotations

from typing import Any

from handlers.kit.ids import BLOCK_KNOWLEDGE_ACTIONS
from tests.e2e.harness import DESK_MEMBER, Harness
from tests.e2e.workspace import ADMIN

SLANG = "reçu un truc chelou"  # "chelou" (odd): in no article, in no word list
COPIER = "le copieur du couloir est en rade"  # neither word in an article or a list
COPIER_TITLES = ("copieur du couloir en rade", "le copieur fait des siennes")


async def dm_answer(bot: Harness, user: str, text: str) -> dict[str, Any]:
    """Guichet's answer to ``text`` in ``user``'s DM with it: its articles or its offer to file
    a ticket (the message with the knowledge buttons) posted after this question."""
    asked = await bot.say(bot.slack.dm_channel_id(user), text, user)
    return await bot.dm_reply(user, asked, BLOCK_KNOWLEDGE_ACTIONS)


async def press_answered(bot: Harness, user: str, answer: dict[str, Any]) -> dict[str, Any]:
    """``user`` presses "This answered my question" under ``answer``; returns what the bot
    posted to that press's own ``response_url``."""
    channel = bot.slack.dm_channel_id(user)
    url = bot.send.new_response_url(channel, answer["ts"], user)
    status, _ = await bot.send.block_action(
        "knowledge_answered", user_id=user, channel_id=channel, message=answer, response_url=url
    )
    assert status == 200
    return await bot.answered(url, "the answer to This answered my question")


async def answered(bot: Harness, asked: list[tuple[str, str]]) -> None:
    """Each (person, question) of ``asked`` gets the phishing article and says it answered."""
    for user, question in asked:
        answer = await dm_answer(bot, user, question)
        assert "phishing" in str(answer["blocks"]), answer["blocks"]
        await press_answered(bot, user, answer)


async def reply_with_the_printer_article(
    bot: Harness, title: str, agent: str = DESK_MEMBER, service: str = "service_desk"
) -> str:
    """A ticket titled ``title`` (filed in ``service``) ``agent`` answers with the printer
    article; its id."""
    ticket = await bot.file("information_request", title, "Rien ne sort")
    assert ticket.service == service, ticket.service
    assert ticket.message is not None
    card = bot.slack.message(ticket.message.channel, ticket.message.ts)
    opened = await bot.press_form(ticket.message.channel, card, "knowledge_reply", agent)
    view = opened.response["view"]
    status, _ = await bot.send.block_action("article_query", "imprimante", user_id=agent, view=view)
    assert status == 200
    view = (await bot.view_updated(view, hashed=True)).response["view"]
    choice = next(b for b in view["blocks"] if b["block_id"].startswith("article_choice"))
    assert choice["element"]["options"][0]["value"].startswith("printer"), choice
    status, body = await bot.submit(view, {}, user=agent)  # the first result: printer
    assert status == 200 and body["response_action"] == "update", body

    async def sent() -> bool | None:
        history = await bot.guichet.helpdesk.tickets.history(ticket.id)
        return history[-1].action == "article_sent" or None

    await bot.wait_until(sent, "the article sent to the requester")
    return ticket.id


async def erase(bot: Harness, person: str) -> None:
    """An admin erases ``person`` (``/ticket privacy erase``, confirmed)."""
    trigger = bot.send.new_trigger_id(ADMIN)
    status, _ = await bot.send.command(
        f"privacy erase <@{person}>", user_id=ADMIN, trigger_id=trigger
    )
    assert status == 200
    form = (await bot.opened_with(trigger)).response["view"]
    status, _ = await bot.send.view_submission(form, {}, user_id=ADMIN)
    assert status == 200
    await bot.told_eventually(ADMIN, f"<@{person}>")  # erased, or nothing to erase
