"""A duplicate merged into another ticket, in the CSV export: said so, with the ticket it went
into, and not a ticket resolved in five minutes with its targets met. /ticket stats leaves it out
of every figure; the export read it as the fastest fix of the week."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from bot.domain.models import Status
from tests.e2e.governance.test_merge import _form, _two_infra_tickets, _when
from tests.e2e.harness import INFRA_ONCALL_2, Harness


async def test_a_merged_duplicate_is_said_so_in_the_export(bot: Harness) -> None:
    duplicate, kept = await _two_infra_tickets(bot)
    bot.clock.advance(timedelta(minutes=5))
    view = await _form(bot, duplicate, INFRA_ONCALL_2)
    status, _ = await bot.submit(view, {"merge_target": kept.id}, INFRA_ONCALL_2)
    assert status == 200
    await bot.eventually(lambda: _when(bot, duplicate.id, status=Status.CLOSED), "the merge")
    answer = await bot.command_answer("export infra_network 7d", INFRA_ONCALL_2)
    assert "2 tickets for Infrastructure &amp; network" in answer["text"]
    [upload] = bot.slack.uploads(bot.slack.dm_channel_id(INFRA_ONCALL_2))
    text = (upload.data or b"").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    merged = by_id[duplicate.id]
    assert merged["Merged into"] == kept.id and merged["Status"] == "Closed"
    assert merged["First response (UTC)"] == merged["Resolved (UTC)"] == ""
    assert merged["SLA breached"] == ""
    assert merged["Response target met"] == merged["Resolution target met"] == ""
    assert by_id[kept.id]["Merged into"] == ""
    assert by_id[kept.id]["SLA breached"] == "no"  # the ticket that goes on keeps its figures
