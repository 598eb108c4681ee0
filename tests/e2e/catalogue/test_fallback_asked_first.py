"""A fallback approver who was among the approvers asked first: « à leur place » / "in their
place" is not true for them. They read that their approval is still needed (and whether others
are asked too), each approver is listed and asked once, and the requester is told only when more
people are asked."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from storage.client import Database
from tests.e2e.catalogue.conftest import with_catalogue
from tests.e2e.catalogue.steps import press as _press
from tests.e2e.catalogue.steps import request as _request
from tests.e2e.harness import (
    DESK_MEMBER,
    EMPLOYEE_EN,
    INFRA_ONCALL_1,
    SECURITY_ONCALL,
    Harness,
    running_bot,
)
from tests.e2e.observations import action_ids

PRINTER = """
  printer_access:
    name: {fr: "Accès à une imprimante", en: "Printer access"}
    service: internal_it
    fields:
      printer:
        type: short_text
        label: {fr: "Imprimante", en: "Printer"}
    approval:               # U0INFRA1 approves first, and is the fallback too
      steps:
        - users: [U0DESKMEMBER, U0INFRA1]
      remind_after: 1h
      fallback_after: 4h
      fallback: [U0INFRA1, U0SECONCALL, U0INFRA1]
"""


@pytest.fixture
async def printers(database: Database, tmp_path: Path) -> AsyncIterator[Harness]:
    services_file = with_catalogue(tmp_path)
    services_file.write_text(services_file.read_text(encoding="utf-8") + PRINTER)
    async with running_bot(database, services_file=services_file) as harness:
        yield harness


async def _approval(bot: Harness, ticket_id: str) -> dict[str, Any]:
    document = await bot.guichet.database.handle["approvals"].find_one({"_id": ticket_id})
    assert document is not None
    return document


async def test_a_fallback_approver_asked_first_reads_their_approval_is_still_needed(
    printers: Harness,
) -> None:
    bot = printers
    ticket = await _request(bot, "printer_access", {"field_printer": "PRN-2F"})
    first = bot.latest_dm(INFRA_ONCALL_1, "request_approve")
    await bot.tick(timedelta(minutes=61))  # reminded
    told = len(bot.dms_to(EMPLOYEE_EN))
    await bot.tick(timedelta(hours=3))  # 4 h after the request: the fallback

    again = bot.latest_dm(INFRA_ONCALL_1, "request_approve")  # in French
    assert again["text"] == (
        f"<@{EMPLOYEE_EN}> demande *Accès à une imprimante* ({ticket.id}) et personne n’a décidé "
        "à temps\u00a0: d’autres personnes sont maintenant sollicitées aussi, et votre "
        "approbation est toujours demandée\u00a0:"
    )
    assert "à leur place" not in again["text"]
    assert len(bot.dms_to(INFRA_ONCALL_1)) == 3  # asked, reminded, the fallback: once each
    earlier = bot.slack.message(bot.slack.dm_channel_id(INFRA_ONCALL_1), first["ts"])
    assert not action_ids(earlier)  # only the latest keeps its buttons
    newcomer = bot.latest_dm(SECURITY_ONCALL, "request_approve")["text"]
    assert newcomer.endswith("your approval is needed in their place:")  # true for them

    await bot.wait_dms(EMPLOYEE_EN, told + 1)
    assert bot.told(EMPLOYEE_EN)[-1] == (  # each approver named once
        f"Nobody has decided on your request *Printer access* ({ticket.id}) yet: I have asked "
        f"more people as well, and it now waits for approval by <@{DESK_MEMBER}>, "
        f"<@{INFRA_ONCALL_1}>, "
        f"<@{SECURITY_ONCALL}>. I will tell you their decision."
    )
    stored = await _approval(bot, ticket.id)
    assert stored["approvers"] == [DESK_MEMBER, INFRA_ONCALL_1, SECURITY_ONCALL]
    assert stored["asked"] == [DESK_MEMBER, INFRA_ONCALL_1, SECURITY_ONCALL]

    await _press(bot, INFRA_ONCALL_1, "request_approve", message=again)
    await bot.eventually(
        lambda: any("approved your request" in m for m in bot.told(EMPLOYEE_EN)), "approved"
    )


async def test_a_fallback_that_is_who_was_asked_is_a_reminder_and_the_requester_not_told(
    bot: Harness,
) -> None:
    bot.slack.set_usergroup("S0LEADS", [])  # nobody in the group: the fallback asked first
    ticket = await _request(bot, "admin_rights", {"field_why": "Install drivers"})
    assert bot.told(EMPLOYEE_EN)[-1].count(f"<@{SECURITY_ONCALL}>") == 1
    await bot.tick(timedelta(hours=4, minutes=1))  # reminded
    told = len(bot.dms_to(EMPLOYEE_EN))
    await bot.tick(timedelta(hours=20))  # a day after the request: the fallback

    asked = bot.latest_dm(SECURITY_ONCALL, "request_approve")["text"]
    assert asked == (
        f"Reminder: <@{EMPLOYEE_EN}> is still waiting for a decision on *Admin rights* "
        f"({ticket.id}) and nobody has decided in time: your approval is still needed:"
    )
    assert len(bot.dms_to(SECURITY_ONCALL)) == 3
    await bot.settled()
    assert len(bot.dms_to(EMPLOYEE_EN)) == told  # nobody more asked: nothing new to tell
    stored = await _approval(bot, ticket.id)
    assert stored["approvers"] == [SECURITY_ONCALL] and stored["fallback_asked"] is True
    history = [e.action.value for e in await bot.guichet.helpdesk.tickets.history(ticket.id)]
    assert history[-2:] == ["approval_reminded", "approval_fallback"]
