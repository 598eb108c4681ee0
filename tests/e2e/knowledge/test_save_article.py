""" "Save as an article" on a resolved ticket: the form pre-filled from it, published to the
database with its history, found by the next person who asks; refused to people outside the
ticket's service."""

from __future__ import annotations

import json
from typing import Any

from bot.domain.knowledge import ArticleAction
from bot.domain.models import Status, Ticket
from storage.articles import ArticleRepository
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, OUTSIDER, SECURITY_ONCALL, Harness
from tests.e2e.observations import action_ids


async def _resolved(bot: Harness) -> tuple[Ticket, dict[str, Any]]:
    ticket = await bot.file(
        "information_request", "Teams crashes when sharing my screen", "Since the update."
    )
    await bot.choose(ticket.id, "ticket_claim", None, DESK_MEMBER)

    async def status_is(status: Status) -> Ticket | None:
        current = await bot.ticket(ticket.id)
        return current if current.status is status else None

    await bot.wait_until(lambda: status_is(Status.IN_PROGRESS), "claimed")

    async def card_in_progress() -> bool:  # the card is redrawn after the claim is stored
        assert ticket.message is not None
        card = bot.slack.message(ticket.message.channel, ticket.message.ts)
        return "|in_progress|resolved" in str(card.get("blocks"))

    await bot.wait_until(card_in_progress, "the card redrawn")
    await bot.choose(ticket.id, "ticket_status", "resolved", DESK_MEMBER)
    ticket = await bot.wait_until(lambda: status_is(Status.RESOLVED), "resolved")
    assert ticket.message is not None

    async def card_with_button() -> dict[str, Any] | None:
        card = bot.slack.message(ticket.message.channel, ticket.message.ts)
        return card if "knowledge_save" in str(card.get("blocks")) else None

    card = await bot.wait_until(card_with_button, "the Save as an article button")
    await bot.settled()  # the requester's "is it solved?" DM sent too
    return ticket, card


async def test_an_agent_saves_a_resolved_ticket_and_the_next_asker_finds_it(bot: Harness) -> None:
    ticket, card = await _resolved(bot)
    assert ticket.message is not None
    await bot.press(ticket.message.channel, card, "knowledge_save", DESK_MEMBER)
    view = await bot.view_opened("knowledge_save_form")
    title = next(b for b in view["blocks"] if b.get("block_id") == "article_title")
    body = next(b for b in view["blocks"] if b.get("block_id") == "article_body")
    assert title["element"]["initial_value"] == "Teams crashes when sharing my screen"
    assert body["element"]["initial_value"].startswith("## Problem\nSince the update.")

    status, answer = await bot.submit(
        view,
        {
            "article_title": "Teams crashes when sharing the screen",
            "article_language": "en",
            "article_tags": "teams, screen sharing, crash",
            "article_body": "## Solution\n- Update Teams from **Company Portal**.\n- Restart.",
        },
        user=DESK_MEMBER,
    )
    assert status == 200 and answer["response_action"] == "update", answer
    assert "is published" in str(answer["view"]["blocks"])

    [article] = await ArticleRepository(bot.database).active()  # stored in the database
    assert article.from_ticket == ticket.id and article.author == DESK_MEMBER
    assert article.tags == ("teams", "screen sharing", "crash")
    history = await ArticleRepository(bot.database).history(article.id)
    assert [(c.action, c.actor, c.note) for c in history] == [  # the article's history
        (ArticleAction.PUBLISHED, DESK_MEMBER, ticket.id)
    ]
    found = bot.guichet.knowledge.search("teams crash when I share my screen")
    assert [a.id for a in found] == [article.id]


async def test_someone_outside_the_service_cannot_save_it(bot: Harness) -> None:
    ticket, card = await _resolved(bot)
    before = len(bot.slack.calls_to("views.open"))
    told = len(bot.ephemerals_to(OUTSIDER))
    assert ticket.message is not None
    await bot.press(ticket.message.channel, card, "knowledge_save", OUTSIDER)
    await bot.ephemeral_seen(OUTSIDER, count=told + 1)
    assert len(bot.slack.calls_to("views.open")) == before
    assert await ArticleRepository(bot.database).active() == []


async def test_the_requester_cannot_save_it_either(bot: Harness) -> None:
    ticket, card = await _resolved(bot)
    told = len(bot.ephemerals_to(EMPLOYEE_EN))
    assert ticket.message is not None
    await bot.press(ticket.message.channel, card, "knowledge_save", EMPLOYEE_EN)
    refusal = await bot.ephemeral_seen(EMPLOYEE_EN, count=told + 1)
    assert "Service desk" in refusal["text"]
    assert await ArticleRepository(bot.database).active() == []


async def test_the_requester_confirming_it_solved_does_not_take_the_button_away(
    bot: Harness,
) -> None:
    """The requester's "Yes, it is solved" closes the ticket minutes after it is resolved: its
    card keeps "Save as an article" (and only that), and the article is published from it."""
    ticket, _ = await _resolved(bot)
    assert ticket.message is not None
    before = bot.card_updates(ticket)
    await bot.answer_in_dm(EMPLOYEE_EN, "ticket_solved")
    await bot.card_updated(ticket, before)
    closed = await bot.ticket(ticket.id)
    assert closed.status is Status.CLOSED
    card = bot.slack.message(ticket.message.channel, ticket.message.ts)
    assert action_ids(card) == ["knowledge_save"]

    await bot.press(ticket.message.channel, card, "knowledge_save", DESK_MEMBER)
    form = await bot.view_opened("knowledge_save_form")
    values = {
        "article_title": "Teams crashes when sharing the screen",
        "article_language": "en",
        "article_tags": "",
        "article_body": "## Solution\n- Update Teams.",
    }
    status, answer = await bot.submit(form, values, user=DESK_MEMBER)
    assert status == 200 and answer["response_action"] == "update", answer
    [article] = await ArticleRepository(bot.database).active()
    assert article.from_ticket == ticket.id


async def test_a_private_teams_case_pre_fills_none_of_its_words(bot: Harness) -> None:
    """An article is read by everyone: saved from a private service's case, the form starts
    from its headings only, and says why."""
    title, description = "Phishing mail from the CFO", "The CFO's mail asked for a wire transfer."
    ticket = await bot.file("incident", title, description)
    assert ticket.service == "security" and ticket.message is not None
    await bot.claim(ticket, SECURITY_ONCALL)
    await bot.choose(ticket.id, "ticket_status", "resolved", SECURITY_ONCALL)

    async def card_with_button() -> dict[str, Any] | None:
        card = await bot.channel_message(ticket.id)
        return card if "knowledge_save" in str(card.get("blocks")) else None

    card = await bot.wait_until(card_with_button, "the Save as an article button")
    await bot.press(ticket.message.channel, card, "knowledge_save", SECURITY_ONCALL)
    view = await bot.view_opened("knowledge_save_form")
    shown = json.dumps(view["blocks"], ensure_ascii=False)
    assert title not in shown and "wire transfer" not in shown
    body = next(b for b in view["blocks"] if b.get("block_id") == "article_body")
    assert body["element"]["initial_value"] == "## Problem\n\n\n## Solution\n"
    assert (
        "Its team is private and an article is read by everyone: nothing of the ticket is "
        "copied in, write it without the case’s details." in shown
    )
