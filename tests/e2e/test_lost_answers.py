"""Nothing doubled after a lost answer, kind by kind: Slack takes the message, the answer never
reaches the bot (the emulator drops the connection after the work, on that exact call), the
outbox tries again, finds the message by its metadata and adopts it. Exactly one message is in
Slack, and the outbox item is marked sent where it is.

Every kind ``bot/domain/lost_answers.py`` says is found is driven here, or named in
``ELSEWHERE`` with the test that drives it; ``test_every_found_kind_is_driven`` fails when a
kind is added without one."""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.domain.lost_answers import FOUND_AFTER_LOST_ANSWER
from bot.domain.models import OutgoingKind, Ticket
from bot.domain.outbox import OutboxItem, OutboxState
from bot.outbox.deliveries import backoff
from handlers.tickets.card_posting import EVENT_TYPE
from storage.client import Database
from storage.outbox import OutboxRepository
from tests.e2e.catalogue.conftest import with_catalogue
from tests.e2e.catalogue.steps import LICENCE, choose, request
from tests.e2e.harness import (
    DESK_AGENT,
    DESK_MEMBER,
    EMPLOYEE_EN,
    INFRA_ONCALL_1,
    INFRA_ONCALL_2,
    SERVICES_FILE,
    Harness,
)
from tests.e2e.problems.outage import DESK, PEOPLE, REQUESTERS, as_shown, report, three_reports
from tests.e2e.test_delivery import bot_with_dated_slack
from tests.e2e.test_delivery_dms import DM, file_question, tried
from tests.e2e.test_paging import OUTAGES

ELSEWHERE = {
    OutgoingKind.CARD: (
        "test_delivery",
        "test_a_card_whose_answer_was_lost_is_adopted_not_posted_again",
    ),
    OutgoingKind.PAGE: (
        "test_delivery",
        "test_a_page_whose_answer_was_lost_is_adopted_not_sent_again",
    ),
    OutgoingKind.REQUESTER_DM: (
        "test_delivery_dms",
        "test_a_dm_whose_answer_was_lost_is_adopted_as_the_live_one",
    ),
    OutgoingKind.RELAY_TO_REQUESTER: (
        "test_delivery_dms",
        "test_a_relay_whose_answer_was_lost_is_not_relayed_twice",
    ),
    OutgoingKind.ARTICLE: (
        "test_delivery_thread_replies",
        "test_an_article_whose_answer_was_lost_is_in_the_thread_once",
    ),
    OutgoingKind.SAVED_REPLY: (
        "test_delivery_thread_replies",
        "test_a_saved_reply_whose_answer_was_lost_is_in_the_thread_once",
    ),
    OutgoingKind.MERGE_NOTICE: (
        "test_delivery_thread_replies",
        "test_a_merge_notice_whose_answer_was_lost_is_in_the_thread_once",
    ),
    OutgoingKind.FIXED: (
        "problems.test_latest_dm",
        "test_a_fixed_notice_whose_answer_was_lost_is_found_not_sent_again",
    ),
    OutgoingKind.RETENTION_REPORT: (
        "governance.test_retention_report",
        "test_a_retention_report_whose_answer_was_lost_is_sent_once",
    ),
    OutgoingKind.REQUESTER_FILES: (
        "test_follow_up",
        "test_a_copy_whose_answer_was_lost_is_in_the_thread_once",
    ),
    OutgoingKind.TEAM_NOTICE: (
        "test_team_notices",
        "test_information_added_whose_answer_was_lost_is_not_told_twice",
    ),
}
"""Found kinds whose lost answer another module's test drives (module under tests/e2e, test)."""


@dataclass(frozen=True)
class Lost:
    """Where the message whose answer was lost is (``thread``: ``None`` for a top-level
    message) and the outbox items it says (its kind, and what its metadata names)."""

    channel: str
    thread: str | None
    kind: OutgoingKind
    ticket_id: str  # the ticket its metadata names


WITH_CATALOGUE = {OutgoingKind.APPROVAL_ASK, OutgoingKind.APPROVAL_NOTICE}


