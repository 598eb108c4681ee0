"""``retention:`` reaches what other collections keep of a closed ticket: a rejected request's
approval is anonymised with it (who asked, who was asked, who decided and why), and the
messages it owed leave the outbox; with ``closed_tickets_action: delete`` the approval goes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.domain.models import Status
from bot.domain.retention import ANONYMOUS
from storage.client import Database
from tests.e2e.catalogue.conftest import CATALOGUE
from tests.e2e.catalogue.test_privacy_everywhere import REASON, _rejected_with_a_mention
from tests.e2e.harness import Harness, running_bot, services_file_with

RETENTION = """
retention:
  closed_tickets: 30d
  closed_tickets_action: {action}
"""


async def _bot(database: Database, tmp_path: Path, action: str) -> AsyncIterator[Harness]:
    catalogue = CATALOGUE.read_text(encoding="utf-8")
    services_file = services_file_with(tmp_path, catalogue, RETENTION.format(action=action))
    async with running_bot(database, services_file=services_file) as harness:
        yield harness


@pytest.fixture
async def anonymising(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    async for harness in _bot(database, tmp_path, "anonymise"):
        yield harness


@pytest.fixture
async def deleting(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    async for harness in _bot(database, tmp_path, "delete"):
        yield harness


async def _owed(bot: Harness, ticket_id: str) -> list[dict]:
    """The ticket's outbox items still owed or naming someone (retention's own, done, stay
    their time without a person: the bot's messages about it deleted from Slack)."""
    outbox = bot.guichet.database.handle["outbox"]
    items = await outbox.find({"message.ticket_id": ticket_id}).to_list(100)
    return [i for i in items if i["state"] == "pending" or i["message"].get("recipient")]


async def test_an_old_rejected_request_loses_its_approvals_people(anonymising: Harness) -> None:
    bot = anonymising
    ticket_id = await _rejected_with_a_mention(bot)
    assert (await bot.ticket(ticket_id)).status is Status.CANCELLED
    approvals = bot.guichet.database.handle["approvals"]
    assert (await approvals.find_one({"_id": ticket_id}))["decisions"][0]["reason"] == REASON
    assert await _owed(bot, ticket_id)  # the asks and the requester's notices

    await bot.tick(timedelta(days=29))  # not yet
    assert (await approvals.find_one({"_id": ticket_id}))["requester"] != ANONYMOUS
    await bot.tick(timedelta(days=2))
    await bot.tick(timedelta(minutes=3))  # the bot's DMs about it deleted, at the outbox's pace
    approval = await approvals.find_one({"_id": ticket_id})
    assert approval["requester"] == ANONYMOUS
    assert set(approval["asked"]) == set(approval["approvers"]) == {ANONYMOUS}
    assert [(d["by"], d["reason"], d["approved"]) for d in approval["decisions"]] == [
        (ANONYMOUS, None, False)  # the figure stays: a rejection
    ]
    assert await _owed(bot, ticket_id) == []
    assert (await bot.ticket(ticket_id)).requester == ANONYMOUS
    await bot.tick()  # again: nothing changes
    assert await approvals.find_one({"_id": ticket_id}) == approval


async def test_deleting_an_old_request_deletes_its_approval(deleting: Harness) -> None:
    bot = deleting
    ticket_id = await _rejected_with_a_mention(bot)
    await bot.tick(timedelta(days=31))
    await bot.tick(timedelta(minutes=3))  # the bot's DMs about it deleted, at the outbox's pace
    assert await bot.guichet.helpdesk.tickets.get(ticket_id) is None
    assert await bot.guichet.database.handle["approvals"].find_one({"_id": ticket_id}) is None
    assert await _owed(bot, ticket_id) == []
