"""MongoDB down: every request that needs it answers "try again" in the person's language,
nothing is half-written, /healthz says 503, and the bot recovers by itself when it returns."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.domain.models import Status
from storage.client import connect
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, EMPLOYEE_FR, Harness, running_bot
from tests.flaky_database import Switch, flaky_database
from tests.ports import closed_port

TRY_AGAIN = {"fr": "ne répond pas", "en": "not answering"}
FORM = {
    "type": "incident",
    "title": "Printer jams",
    "description": "Floor 3 printer jams on every page.",
    "impact": "low",
    "urgency": "low",
}


@pytest.fixture
async def flaky() -> AsyncIterator[tuple[Harness, Switch]]:
    database, switch = flaky_database()
    async with running_bot(database, index_retry_seconds=0.01) as harness:
        yield harness, switch


async def _answer(bot: Harness, text: str, user: str) -> str:
    return str((await bot.command_answer(text, user))["text"])


async def _claim(bot: Harness, ticket_id: str, message: dict, user: str) -> str:
    before = len(bot.ephemerals_to(user))
    await bot.send.block_action(
        "ticket_claim", ticket_id, user_id=user, channel_id="C0DESK", message=message
    )
    return str((await bot.ephemeral_seen(user, count=before + 1))["text"])


async def test_every_path_says_try_again_in_the_users_language(
    flaky: tuple[Harness, Switch],
) -> None:
    bot, switch = flaky
    ticket = await bot.file("information_request", "How do I reset my password?", "Where?")
    assert ticket.message is not None
    message = bot.slack.message(ticket.message.channel, ticket.message.ts)
    view = await bot.open_form(user=EMPLOYEE_FR)
    switch.down = True

    assert TRY_AGAIN["fr"] in await _answer(bot, "list", EMPLOYEE_FR)
    assert TRY_AGAIN["en"] in await _answer(bot, f"show {ticket.id}", EMPLOYEE_EN)
    assert TRY_AGAIN["en"] in await _answer(bot, ticket.id, EMPLOYEE_EN)
    status, body = await bot.submit(view, FORM, user=EMPLOYEE_FR)
    assert status == 200 and body["response_action"] == "errors"
    assert TRY_AGAIN["fr"] in body["errors"]["description"]
    assert TRY_AGAIN["en"] in await _claim(bot, ticket.id, message, DESK_MEMBER)
    assert TRY_AGAIN["fr"] in await _claim(bot, ticket.id, message, EMPLOYEE_FR)
    # the form itself needs no database
    await bot.open_form("my printer jams", user=EMPLOYEE_FR)
    status, health = await bot.get("/healthz")
    assert status == 503 and health["database"] == "down" and health["status"] == "degraded"

    switch.down = False
    stored = await bot.guichet.helpdesk.tickets.get(ticket.id)
    assert stored == ticket  # no claim went through
    assert len(await bot.guichet.helpdesk.tickets.list_by_status(list(Status))) == 1


@pytest.mark.parametrize("operation", ["find_one_and_update", "insert_one"])
async def test_filing_writes_nothing_when_the_store_fails(
    flaky: tuple[Harness, Switch], operation: str
) -> None:
    bot, switch = flaky
    view = await bot.open_form()
    switch.failing = {operation}  # the id counter, or the ticket itself
    status, body = await bot.submit(view, FORM)
    assert status == 200
    assert body["response_action"] == "errors" and TRY_AGAIN["en"] in str(body["errors"])
    switch.failing = set()
    assert await bot.guichet.helpdesk.tickets.list_by_status(list(Status)) == []
    assert not bot.slack.calls_to("chat.postMessage")  # nothing announced
    ticket = await bot.file(title="Printer jams again")
    assert (await bot.guichet.helpdesk.tickets.get(ticket.id)) == ticket


async def test_a_claim_writes_nothing_when_the_update_fails(
    flaky: tuple[Harness, Switch],
) -> None:
    bot, switch = flaky
    ticket = await bot.file("information_request", "How do I reset my password?", "Where?")
    assert ticket.message is not None
    message = bot.slack.message(ticket.message.channel, ticket.message.ts)
    switch.failing = {"find_one_and_update"}
    assert TRY_AGAIN["en"] in await _claim(bot, ticket.id, message, DESK_MEMBER)
    switch.failing = set()
    assert await bot.guichet.helpdesk.tickets.get(ticket.id) == ticket
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [e.action for e in history] == ["created", "posted"]
    assert not bot.slack.calls_to("chat.update")
    # and the same click works once the database answers
    cards = bot.card_updates(ticket)
    await bot.send.block_action(
        "ticket_claim", ticket.id, user_id=DESK_MEMBER, channel_id="C0DESK", message=message
    )
    await bot.card_updated(ticket, cards)
    claimed = await bot.guichet.helpdesk.tickets.get(ticket.id)
    assert claimed is not None and claimed.assignee == DESK_MEMBER


async def test_the_bot_recovers_by_itself() -> None:
    database, switch = flaky_database("guichet_recovery")
    switch.down = True  # down before the bot even starts
    async with running_bot(database, index_retry_seconds=0.01) as bot:
        assert bot.guichet.indexes is not None
        for _ in range(20):
            if switch.refused >= 3:
                break
            await asyncio.sleep(0.01)
        assert switch.refused >= 3  # index creation is being retried
        assert not bot.guichet.indexes.done.is_set()
        assert (await bot.get("/healthz"))[0] == 503

        switch.down = False  # the database is back: no restart, no operator
        await asyncio.wait_for(bot.guichet.indexes.done.wait(), 2)
        assert (await bot.get("/healthz"))[0] == 200
        ticket = await bot.file()
        assert await bot.guichet.helpdesk.tickets.get(ticket.id) == ticket
        indexes = await database.handle["tickets"].index_information()
        assert {"by_requester", "by_service"} <= set(indexes)


async def test_a_real_driver_with_no_server_behind_it() -> None:
    """motor pointed at a port where nothing listens, with short timeouts."""
    with closed_port() as nowhere:  # held: no other server is given it meanwhile
        database = connect(f"mongodb://127.0.0.1:{nowhere}", "guichet", timeout_ms=150)
        async with running_bot(database) as bot:
            status, health = await bot.get("/healthz")
            assert status == 503 and health["store"] == "mongodb" and health["database"] == "down"
            assert TRY_AGAIN["fr"] in await _answer(bot, "list", EMPLOYEE_FR)
