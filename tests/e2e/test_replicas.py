"""Several replicas on one database: nothing in a process assumes it is alone. Two bots, each
with its own caches and HTTP port, share the database (a real server when MONGODB_URI is set,
each replica then with its own connection) and the Slack workspace."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import pytest

from bot.domain.models import HistoryAction
from sandbox.slack_requests import Reply
from storage.client import Database, connect
from tests.conftest import MONGODB_URI
from tests.e2e.harness import (
    DESK_AGENT,
    DESK_MEMBER,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    Harness,
    running_bot,
)

FORM = {"type": "incident", "description": "It broke.", "impact": "low", "urgency": "low"}
USERS = (EMPLOYEE_EN, EMPLOYEE_FR)
# Twelve unrelated incidents (similar ones would be grouped into a problem suggestion instead of
# each being posted: see tests/e2e/problems/test_suggestion.py)
SUBJECTS = (
    "Printer jams on floor 2",
    "VPN drops every hour",
    "Outlook cannot send mail",
    "Screen flickers",
    "Keyboard keys stuck",
    "Payroll app shows an error",
    "Intranet page is blank",
    "Desk phone has no dial tone",
    "Badge reader refuses my badge",
    "Teams camera not detected",
    "Password expired, locked out",
    "Shared drive missing",
)


def _twin(database: Database) -> Database:
    """Another replica's handle on the same database."""
    if database.persistent:
        assert MONGODB_URI
        return connect(MONGODB_URI, database.handle.name)
    return Database(handle=database.handle, client=database.client, persistent=False)


@pytest.fixture
async def replicas(database: Database) -> AsyncIterator[tuple[Harness, Harness]]:
    async with AsyncExitStack() as stack:
        first = await stack.enter_async_context(running_bot(database))
        twin = running_bot(_twin(database), slack=first.slack, clock=first.clock)
        yield first, await stack.enter_async_context(twin)


async def test_concurrent_filing_on_two_replicas_gives_distinct_ids(
    replicas: tuple[Harness, Harness],
) -> None:
    a, b = replicas
    forms = []
    for index in range(12):
        bot, user = (a, b)[index % 2], USERS[index % 2]
        forms.append((bot, user, await bot.open_form(user=user)))
    replies = await asyncio.gather(
        *(
            bot.submit(view, {**FORM, "title": SUBJECTS[i], "description": SUBJECTS[i]}, user=user)
            for i, (bot, user, view) in enumerate(forms)
        )
    )
    ids = []
    for status, body in replies:
        assert status == 200 and body["response_action"] == "update", body
        found = re.search(r"\b[A-Z]{3}-\d+\b", json.dumps(body["view"]))
        assert found is not None
        ids.append(found.group())
    assert len(set(ids)) == 12
    assert sorted(int(i.split("-")[1]) for i in ids) == list(range(1, 13))
    for ticket_id in ids:
        assert await a.guichet.helpdesk.tickets.get(ticket_id) is not None
    await a.slack.wait_for("chat.postMessage", count=24)  # one post and one DM each
    posts = [c for c in a.slack.calls_to("chat.postMessage") if c.args["channel"].startswith("C")]
    assert len(posts) == 12


async def test_claim_race_across_replicas_has_one_winner(
    replicas: tuple[Harness, Harness],
) -> None:
    a, b = replicas
    ticket = await a.file("information_request", "How do I reset my password?", "Where?")
    assert ticket.message is not None
    message = a.slack.message(ticket.message.channel, ticket.message.ts)

    async def press(bot: Harness, user: str) -> Reply:
        assert ticket.message is not None
        return await bot.send.block_action(
            "ticket_claim",
            ticket.id,
            user_id=user,
            channel_id=ticket.message.channel,
            message_ts=ticket.message.ts,
            message=message,
        )

    cards = a.card_updates(ticket)
    replies = await asyncio.gather(press(a, DESK_MEMBER), press(b, DESK_AGENT))
    assert [status for status, _ in replies] == [200, 200]
    await a.card_updated(ticket, cards)
    told = await a.ephemeral_seen(None)
    stored = await b.guichet.helpdesk.tickets.get(ticket.id)
    assert stored is not None and stored.assignee in (DESK_MEMBER, DESK_AGENT)
    assert told["user"] == (DESK_AGENT if stored.assignee == DESK_MEMBER else DESK_MEMBER)
    history = await a.guichet.helpdesk.tickets.history(ticket.id)
    assert [e.action for e in history].count(HistoryAction.CLAIMED) == 1
    card = [c for c in a.slack.calls_to("chat.update") if not c.args["channel"].startswith("D")]
    assert len(card) == 1  # the card, once (the filed DM loses its buttons too)


async def test_what_one_replica_writes_the_other_reads_at_once(
    replicas: tuple[Harness, Harness],
) -> None:
    a, b = replicas
    ticket = await a.file("information_request", "How do I reset my password?", "Where?")
    assert ticket.message is not None
    cards = a.card_updates(ticket)
    await b.send.block_action(
        "ticket_claim",
        ticket.id,
        user_id=DESK_MEMBER,
        channel_id=ticket.message.channel,
        message=a.slack.message(ticket.message.channel, ticket.message.ts),
    )
    await a.card_updated(ticket, cards)
    shown = await a.command_answer(f"show {ticket.id}", EMPLOYEE_EN)
    assert f"<@{DESK_MEMBER}>" in json.dumps(shown["blocks"])  # no stale copy on replica a
    # a second claim, through the first replica, sees the second replica's write
    await a.send.block_action(
        "ticket_claim",
        ticket.id,
        user_id=DESK_AGENT,
        channel_id=ticket.message.channel,
        message=a.slack.message(ticket.message.channel, ticket.message.ts),
    )
    told = await a.ephemeral_seen(DESK_AGENT)
    assert f"<@{DESK_MEMBER}>" in told["text"]


async def test_two_first_replies_on_two_replicas_share_one_dm_thread(
    replicas: tuple[Harness, Harness],
) -> None:
    """Each replica relays its own reply at once, and both open a DM thread with the requester
    (one process relays a thread's replies one at a time; two do not know of each other): the
    ticket keeps one, the other root is deleted, both replies are in the one kept."""
    a, b = replicas
    ticket = await a.file("information_request", "How do I reset my password?", "Where?")
    assert ticket.message is not None
    channel, root = ticket.message.channel, ticket.message.ts
    a.slack.set_latency(0.02)  # Slack is slower than both replies: both open a DM thread
    await asyncio.gather(
        a.say(channel, "First!", DESK_MEMBER, root), b.say(channel, "Me too", DESK_AGENT, root)
    )
    await a.slack.wait_for("reactions.add", count=2)
    a.slack.set_latency(0)
    await a.settled()
    await b.settled()
    stored = await a.guichet.helpdesk.tickets.get(ticket.id)
    assert stored is not None and stored.requester_thread is not None
    thread = stored.requester_thread
    dm = thread.channel
    roots = [m["ts"] for m in a.slack.messages(dm) if "reply in this thread" in m["text"]]
    assert roots == [thread.ts]  # the loser's root was deleted
    assert len(a.slack.calls_to("chat.delete")) == 1
    replies = [
        m["text"].split("\n")[-1]
        for m in a.slack.messages(dm)
        if m.get("thread_ts") == thread.ts and m["ts"] != thread.ts
    ]
    assert sorted(replies) == ["First!", "Me too"]
    history = await a.guichet.helpdesk.tickets.history(ticket.id)
    assert [e.action for e in history].count(HistoryAction.CONVERSATION_OPENED) == 1
