"""Resolving asks how the ticket was solved when its service says so (``resolution_note:``):
infra_network requires it (tests/data/services.yml); the note and category are kept on the
ticket and shown to the requester."""

from __future__ import annotations

from typing import Any

from bot.domain.models import Status, Ticket
from bot.domain.resolution import Category, resolution_of
from tests.e2e.harness import EMPLOYEE_EN, INFRA_ONCALL_1, Harness


async def _when(bot: Harness, ticket_id: str, **fields: Any) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    return ticket if all(getattr(ticket, k) == v for k, v in fields.items()) else None


async def test_a_required_note_is_asked_kept_and_shown_to_the_requester(bot: Harness) -> None:
    ticket = await bot.file("incident", "VPN down at the warehouse", "The VPN is down.")
    assert ticket.service == "infra_network"
    await bot.choose(ticket.id, "ticket_claim", None, INFRA_ONCALL_1)
    await bot.eventually(lambda: _when(bot, ticket.id, assignee=INFRA_ONCALL_1), "claimed")
    await bot.eventually(  # the card shows the claim (it is refreshed after the claim is stored)
        lambda: _card_shows(bot, ticket.id, "ticket_unassign"), "the card updated"
    )

    opened = await bot.choose_form(ticket.id, "ticket_status", INFRA_ONCALL_1, "resolved")

    form = opened.response["view"]
    assert form["callback_id"] == "ticket_resolve_form"
    assert (await bot.ticket(ticket.id)).status is Status.IN_PROGRESS  # not yet: asked first
    note_block = next(b for b in form["blocks"] if b["block_id"] == "resolution_note")
    assert note_block["optional"] is False

    status, body = await bot.submit(form, {}, user=INFRA_ONCALL_1)  # no note: a field error
    assert status == 200 and body["response_action"] == "errors"
    assert "resolution_note" in body["errors"]
    assert (await bot.ticket(ticket.id)).status is Status.IN_PROGRESS

    answers = {
        "resolution_note": "Restarted the VPN concentrator; =cmd stays text.",
        "resolution_category": "workaround",
    }
    status, body = await bot.submit(form, answers, user=INFRA_ONCALL_1)
    assert status == 200 and not body
    resolved = await bot.eventually(
        lambda: _when(bot, ticket.id, status=Status.RESOLVED), "resolved"
    )
    kept = resolution_of(resolved.extra)
    assert kept is not None and kept.by == INFRA_ONCALL_1
    assert (kept.note, kept.category) == (answers["resolution_note"], Category.WORKAROUND)
    told = await bot.told_eventually(EMPLOYEE_EN, "How it was solved")
    assert "Is your problem solved?" in told
    assert "*How it was solved*: Workaround\n>Restarted the VPN concentrator" in told
    audit = bot.guichet.database.handle["audit"]
    refused = await audit.find({"outcome": "refused"}).to_list(10)
    assert [(d["actor"], d["note"]) for d in refused] == [(INFRA_ONCALL_1, "NoteRequired")]


async def test_a_service_that_does_not_ask_resolves_at_once(bot: Harness) -> None:
    ticket = await bot.file("information_request", "Password procedure?", "Where is it?")
    assert ticket.service == "service_desk"
    opened = len(bot.slack.calls_to("views.open"))
    await bot.choose(ticket.id, "ticket_status", "resolved", "U0DESKMEMBER")
    resolved = await bot.eventually(
        lambda: _when(bot, ticket.id, status=Status.RESOLVED), "resolved"
    )
    assert resolution_of(resolved.extra) is None
    assert len(bot.slack.calls_to("views.open")) == opened


async def _card_shows(bot: Harness, ticket_id: str, fragment: str) -> bool:
    return fragment in str((await bot.channel_message(ticket_id))["blocks"])
