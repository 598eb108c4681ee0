"""A catalogue request awaiting approval is not its service's work yet: no card shows it a
control, and a forged or replayed press (claim, a change of status) is refused, audited, and
changes nothing — authority comes from the stored ticket, not from what a payload claims."""

from __future__ import annotations

from typing import Any

from bot.domain.models import Status
from tests.e2e.audit_lines import refusals
from tests.e2e.catalogue.steps import LICENCE
from tests.e2e.catalogue.steps import request as _request
from tests.e2e.harness import CHANNELS, Harness
from tests.e2e.workspace import INTERNAL_AGENT

REFUSED = "is still awaiting its approvers: nothing can be done on it before they decide."


def _card_with(element: dict[str, Any]) -> dict[str, Any]:
    """A message as a forged payload would carry it: one control, never posted by Guichet."""
    return {"ts": "1767603600.000099", "blocks": [{"type": "actions", "elements": [element]}]}


async def _forge(bot: Harness, action_id: str, value: str, element: dict[str, Any]) -> str:
    told = len(bot.told(INTERNAL_AGENT))
    status, _ = await bot.send.block_action(
        action_id,
        value,
        user_id=INTERNAL_AGENT,
        channel_id=CHANNELS["internal_it"],
        message=_card_with({"action_id": action_id, **element}),
    )
    assert status == 200
    await bot.eventually(lambda: len(bot.told(INTERNAL_AGENT)) > told, "the agent told")
    return bot.told(INTERNAL_AGENT)[-1]


async def test_a_forged_claim_or_status_on_a_request_awaiting_approval_is_refused(
    bot: Harness,
) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    assert ticket.approval == "pending" and ticket.message is None  # no card: not posted yet
    button = {"type": "button", "text": {"type": "plain_text", "text": "Claim"}}
    told = await _forge(bot, "ticket_claim", ticket.id, {**button, "value": ticket.id})
    assert f"{ticket.id} {REFUSED}" in told

    resolved = f"{ticket.id}|{ticket.status.value}|resolved"
    option = {"text": {"type": "plain_text", "text": "Resolved"}, "value": resolved}
    menu = {
        "type": "static_select",
        "placeholder": {"type": "plain_text", "text": "Status"},
        "options": [option],
    }
    told = await _forge(bot, "ticket_status", resolved, menu)
    assert f"{ticket.id} {REFUSED}" in told

    stored = await bot.ticket(ticket.id)
    assert stored.assignee is None and stored.status is ticket.status is Status.NEW
    assert stored.approval == "pending"
    reasons = [line[-1] for line in await refusals(bot, INTERNAL_AGENT)]
    assert reasons == ["AwaitingApproval", "AwaitingApproval"]
