""" "Reply with an article" on a ticket's card: search, choose, and the article reaches the
requester's DM thread, is noted in the channel thread and recorded in the history."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.domain.config import load_services_config
from bot.domain.knowledge import KnowledgeConfig
from storage.client import Database
from tests.e2e.harness import (
    DESK_MEMBER,
    EMPLOYEE_EN,
    OUTSIDER,
    SERVICES_FILE,
    Harness,
    running_bot,
)

ARTICLES = Path(__file__).parents[3] / "sandbox" / "knowledge"
DM = f"D{EMPLOYEE_EN}"


@pytest.fixture
async def kb(database: Database) -> AsyncIterator[Harness]:
    config = load_services_config(SERVICES_FILE)
    config = config.model_copy(update={"knowledge": KnowledgeConfig(folder=ARTICLES)})
    async with running_bot(database, config=config) as harness:
        yield harness


async def _open_form(bot: Harness, user: str) -> tuple[Any, dict[str, Any] | None]:
    ticket = await bot.file(
        "information_request", "How do I reset my password?", "Where is the procedure?"
    )
    assert ticket.service == "service_desk"
    card = bot.slack.message(ticket.message.channel, ticket.message.ts)
    before = len(bot.slack.calls_to("views.open"))
    await bot.press(ticket.message.channel, card, "knowledge_reply", user)
    if user == OUTSIDER:
        return ticket, None
    return ticket, (await bot.slack.wait_for("views.open", count=before + 1))[-1].response["view"]


async def test_an_agent_sends_an_article_to_the_requester(kb: Harness) -> None:
    ticket, view = await _open_form(kb, DESK_MEMBER)
    assert view is not None
    choice = next(b for b in view["blocks"] if b["block_id"].startswith("article_choice"))
    assert choice["element"]["options"][0]["value"] == "password-en"  # searched with the title

    status, _ = await kb.send.block_action(
        "article_query", "teams micro", user_id=DESK_MEMBER, view=view
    )
    assert status == 200
    view = (await kb.slack.wait_for("views.update"))[-1].response["view"]
    choice = next(b for b in view["blocks"] if b["block_id"].startswith("article_choice"))
    assert choice["element"]["options"][0]["value"].startswith("teams-audio")

    status, body = await kb.submit(view, {}, user=DESK_MEMBER)  # the first result is chosen
    assert status == 200 and body["response_action"] == "update", body
    assert "was sent to the requester" in str(body["view"]["blocks"])

    async def sent() -> list[dict[str, Any]] | None:
        replies = [m for m in kb.slack.messages(DM) if "sent you an article" in m["text"]]
        return replies or None

    [message] = await kb.wait_until(sent, "the article in the requester's DM thread")
    assert message.get("thread_ts") and "Teams" in message["text"]
    stored = await kb.ticket(ticket.id)
    assert (
        stored.requester_thread is not None and message["thread_ts"] == stored.requester_thread.ts
    )
    history = await kb.guichet.helpdesk.tickets.history(ticket.id)
    assert (history[-1].action, history[-1].actor) == ("article_sent", DESK_MEMBER)
    assert history[-1].after is not None and history[-1].after.startswith("teams-audio")
    notes = [m for m in kb.slack.messages(ticket.message.channel) if "📚" in m["text"]]
    assert notes and notes[-1]["thread_ts"] == ticket.message.ts  # in the service's language
    assert "a envoyé l’article « No sound or microphone in Teams meetings »" in notes[-1]["text"]


async def test_someone_outside_the_service_gets_no_form(kb: Harness) -> None:
    told = len(kb.slack.calls_to("chat.postEphemeral"))
    ticket, _ = await _open_form(kb, OUTSIDER)
    await kb.slack.wait_for("chat.postEphemeral", count=told + 1)
    assert not kb.slack.calls_to("views.open")[1:]  # only the filing form was opened
    history = await kb.guichet.helpdesk.tickets.history(ticket.id)
    assert "article_sent" not in [e.action for e in history]
