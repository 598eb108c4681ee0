"""Every query of the filing, working and scheduler paths is served by an index on MongoDB.

The bot runs against a real server (``MONGODB_URI``) with a listener keeping every command it
sends; people file, a storm forms a problem, an agent claims and resolves, the scheduler ticks;
then the server explains each query the bot made, and none may read the whole collection.
Without a server, the plan reading itself is checked on explain answers as servers give them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

import pytest

from storage.client import Database, connect
from storage.query_plans import CommandLog, explain, plan_of
from tests.e2e.harness import DESK_AGENT, DESK_MEMBER, EMPLOYEE_EN, Harness
from tests.e2e.problems.outage import PEOPLE, TICK, make_problem, report

MONGODB_URI = os.environ.get("MONGODB_URI")


@pytest.fixture
async def commands() -> CommandLog:
    return CommandLog()


@pytest.fixture
async def database(commands: CommandLog) -> AsyncIterator[Database]:
    """A throw-away database on the server, every command the bot sends kept in ``commands``."""
    if not MONGODB_URI:
        pytest.skip("MONGODB_URI is not set: no real MongoDB server to explain queries")
    db = connect(MONGODB_URI, f"guichet_plans_{uuid.uuid4().hex[:8]}", listeners=[commands])
    yield db
    await db.client.drop_database(db.handle.name)
    db.close()


@pytest.mark.mongo
async def test_no_query_of_the_bot_reads_a_whole_collection(
    bot: Harness, commands: CommandLog
) -> None:
    for user, locale in PEOPLE.items():
        bot.slack.add_user(user, user[3:].lower(), locale=locale)
    await bot.guichet.scheduler.stop()
    last = bot.database.handle["suggestions"]  # the indexes are made at start-up, these last
    await bot.eventually(lambda: _has_index(last, "by_service"), "the indexes")
    _, problem = await make_problem(bot)  # filing, recurring incidents, the suggestion
    await report(bot, 3)  # a storm: joins the problem
    question = await bot.file("information_request", "VPN guide?", "Where is the VPN guide?")
    assert question.message is not None
    cards = bot.card_updates(question)
    await bot.send.block_action(
        "ticket_claim",
        question.id,
        user_id=DESK_MEMBER,
        channel_id=question.message.channel,
        message_ts=question.message.ts,
        message=bot.slack.message(question.message.channel, question.message.ts),
    )
    await bot.card_updated(question, cards)
    await bot.open_home(EMPLOYEE_EN)
    await bot.open_home(DESK_AGENT)  # an agent's lists, most pressing first
    await bot.choose(problem.id, "ticket_status", "resolved", DESK_AGENT)
    for _ in range(4):  # the fan-out, the outbox, reminders
        await bot.tick(TICK)
    await bot.tick(TICK * 500)  # a day later: reminders and pages due

    seen: dict[str, str] = {}
    for command in commands.commands:
        plan = await explain(bot.database.handle, command)
        shape = repr({k: v for k, v in command.items() if k in ("filter", "q", "query")})
        if plan.scans_collection:
            seen[f"{next(iter(command))} {command[next(iter(command))]}: {shape}"] = plan.stage
    assert len(commands.commands) > 50  # the scenario made the bot work
    assert seen == {}, "queries without an index"


async def _has_index(collection: Any, name: str) -> bool:  # a collection of Database.handle
    return name in await collection.index_information()


def test_a_plan_names_its_index_and_any_collection_scan() -> None:
    indexed = plan_of(
        {
            "queryPlanner": {
                "winningPlan": {
                    "queryPlan": {
                        "stage": "FETCH",
                        "inputStage": {"stage": "IXSCAN", "indexName": "by_service"},
                    }
                }
            },
            "executionStats": {"nReturned": 2, "totalKeysExamined": 2, "totalDocsExamined": 2},
        }
    )
    assert indexed.index == "by_service" and not indexed.scans_collection
    assert (indexed.returned, indexed.docs_examined) == (2, 2)
    either = plan_of(
        {
            "queryPlanner": {
                "winningPlan": {
                    "stage": "SUBPLAN",
                    "inputStage": {
                        "stage": "OR",
                        "inputStages": [
                            {"stage": "IXSCAN", "indexName": "by_service"},
                            {"stage": "COLLSCAN"},
                        ],
                    },
                }
            }
        }
    )
    assert either.scans_collection and either.stage == "SUBPLAN <- OR <- IXSCAN <- COLLSCAN"
    cursor = {"queryPlanner": {"winningPlan": {"stage": "EOF"}}}
    counted = plan_of({"stages": [{"$cursor": cursor}]})
    assert counted.stage == "EOF" and not counted.scans_collection


def test_the_log_keeps_one_command_per_statement_without_driver_fields() -> None:
    log = CommandLog()
    updates = [{"q": {"_id": "A"}, "u": {}}, {"q": {"_id": "B"}, "u": {}}]
    sent = {"update": "tickets", "updates": updates, "lsid": {"id": 1}, "$db": "guichet"}
    log.started(SimpleNamespace(command_name="update", command=sent))  # type: ignore[arg-type]
    log.started(SimpleNamespace(command_name="insert", command={"insert": "tickets"}))  # type: ignore[arg-type]
    log.started(SimpleNamespace(command_name="find", command={"find": "outbox", "$db": "g"}))  # type: ignore[arg-type]
    assert log.commands == [
        {"update": "tickets", "updates": [updates[0]]},
        {"update": "tickets", "updates": [updates[1]]},
        {"find": "outbox"},
    ]
