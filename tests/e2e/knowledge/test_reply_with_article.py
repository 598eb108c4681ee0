""" "Reply with an article" on a ticket's card: search, choose, and the article reaches the
requester's DM thread, is noted in the channel thread and recorded in the history."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.domain.config import load_services_config
from bot.domain.knowledge import KnowledgeConfig
from bot.domain.models import OutgoingKind
from bot.domain.outbox import OutboxState
from storage.client import Database
from storage.outbox import OutboxRepository
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
    assert ticket.message is not None
    card = bot.slack.message(ticket.message.channel, ticket.message.ts)
    trigger = bot.send.new_trigger_id(user)
    await bot.press(ticket.message.channel, card, "knowledge_reply", user, trigger_id=trigger)
    if user == OUTSIDER:
        return ticket, None
    return ticket, (await bot.opened_with(trigger)).response["view"]


async def test_an_agent_sends_an_article_to_the_requester(kb: Harness) -> None:
    ticket, view = await _open_form(kb, DESK_MEMBER)
    assert view is not None
    choice = next(b for b in view["blocks"] if b["block_id"].startswith("article_choice"))
    assert choice["element"]["options"][0]["value"] == "password-en"  # searched with the title

    status, _ = await kb.send.block_action(
        "article_query", "teams micro", user_id=DESK_MEMBER, view=view
    )
    assert status == 200
    view = (await kb.view_updated(view, hashed=True)).response["view"]
    choice = next(b for b in view["blocks"] if b["block_id"].startswith("article_choice"))
    assert choice["element"]["options"][0]["value"].startswith("teams-audio")

    status, body = await kb.submit(view, {}, user=DESK_MEMBER)  # the first result is chosen
    assert status == 200 and body["response_action"] == "update", body
    assert "Sending “No sound" in str(body["view"]["blocks"])  # acknowledged first
    told = await kb.view_updated(view, 1)  # then how it went: its second update
    assert "was sent to the requester" in str(told.response["view"]["blocks"])

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
    assert (
        "a envoyé l’article «\u00a0No sound or microphone in Teams meetings\u00a0»"
        in notes[-1]["text"]
    )


async def test_someone_outside_the_service_gets_no_form(kb: Harness) -> None:
    told = len(kb.ephemerals_to(OUTSIDER))
    ticket, _ = await _open_form(kb, OUTSIDER)
    await kb.ephemeral_seen(OUTSIDER, count=told + 1)
    assert not kb.slack.calls_to("views.open")[1:]  # only the filing form was opened
    history = await kb.guichet.helpdesk.tickets.history(ticket.id)
    assert "article_sent" not in [e.action for e in history]


async def test_slack_down_the_article_waits_in_the_outbox_and_goes_out_later(kb: Harness) -> None:
    ticket, view = await _open_form(kb, DESK_MEMBER)
    assert view is not None
    kb.slack.fail_next("chat.postMessage", status=502)  # Slack in trouble: a Bad Gateway
    status, body = await kb.submit(view, {}, user=DESK_MEMBER)
    assert status == 200 and body["response_action"] == "update", body
    told = await kb.view_updated(view)
    assert "as soon as possible" in str(told.response["view"]["blocks"])
    outbox = OutboxRepository(kb.database)
    [item] = [
        i for i in await outbox.for_ticket(ticket.id) if i.message.kind is OutgoingKind.ARTICLE
    ]
    assert item.state is OutboxState.PENDING and item.message.actor == DESK_MEMBER
    history = await kb.guichet.helpdesk.tickets.history(ticket.id)
    assert "article_sent" not in [e.action for e in history]  # not sent yet: not recorded

    report = await kb.tick(timedelta(minutes=5))
    assert report.deliveries.sent == 1
    statuses = [c.status for c in kb.slack.calls_to("chat.postMessage")]
    assert statuses.count(502) == 1  # refused once, delivered by the tick
    replies = [m for m in kb.slack.messages(DM) if "sent you an article" in m["text"]]
    assert len(replies) == 1 and "password" in replies[0]["text"].lower()
    history = await kb.guichet.helpdesk.tickets.history(ticket.id)
    assert (history[-1].action, history[-1].actor) == ("article_sent", DESK_MEMBER)
    sent = await outbox.get(item.id)
    assert sent is not None and sent.state is OutboxState.SENT