@pytest.fixture
async def bot(
    database: Database, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[Harness]:
    """The bot with the outage's requesters (and the catalogue, for the approvals: its form
    opens on the catalogue), Slack's timestamps following the bot's clock (a message is looked
    for from its first attempt's time); ticks by the test."""
    catalogue = request.node.callspec.params.get("kind") in WITH_CATALOGUE
    services = with_catalogue(tmp_path) if catalogue else SERVICES_FILE
    async with bot_with_dated_slack(database, services_file=services) as harness:
        for user, locale in PEOPLE.items():
            harness.slack.add_user(user, user[3:].lower(), locale=locale)
        await harness.guichet.scheduler.stop()
        yield harness


# --- the scenarios: each makes Slack lose the answer to the first post of its kind ------------
async def _problem(bot: Harness) -> Ticket:
    """Three reports of the outage and "Create a problem": PRB-1 posted, its outbox items
    (the linked incidents, their requesters' DMs) waiting for the next tick."""
    _, post = await three_reports(bot)
    await bot.press(DESK, as_shown(bot, post), "problem_create", DESK_AGENT)

    async def created() -> Ticket | None:
        problem = await bot.guichet.helpdesk.tickets.get("PRB-1")
        return problem if problem and problem.message and problem.linked_incidents else None

    return await bot.eventually(created, "the problem")


async def linked(bot: Harness) -> Lost:
    problem = await _problem(bot)
    assert problem.message is not None
    bot.slack.answer_lost("chat.postMessage", channel=DESK, thread_ts=problem.message.ts)
    await bot.tick()
    return Lost(DESK, problem.message.ts, OutgoingKind.LINKED, problem.id)


async def recurrence(bot: Harness) -> Lost:
    """PRB-1 fixed, then a late report like it: the reply in its thread telling the team."""
    problem = await _problem(bot)
    await bot.tick()
    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)

    async def fanned_out() -> bool:
        return (await bot.ticket(problem.id)).fanout_at is None

    await bot.eventually(fanned_out, "the fix fanned out")
    await bot.tick()
    bot.slack.answer_lost("chat.postMessage", channel=DESK, containing="Récurrence possible")
    late = await report(bot, 4)
    (item,) = await bot.eventually(lambda: _items(bot, OutgoingKind.RECURRENCE), "queued")
    await bot.wait_until(lambda: _tried(bot, item.id), "the reply's first attempt")
    late = await bot.ticket(late.id)
    assert late.message is not None
    return Lost(DESK, late.message.ts, OutgoingKind.RECURRENCE, late.id)


async def known_issue(bot: Harness) -> Lost:
    problem = await _problem(bot)
    incident = problem.linked_incidents[0]
    requester = (await bot.ticket(incident)).requester
    bot.slack.answer_lost("chat.postMessage", channel=requester)
    await bot.tick()
    return Lost(bot.slack.dm_channel_id(requester), None, OutgoingKind.KNOWN_ISSUE, incident)


async def approval_ask(bot: Harness) -> Lost:
    bot.slack.answer_lost("chat.postMessage", channel=DESK_MEMBER)
    ticket = await request(bot, "software_licence", LICENCE)
    channel = bot.slack.dm_channel_id(DESK_MEMBER)
    return Lost(channel, None, OutgoingKind.APPROVAL_ASK, ticket.id)


async def approval_notice(bot: Harness) -> Lost:
    bot.slack.answer_lost("chat.postMessage", channel=EMPLOYEE_EN)  # "waits for approval"
    form = await choose(bot, await bot.open_form(), "software_licence")
    status, body = await bot.submit(form, LICENCE)
    assert status == 200, body
    await bot.wait_dms(EMPLOYEE_EN, 1)
    (item,) = await bot.eventually(lambda: _items(bot, OutgoingKind.APPROVAL_NOTICE), "queued")
    await bot.wait_until(lambda: _tried(bot, item.id), "the notice's first attempt")
    return Lost(DM, None, OutgoingKind.APPROVAL_NOTICE, item.message.ticket_id)


