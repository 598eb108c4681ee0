"""A catalogue request awaiting approval in the figures and the lists: filed, so it counts in the
service's total and stays in the export, but it is nobody's work yet: never in the service's
*New* backlog, named "Awaiting approval" to its requester (``/ticket list``, the App Home) and in
the export, in no SLA figure; once approved, its times count from the approval, not the filing
(the wait for its approvers is nobody's delay)."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from bot.domain.models import Ticket
from tests.e2e.catalogue.steps import LICENCE
from tests.e2e.catalogue.steps import press as _press
from tests.e2e.catalogue.steps import request as _request
from tests.e2e.harness import CHANNELS, DESK_MEMBER, EMPLOYEE_EN, EMPLOYEE_FR, Harness
from tests.e2e.observations import answer_text, texts_of
from tests.e2e.workspace import INTERNAL_AGENT


def _line(shown: str, start: str) -> str:
    """The line of ``shown`` that starts with ``start``."""
    found = re.search(rf"^{re.escape(start)}.*$", shown, re.MULTILINE)
    assert found is not None, shown
    return found.group()


async def _export_rows(bot: Harness, text: str, user: str) -> list[list[str]]:
    dm = bot.slack.dm_channel_id(user)
    before = len(bot.slack.uploads(dm))
    await bot.command_answer(text, user)
    upload = bot.slack.uploads(dm)[before]
    data = (upload.data or b"").decode("utf-8-sig")
    return list(csv.reader(io.StringIO(data, newline=""), delimiter=","))


async def test_a_request_awaiting_approval_is_counted_apart_and_listed_as_such(
    bot: Harness,
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    assert ticket.approval == "pending" and ticket.service == "internal_it"

    # The service's figures: filed, so in the total; not its New backlog; in no SLA figure.
    shown = answer_text(await bot.command_answer("stats internal_it 1d", INTERNAL_AGENT))
    assert "*Tickets*\n1" in shown
    assert _line(shown, "*By status*") == "*By status*: Awaiting approval 1"
    assert "*Mean time to acknowledge (MTTA)*\nno data" in shown
    assert "*SLA targets missed*\nno data" in shown
    assert "requests awaiting approval count in neither the times nor the targets" in shown
    french = answer_text(await bot.command_answer("stats 1j", EMPLOYEE_FR))  # overall, in French
    assert "En attente d’approbation 1" in _line(french, "*Par statut*")
    assert "Nouveau" not in _line(french, "*Par statut*")

    # The export keeps it, with its state and no targets.
    rows = await _export_rows(bot, "export internal_it 1d", INTERNAL_AGENT)
    [row] = [r for r in rows[1:] if r[0] == ticket.id]
    assert row[5] == "Awaiting approval" and row[14] == "" and row[16] == ""

    # Its requester sees it listed as awaiting approval, in /ticket list and on the Home tab.
    listed = answer_text(await bot.command_answer("list", EMPLOYEE_EN))
    assert ticket.id in listed and "Awaiting approval" in listed and "New" not in listed
    home = "\n".join(texts_of(await bot.open_home(EMPLOYEE_EN)))
    home_row = home[home.index(f"*{ticket.id}*") :].split("\n")[1]
    assert home_row.startswith("Awaiting approval · P3 · Internal IT"), home_row

    # Approved 30 minutes later, claimed 10 minutes after that: now the service's New work,
    # then In progress, its time to acknowledge counted from the approval (10 min, not 40).
    bot.clock.advance(timedelta(minutes=30))
    await _press(bot, DESK_MEMBER, "request_approve")
    posted = await bot.eventually(
        lambda: _posted(bot, ticket.id), "the approved request posted to its service"
    )
    assert posted.approval == "approved" and posted.sla.started_at == bot.clock.now()
    shown = answer_text(await bot.command_answer("stats internal_it 1d", INTERNAL_AGENT))
    assert _line(shown, "*By status*") == "*By status*: New 1"
    bot.clock.advance(timedelta(minutes=10))
    claimed = await bot.claim(ticket, INTERNAL_AGENT)
    assert claimed.sla.responded_at == bot.clock.now()
    shown = answer_text(await bot.command_answer("stats internal_it 1d", INTERNAL_AGENT))
    assert "*Mean time to acknowledge (MTTA)*\n10 min" in shown, shown
    listed = answer_text(await bot.command_answer("list", EMPLOYEE_EN))
    assert ticket.id in listed and "Awaiting approval" not in listed


async def test_the_weekly_digest_counts_it_apart_from_the_services_work(bot: Harness) -> None:
    """The digest's figures are the same as ``/ticket stats``': the week's request awaiting
    approval is in the total, under its own name, not under *New*."""
    ticket = await _request(bot, "software_licence", LICENCE)
    bot.clock.advance(timedelta(days=7))  # the next Monday, after the digest time
    report = await bot.guichet.digest.run_due()
    assert "internal_it" in report.posted
    [figures] = [
        c.args
        for c in bot.slack.calls_to("chat.postMessage")
        if c.ok and c.args.get("channel") == CHANNELS["internal_it"] and "📊" in str(c.args)
    ]
    shown = "\n".join(texts_of(figures["blocks"]))
    assert (await bot.ticket(ticket.id)).awaiting_approval
    assert _line(shown, "*By status*") == "*By status*: Awaiting approval 1"  # in English


async def _posted(bot: Harness, ticket_id: str) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    return ticket if ticket.message is not None else None
