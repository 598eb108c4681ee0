"""A write the database refuses for what it holds (a document failing validation, one too
large to store): not a database down. The scheduler leaves that one ticket out, names it in
one error line and reminds the others; a person is told that trying again will not help, in
their language, and nothing is written."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import pytest
from pymongo import DESCENDING
from pymongo.errors import DocumentTooLarge, OperationFailure, WriteError

from bot.domain.errors import StoreRejected, StoreUnavailable
from bot.domain.models import Status, Ticket
from bot.outbox.deliveries import LEASE, MAX_ATTEMPTS
from bot.paging.scheduler import TickReport
from tests.e2e.harness import (
    DESK_AGENT,
    DESK_MEMBER,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    INFRA_ONCALL_1,
    Harness,
    running_bot,
)
from tests.e2e.test_delivery import bot_with_dated_slack
from tests.flaky_database import Call, Switch, flaky_database

H = timedelta(hours=1)
TICK = timedelta(seconds=30)
REFUSED = {
    "fr": "réessayer n’y changera rien",
    "en": "trying again will not help",
}
TRY_AGAIN = {"fr": "ne répond pas", "en": "not answering"}
WRITES = {"find_one_and_update", "update_one", "update_many", "insert_one", "bulk_write"}


def _invalid() -> WriteError:
    """What a server with a validator on ``tickets`` answers a write it refuses."""
    return WriteError(
        "Document failed validation",
        121,
        {"index": 0, "code": 121, "errmsg": "Document failed validation"},
    )


def _refusing_writes_to(ticket_id: str) -> Callable[[Call], Exception | None]:
    def refuse(call: Call) -> Exception | None:
        if call.collection == "tickets" and call.operation in WRITES and call.about(ticket_id):
            return _invalid()
        return None

    return refuse


@pytest.fixture
async def flaky() -> AsyncIterator[tuple[Harness, Switch]]:
    database, switch = flaky_database("guichet_refused")
    async with running_bot(database, index_retry_seconds=0.01) as harness:
        yield harness, switch


async def _desk_ticket(bot: Harness, title: str) -> Ticket:
    """A P2 for the service desk: its response target passes in an hour."""
    ticket = await bot.file(
        "information_request", title, "Where is the procedure?", impact="medium", urgency="high"
    )
    assert ticket.service == "service_desk" and ticket.message is not None
    return ticket


async def test_a_refused_write_leaves_one_ticket_out_of_the_reminders_not_the_others(
    flaky: tuple[Harness, Switch], caplog: pytest.LogCaptureFixture
) -> None:
    bot, switch = flaky
    await bot.guichet.scheduler.stop()  # ticks only when the test says
    refused = await _desk_ticket(bot, "How do I reset my password?")
    other = await _desk_ticket(bot, "Where is the leave policy?")
    switch.refuse = _refusing_writes_to(refused.id)

    with caplog.at_level(logging.ERROR):
        report = await bot.tick(H)  # both late: the step does not stop at the refused one
    assert report.due == 2 and report.claimed == 1
    assert len(bot.thread(other)) == 1 and bot.thread(refused) == []
    (line,) = [r for r in caplog.records if r.getMessage().startswith("scheduler: could not")]
    assert line.levelno == logging.ERROR and line.exc_info is None  # one line, no traceback
    assert line.getMessage().startswith(
        f"scheduler: could not handle {refused.id}: the database refused it (WriteError: "
        "Document failed validation"
    )
    assert getattr(line, "ticket_id", None) == refused.id
    assert "\n" not in line.getMessage() and "scheduler tick" not in caplog.text
    assert await bot.ticket(refused.id) == refused  # nothing half-written

    switch.refuse = None  # the validator mended: the next tick reminds it
    await bot.tick(TICK)
    assert len(bot.thread(refused)) == 1 and len(bot.thread(other)) == 1


async def test_a_database_down_still_stops_the_step(flaky: tuple[Harness, Switch]) -> None:
    bot, switch = flaky
    await bot.guichet.scheduler.stop()
    first = await _desk_ticket(bot, "How do I reset my password?")
    second = await _desk_ticket(bot, "Where is the leave policy?")
    switch.failing = {"find_one_and_update"}  # every claim: the server is not answering

    with pytest.raises(StoreUnavailable) as raised:
        await bot.tick(H)
    assert type(raised.value) is StoreUnavailable
    assert bot.thread(first) == [] and bot.thread(second) == []


async def _claim(bot: Harness, ticket: Ticket, user: str) -> str:
    assert ticket.message is not None
    message = bot.slack.message(ticket.message.channel, ticket.message.ts)
    before = len(bot.ephemerals_to(user))
    await bot.send.block_action(
        "ticket_claim", ticket.id, user_id=user, channel_id="C0DESK", message=message
    )
    return str((await bot.ephemeral_seen(user, count=before + 1))["text"])


@pytest.mark.parametrize(("agent", "language"), [(DESK_MEMBER, "en"), (DESK_AGENT, "fr")])
async def test_a_refused_claim_says_trying_again_will_not_help(
    flaky: tuple[Harness, Switch], agent: str, language: str, caplog: pytest.LogCaptureFixture
) -> None:
    bot, switch = flaky
    await bot.guichet.scheduler.stop()
    ticket = await _desk_ticket(bot, "How do I reset my password?")
    switch.refuse = _refusing_writes_to(ticket.id)
    cards = len(bot.slack.calls_to("chat.update"))

    with caplog.at_level(logging.ERROR):
        answer = await _claim(bot, ticket, agent)
    assert REFUSED[language] in answer and TRY_AGAIN[language] not in answer
    logged = [r.getMessage() for r in caplog.records if r.name.startswith("handlers.")]
    assert logged == [f"database refused the write while claiming {ticket.id}"]
    assert await bot.ticket(ticket.id) == ticket  # not claimed, nothing written
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [e.action for e in history] == ["created", "posted"]
    assert len(bot.slack.calls_to("chat.update")) == cards


async def test_a_form_too_large_to_store_is_answered_on_the_form(
    flaky: tuple[Harness, Switch],
) -> None:
    bot, switch = flaky

    def too_large(call: Call) -> Exception | None:
        if call.collection == "tickets" and call.operation == "insert_one":
            return DocumentTooLarge("BSON document too large (17825792 bytes)")
        return None

    switch.refuse = too_large
    view = await bot.open_form(user=EMPLOYEE_FR)
    status, body = await bot.submit(
        view,
        {
            "type": "incident",
            "title": "L’imprimante bourre",
            "description": "Elle bourre à chaque page.",
            "impact": "low",
            "urgency": "low",
        },
        user=EMPLOYEE_FR,
    )
    assert status == 200 and body["response_action"] == "errors"
    assert REFUSED["fr"] in body["errors"]["description"]
    assert await bot.guichet.helpdesk.tickets.list_by_status(list(Status)) == []
    assert not bot.slack.calls_to("chat.postMessage")  # nothing announced

    switch.refuse = None
    ticket = await bot.file(title="Printer jams again", user=EMPLOYEE_EN)
    assert await bot.ticket(ticket.id) == ticket


def _bad_value() -> OperationFailure:
    """What a server answers a query it refuses (an operator or a value it does not take)."""
    return OperationFailure("unknown operator: $lte2", 2, {"code": 2, "errmsg": "unknown op"})


async def test_a_refused_due_read_is_said_and_the_other_steps_still_run(
    flaky: tuple[Harness, Switch], caplog: pytest.LogCaptureFixture
) -> None:
    bot, switch = flaky
    await bot.guichet.scheduler.stop()
    ticket = await _desk_ticket(bot, "How do I reset my password?")

    def refuse_due(call: Call) -> Exception | None:
        query = call.args[0] if call.args else None
        due_read = isinstance(query, dict) and "next_ping_at" in query
        return _bad_value() if call.operation == "find" and due_read else None

    switch.refuse = refuse_due
    switch.calls.clear()
    with caplog.at_level(logging.WARNING):
        report = await bot.tick(H)  # the response target passes, but the due read is refused
    assert report.due == 0 and bot.thread(ticket) == []
    (line,) = [r for r in caplog.records if r.name == "bot.paging.scheduler"]
    assert line.levelno == logging.ERROR and line.exc_info is None
    assert line.getMessage() == (
        "scheduler: could not read the due tickets: the database refused it "
        "(OperationFailure: unknown operator: $lte2, full error: {'code': 2, 'errmsg': "
        "'unknown op'})"
    )
    assert "not answering" not in caplog.text
    assert ("outbox", "find") in switch.calls  # the outbox was still delivered

    switch.refuse = None  # mended: the next tick reminds it
    await bot.tick(TICK)
    assert len(bot.thread(ticket)) == 1


async def test_a_refusal_that_stops_a_scheduled_tick_is_not_called_a_database_down(
    flaky: tuple[Harness, Switch], caplog: pytest.LogCaptureFixture
) -> None:
    bot, _ = flaky
    scheduler = bot.guichet.scheduler
    await scheduler.stop()

    async def refused() -> TickReport:
        raise StoreRejected("WriteError: Document failed validation, full error: {'code': 121}")

    scheduler.tick = refused  # type: ignore[method-assign]
    with caplog.at_level(logging.WARNING):
        await scheduler._scheduled_tick()
    (line,) = [r for r in caplog.records if r.name == "bot.paging.scheduler"]
    assert line.levelno == logging.ERROR and line.exc_info is None
    assert line.getMessage() == (
        "scheduler tick stopped: the database refused one of its reads or writes (WriteError: "
        "Document failed validation, full error: {'code': 121}); the next tick meets the same "
        "refusal until what it refused is mended"
    )


async def test_a_bot_started_on_an_older_versions_index_replaces_it_and_serves(
    caplog: pytest.LogCaptureFixture,
) -> None:
    database, switch = flaky_database("guichet_older_index")
    tickets = database.handle["tickets"]
    await tickets.create_index([("next_ping_at", DESCENDING)], name="by_next_ping")  # an older one
    with caplog.at_level(logging.WARNING):
        async with running_bot(database, index_retry_seconds=0.01) as bot:
            assert bot.guichet.indexes is not None
            await asyncio.wait_for(bot.guichet.indexes.done.wait(), 2)  # once, not for ever
            assert (await bot.get("/healthz"))[0] == 200
            ticket = await bot.file()
            assert await bot.ticket(ticket.id) == ticket
    indexes = await tickets.index_information()
    assert indexes["by_next_ping"]["key"] == [("next_ping_at", 1)]
    (line,) = [r for r in caplog.records if r.name == "storage.indexes"]
    assert line.levelno == logging.WARNING and "by_next_ping of tickets was" in line.getMessage()
    assert "database unavailable" not in caplog.text
    assert ("tickets", "create_index") in switch.calls


async def test_an_audit_line_the_log_refuses_is_given_up_once_not_at_every_tick(
    flaky: tuple[Harness, Switch], caplog: pytest.LogCaptureFixture
) -> None:
    bot, switch = flaky
    await bot.guichet.scheduler.stop()
    refused = await _desk_ticket(bot, "How do I reset my password?")
    other = await _desk_ticket(bot, "Where is the leave policy?")

    def refuse_claim_lines(call: Call) -> Exception | None:
        line = call.args[0] if call.args else None
        claim = isinstance(line, dict) and line.get("action") == "claimed"
        return _invalid() if call.collection == "audit" and claim else None

    switch.refuse = refuse_claim_lines  # the log's validator refuses claim lines
    claimed = await bot.claim(refused, DESK_MEMBER)  # the claim stands; its line waits
    switch.refuse = None
    await bot.claim(other, DESK_MEMBER)
    switch.refuse = refuse_claim_lines
    tickets = bot.database.handle["tickets"]
    waiting = {"audit_pending.id": {"$exists": True}}
    assert [d["_id"] async for d in tickets.find(waiting)] == [refused.id]

    with caplog.at_level(logging.INFO):
        await bot.tick(TICK)
    (line,) = [r for r in caplog.records if "given up" in r.getMessage()]
    assert line.levelno == logging.ERROR and line.exc_info is None
    assert line.getMessage().startswith("audit: line ")
    assert f" of {refused.id} (claimed by {DESK_MEMBER} at " in line.getMessage()
    assert line.getMessage().endswith(
        "given up: the log refused it (WriteError: Document failed validation, full error: "
        "{'index': 0, 'code': 121, 'errmsg': 'Document failed validation'})"
    )
    assert await tickets.count_documents(waiting) == 0  # taken off: not tried again
    assert "sweep failed" not in caplog.text

    caplog.clear()
    with caplog.at_level(logging.INFO):
        await bot.tick(TICK)  # the next tick: nothing to say, nothing tried
    assert not [r for r in caplog.records if r.name == "bot.governance.audit"]
    assert await bot.ticket(refused.id) == claimed  # the claim itself stands


@pytest.fixture
async def dated_flaky() -> AsyncIterator[tuple[Harness, Switch]]:
    """``flaky``, with Slack's clock following the bot's: a DM an earlier attempt posted is
    found by its time, as in Slack."""
    database, switch = flaky_database("guichet_refused_dated")
    async with bot_with_dated_slack(database) as harness:
        yield harness, switch


async def test_a_dm_whose_record_the_database_refuses_is_given_up_not_tried_for_ever(
    dated_flaky: tuple[Harness, Switch], caplog: pytest.LogCaptureFixture
) -> None:
    bot, switch = dated_flaky
    await bot.guichet.scheduler.stop()

    def refuse_dm_records(call: Call) -> Exception | None:
        query, update = (*call.args, None, None)[:2]
        dm = isinstance(query, dict) and ":dm:" in str(query.get("_id"))
        sent = isinstance(update, dict) and update.get("$set", {}).get("state") == "sent"
        return _invalid() if call.collection == "outbox" and dm and sent else None

    switch.refuse = refuse_dm_records  # the outbox's validator refuses the DM's "sent" record
    ticket = await bot.file(user=EMPLOYEE_EN)  # its requester is told where it went: one DM
    assert len(bot.dms_to(EMPLOYEE_EN)) == 1
    outbox = bot.database.handle["outbox"]
    (item,) = [d async for d in outbox.find({"state": "pending"})]
    assert item["message"]["kind"] == "requester_dm"

    with caplog.at_level(logging.ERROR):
        for _ in range(MAX_ATTEMPTS):  # each lease runs out: claimed again, refused again
            await bot.tick(LEASE + TICK)
    stored = await outbox.find_one({"_id": item["_id"]})
    assert stored is not None and stored["state"] == "failed"
    assert stored["last_error"] == f"no outcome recorded ({MAX_ATTEMPTS} attempts)"
    (gave_up,) = [r for r in caplog.records if r.getMessage().startswith("gave up")]
    assert gave_up.getMessage() == (
        f"gave up delivering requester_dm ({ticket.id}): no outcome recorded "
        f"({MAX_ATTEMPTS} attempts)"
    )
    refused = [r for r in caplog.records if "the database refused it" in r.getMessage()]
    assert len(refused) == MAX_ATTEMPTS  # each attempt said why it ended
    assert len(bot.dms_to(EMPLOYEE_EN)) == 1  # each attempt found the DM posted: none again
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert history[-1].action == "dm_failed" and history[-1].note == stored["last_error"]

    switch.calls.clear()
    await bot.tick(LEASE + TICK)  # given up: no longer claimed, nothing sent again
    assert ("outbox", "find_one_and_update") not in switch.calls
    assert len(bot.dms_to(EMPLOYEE_EN)) == 1


async def test_a_page_whose_record_the_database_refuses_is_given_up_as_maybe_sent(
    dated_flaky: tuple[Harness, Switch],
) -> None:
    """The page was posted (each attempt finds it), but the database refuses its "sent" record
    every time: given up with no outcome recorded, it is counted as maybe sent — kept in its
    reader's count, the channel told it may not have reached them — not "I could not page"
    someone who has it on their screen (before: taken out of their count, told as failed)."""
    bot, switch = dated_flaky
    await bot.guichet.scheduler.stop()

    def refuse_page_records(call: Call) -> Exception | None:
        query, update = (*call.args, None, None)[:2]
        item = str(query.get("_id")) if isinstance(query, dict) else ""
        page = item.startswith("EMG-") and ":dm:" not in item and ":card:" not in item
        sent = isinstance(update, dict) and update.get("$set", {}).get("state") == "sent"
        return _invalid() if call.collection == "outbox" and page and sent else None

    switch.refuse = refuse_page_records
    ticket = await bot.file(
        "emergency",
        "Production site down",
        "The whole network of the warehouse is down, nobody can work.",
        impact="high",
        urgency="high",
    )
    await bot.tick()  # level 1 paged: posted, its record refused
    assert len(bot.dms_to(INFRA_ONCALL_1)) == 1
    for _ in range(MAX_ATTEMPTS):  # each lease runs out: claimed again, found, refused again
        await bot.tick(LEASE + TICK)
    posted = len(bot.dms_to(INFRA_ONCALL_1))  # the first page, and the re-pages since: each
    paging = (await bot.ticket(ticket.id)).paging  # posted once, found by its retries
    assert paging is not None and paging.paged.get(INFRA_ONCALL_1) == posted  # all counted
    assert paging.unconfirmed.get(INFRA_ONCALL_1, 0) >= 1
    told = [c.args["text"] for c in bot.thread(ticket) if "⚠️" in c.args["text"]]
    assert any("I cannot tell whether my page to" in text for text in told), told
    assert not any("could not page" in text for text in told), told