async def relay_to_team(bot: Harness) -> Lost:
    ticket = await file_question(bot)
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    await bot.say(channel, "Which OS?", DESK_MEMBER, thread_ts=root)
    await tried(bot, ticket.id, OutgoingKind.RELAY_TO_REQUESTER)
    thread = (await bot.ticket(ticket.id)).requester_thread
    assert thread is not None
    bot.slack.answer_lost("chat.postMessage", channel=channel, thread_ts=root)
    await bot.say(DM, "Windows 11.", EMPLOYEE_EN, thread_ts=thread.ts)
    await tried(bot, ticket.id, OutgoingKind.RELAY_TO_TEAM)
    return Lost(channel, root, OutgoingKind.RELAY_TO_TEAM, ticket.id)


async def reminder(bot: Harness) -> Lost:
    ticket = await file_question(bot)  # P2: its response is due within the hour
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    bot.slack.answer_lost("chat.postMessage", channel=channel, thread_ts=root)
    await bot.tick(timedelta(hours=1))
    return Lost(channel, root, OutgoingKind.REMINDER, ticket.id)


async def last_level(bot: Harness) -> Lost:
    title, description = OUTAGES[0]  # level 1 paged at once; level 2, the last, after 10 min
    filed = await bot.file("emergency", title, description, impact="high", urgency="high")
    await bot.tick()
    ticket = await bot.ticket(filed.id)
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    bot.slack.answer_lost("chat.postMessage", channel=channel, thread_ts=root)
    for minutes in (5, 5):
        await bot.tick(timedelta(minutes=minutes))
    return Lost(channel, root, OutgoingKind.LAST_LEVEL, ticket.id)


async def grouped(bot: Harness) -> Lost:
    await three_reports(bot)  # suggested: a fourth report is held with them
    bot.slack.answer_lost("chat.postMessage", channel=REQUESTERS[3])
    held = await report(bot, 3)
    await bot.tick()
    return Lost(bot.slack.dm_channel_id(REQUESTERS[3]), None, OutgoingKind.GROUPED, held.id)


async def separated(bot: Harness) -> Lost:
    _, post = await three_reports(bot)
    held = await report(bot, 3)
    await bot.tick()
    await bot.press(DESK, as_shown(bot, post), "problem_dismiss", DESK_AGENT)

    async def posted() -> bool:  # posted on its own, its requester told where it went
        return (await bot.ticket(held.id)).message is not None and not [
            i
            for i in await _items(bot, OutgoingKind.REQUESTER_DM)
            if i.message.ticket_id == held.id and i.state is OutboxState.PENDING
        ]

    await bot.wait_until(posted, "the held incident posted")
    bot.slack.answer_lost("chat.postMessage", channel=REQUESTERS[3])
    await bot.tick()
    return Lost(bot.slack.dm_channel_id(REQUESTERS[3]), None, OutgoingKind.SEPARATED, held.id)


async def former_assignee(bot: Harness) -> Lost:
    filed = await bot.file("incident", "VPN down at the warehouse", "The VPN is down.")
    await bot.claim(filed, INFRA_ONCALL_1)
    await bot.settled()  # the claim's own messages sent before the fault is armed for the DM
    bot.slack.answer_lost("chat.postMessage", channel=INFRA_ONCALL_1)
    status, _ = await bot.choose(filed.id, "ticket_unassign", None, INFRA_ONCALL_2)
    assert status == 200
    (item,) = await bot.eventually(lambda: _items(bot, OutgoingKind.FORMER_ASSIGNEE), "queued")
    await bot.wait_until(lambda: _tried(bot, item.id), "the DM's first attempt")
    channel = bot.slack.dm_channel_id(INFRA_ONCALL_1)
    return Lost(channel, None, OutgoingKind.FORMER_ASSIGNEE, filed.id)


SCENARIOS: dict[OutgoingKind, Callable[[Harness], Awaitable[Lost]]] = {
    OutgoingKind.LINKED: linked,
    OutgoingKind.KNOWN_ISSUE: known_issue,
    OutgoingKind.RECURRENCE: recurrence,
    OutgoingKind.APPROVAL_ASK: approval_ask,
    OutgoingKind.APPROVAL_NOTICE: approval_notice,
    OutgoingKind.RELAY_TO_TEAM: relay_to_team,
    OutgoingKind.REMINDER: reminder,
    OutgoingKind.LAST_LEVEL: last_level,
    OutgoingKind.GROUPED: grouped,
    OutgoingKind.SEPARATED: separated,
    OutgoingKind.FORMER_ASSIGNEE: former_assignee,
}


