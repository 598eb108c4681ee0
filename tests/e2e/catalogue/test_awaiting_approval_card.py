"""The ticket itself, as people open it, names a catalogue request its approvers have not
decided yet "Awaiting approval" (« En attente d’approbation »), as ``/ticket list``, the App
Home rows and the export already do: ``/ticket show`` and the App Home's Details never call it
*New*, which would say it is its service's work. Once approved, it is *New*."""

from __future__ import annotations

from typing import Any

from bot.domain.models import Status, Ticket
from tests.e2e.catalogue.steps import LICENCE
from tests.e2e.catalogue.steps import press as _press
from tests.e2e.catalogue.steps import request as _request
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, Harness
from tests.e2e.workspace import INTERNAL_AGENT


def _status_field(blocks: list[dict[str, Any]]) -> str:
    """The status field of a ticket's blocks, as shown ("*Status*\\nNew")."""
    fields = [f["text"] for b in blocks if b["type"] == "section" for f in b.get("fields") or []]
    [status] = [f for f in fields if f.startswith(("*Status*", "*Statut*"))]
    return status


async def _shown(bot: Harness, ticket_id: str, user: str) -> list[dict[str, Any]]:
    answer = await bot.command_answer(f"show {ticket_id}", user)
    return list(answer["blocks"])


async def _details(bot: Harness, ticket_id: str, user: str) -> list[dict[str, Any]]:
    """``user`` presses Details on ``ticket_id``'s row of their Home tab: the modal's blocks."""
    home = await bot.open_home(user)
    trigger = bot.send.new_trigger_id(user)
    await bot.send.block_action(
        "home_ticket_details", ticket_id, user_id=user, view=home, trigger_id=trigger
    )
    call = await bot.opened_with(trigger)
    assert call.ok, call.response
    return list(call.response["view"]["blocks"])


async def _posted(bot: Harness, ticket_id: str) -> Ticket | None:
    ticket = await bot.ticket(ticket_id)
    return ticket if ticket.message is not None else None


async def test_show_and_home_details_name_a_request_awaiting_approval_so(bot: Harness) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    assert ticket.awaiting_approval and ticket.status is Status.NEW

    # /ticket show, to its requester and to an agent of its service (the French wording:
    # tests/unit/tickets/test_card_status.py), ...
    assert _status_field(await _shown(bot, ticket.id, EMPLOYEE_EN)) == "*Status*\nAwaiting approval"
    assert _status_field(await _shown(bot, ticket.id, INTERNAL_AGENT)) == (
        "*Status*\nAwaiting approval"
    )
    # ... and the App Home's Details, opened by its requester.
    assert _status_field(await _details(bot, ticket.id, EMPLOYEE_EN)) == (
        "*Status*\nAwaiting approval"
    )
    assert (await bot.ticket(ticket.id)).awaiting_approval  # looking changed nothing

    # Approved: posted to its service, its service's New work, shown so everywhere.
    await _press(bot, DESK_MEMBER, "request_approve")
    posted = await bot.eventually(
        lambda: _posted(bot, ticket.id), "the approved request posted to its service"
    )
    assert not posted.awaiting_approval and posted.status is Status.NEW
    assert _status_field(await _shown(bot, ticket.id, EMPLOYEE_EN)) == "*Status*\nNew"
    assert _status_field(await _details(bot, ticket.id, EMPLOYEE_EN)) == "*Status*\nNew"
    assert posted.message is not None
    card = bot.slack.message(posted.message.channel, posted.message.ts)
    assert _status_field(card["blocks"]) == "*Status*\nNew"
