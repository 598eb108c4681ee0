"""The approval buttons in the audit log: pressed by someone who is not an approver (refused),
by the approver (the approval, with the ticket's change), and again once decided (too late)."""

from __future__ import annotations

from tests.e2e.audit_lines import audit_lines, refusals
from tests.e2e.catalogue.steps import LICENCE
from tests.e2e.catalogue.steps import press as _press
from tests.e2e.catalogue.steps import request as _request
from tests.e2e.harness import DESK_MEMBER, EMPLOYEE_EN, OUTSIDER, Harness


async def test_approval_decisions_and_refusals_are_audited(bot: Harness) -> None:
    ticket = await _request(bot, "software_licence", LICENCE)
    shown = bot.latest_dm(DESK_MEMBER, "request_approve")  # kept open in the approver's client
    await _press(bot, DESK_MEMBER, "request_approve", as_user=OUTSIDER)
    await bot.eventually(lambda: any("not an approver" in m for m in bot.told(OUTSIDER)))
    await _press(bot, DESK_MEMBER, "request_reject", as_user=EMPLOYEE_EN)  # the requester
    await bot.eventually(lambda: any("not an approver" in m for m in bot.told(EMPLOYEE_EN)))
    await _press(bot, DESK_MEMBER, "request_approve")
    await bot.eventually(lambda: any("approved" in m for m in bot.told(DESK_MEMBER)))
    told = len(bot.told(DESK_MEMBER))
    await _press(bot, DESK_MEMBER, "request_reject", message=shown)  # decided already
    await bot.eventually(lambda: len(bot.told(DESK_MEMBER)) > told, "told it is decided")

    pressed = "block_actions:"
    assert await refusals(bot, OUTSIDER) == [
        (OUTSIDER, "request_approve", "refused", pressed + "request_approve", ticket.id, "refused")
    ]
    assert await refusals(bot, EMPLOYEE_EN) == [
        (EMPLOYEE_EN, "request_reject", "refused", pressed + "request_reject", ticket.id, "refused")
    ]
    assert await refusals(bot, DESK_MEMBER) == [
        (
            DESK_MEMBER,
            "request_reject",
            "refused",
            pressed + "request_reject",
            ticket.id,
            "too_late",
        )
    ]
    approved = await audit_lines(bot, ticket_id=ticket.id, action="approved")
    assert [(a[0], a[2], a[3]) for a in approved] == [
        (DESK_MEMBER, "done", pressed + "request_approve")
    ]