# --- what is checked ---------------------------------------------------------------------------
async def _items(bot: Harness, kind: OutgoingKind) -> list[OutboxItem]:
    outbox = OutboxRepository(bot.database)
    documents = await bot.database.handle["outbox"].find({"message.kind": kind.value}).to_list(100)
    items = [await outbox.get(str(d["_id"])) for d in documents]
    return [item for item in items if item is not None]


async def _tried(bot: Harness, item_id: str) -> bool:
    """Its first attempt is over and failed: a claim alone counts the attempt and sets the lease
    before the post is made, so the failure it recorded is what says the post was made."""
    item = await OutboxRepository(bot.database).get(item_id)
    return item is not None and item.attempts >= 1 and item.last_error is not None


def _posted(bot: Harness, lost: Lost) -> list[dict[str, Any]]:
    """The messages of ``lost``'s kind about its ticket (told by their metadata) where it goes."""
    found = []
    for message in bot.slack.messages(lost.channel):
        if lost.thread is not None and (
            message.get("thread_ts") != lost.thread or message["ts"] == lost.thread
        ):
            continue
        metadata = message.get("metadata") or {}
        payload = metadata.get("event_payload") or {}
        if (
            metadata.get("event_type") == EVENT_TYPE
            and payload.get("ticket_id") == lost.ticket_id
            and str(payload.get("role", "")).startswith(f"{lost.kind.value}:")
        ):
            found.append(message)
    return found


@pytest.mark.parametrize("kind", list(SCENARIOS), ids=lambda kind: kind.value)
async def test_a_message_whose_answer_was_lost_is_found_not_posted_again(
    bot: Harness, kind: OutgoingKind
) -> None:
    lost = await SCENARIOS[kind](bot)
    (first,) = _posted(bot, lost)  # Slack has it; the bot could not know
    await bot.tick(backoff(1))  # tried again: looked for, found, adopted
    await bot.tick(backoff(2))
    assert _posted(bot, lost) == [first]
    mine = [
        item
        for item in await _items(bot, kind)
        if lost.ticket_id in (item.message.ticket_id, item.message.about)
    ]
    assert mine and all(item.state is OutboxState.SENT for item in mine), mine
    assert first["ts"] in {item.sent.ts for item in mine if item.sent is not None}
    assert any(item.attempts > 1 for item in mine)  # it was tried again


def test_every_found_kind_is_driven() -> None:
    assert set(SCENARIOS).isdisjoint(ELSEWHERE)
    assert set(SCENARIOS) | set(ELSEWHERE) == FOUND_AFTER_LOST_ANSWER
    for name in ELSEWHERE.values():
        module, test = name
        assert callable(getattr(importlib.import_module(f"tests.e2e.{module}"), test)), name


async def test_a_page_answered_5xx_after_it_was_posted_is_found_not_posted_again(
    bot: Harness,
) -> None:
    """Slack posted the page, then answered 503: no client posts it again blindly (the SDK's
    retry after a 5xx is off for posts); the outbox tries it later, finds it and adopts it."""
    bot.slack.server_error("chat.postMessage", channel=INFRA_ONCALL_1, done=True)
    title, description = OUTAGES[0]
    filed = await bot.file("emergency", title, description, impact="high", urgency="high")
    await bot.tick()
    lost = Lost(bot.slack.dm_channel_id(INFRA_ONCALL_1), None, OutgoingKind.PAGE, filed.id)
    (page,) = _posted(bot, lost)
    await bot.tick(backoff(1))
    assert _posted(bot, lost) == [page]
    sent = await OutboxRepository(bot.database).sent_for(filed.id, [OutgoingKind.PAGE])
    assert [ref.ts for message, ref in sent if message.recipient == INFRA_ONCALL_1] == [page["ts"]]
