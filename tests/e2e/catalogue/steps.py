"""What a person does with the catalogue's forms, sent as Slack sends it."""

from __future__ import annotations

import re
from typing import Any

from bot.domain.models import Ticket
from sandbox.emulator import RecordedCall
from tests.e2e.harness import EMPLOYEE_EN, Harness

LICENCE = {"field_software": "visio", "field_seats": "5", "field_cost_centre": "4410"}


async def choose(
    bot: Harness,
    view: dict[str, Any],
    item: str,
    typed: dict[str, Any] | None = None,
    user: str = EMPLOYEE_EN,
) -> dict[str, Any]:
    """``user`` picks ``item`` in "What do you need?" (having typed ``typed`` in the form so
    far); returns the form as the bot turned it (``views.update``)."""
    before = len(bot.slack.calls_to("views.update"))
    values = bot.send.state_values(view, typed or {})
    status, _ = await bot.send.block_action(
        "catalogue_pick", item, user_id=user, view=view, values=values
    )
    assert status == 200

    def turned() -> RecordedCall | None:  # the bot says which version it changes: this one
        calls = bot.slack.calls_to("views.update")[before:]
        return next((c for c in calls if c.args.get("hash") == view["hash"]), None)

    call = await bot.eventually(turned, f"the form turned to {item}")
    assert call.ok, call.response
    return call.response["view"]


def inputs(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The view's input blocks by block id."""
    return {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}


def section_texts(message: dict[str, Any]) -> str:
    """The text of a message's or view's sections, one per line, as people read it."""
    return "\n".join(
        b["text"]["text"] for b in message["blocks"] if b["type"] == "section" and b.get("text")
    )


async def request(bot: Harness, item: str, answers: dict, user: str = EMPLOYEE_EN) -> Ticket:
    """``user`` files ``item`` (one that needs approval) with ``answers``; returns the held
    ticket once they are told who must approve."""
    told = len(bot.dms_to(user))
    form = await choose(bot, await bot.open_form(user=user), item, user=user)
    status, body = await bot.submit(form, answers, user=user)
    assert status == 200 and body["response_action"] == "update", body
    found = re.search(r"\b[A-Z]{3}-\d+\b", str(body["view"]["blocks"]))
    assert found is not None
    await bot.wait_dms(user, told + 1)  # told who must approve
    return await bot.ticket(found.group())


async def press(
    bot: Harness,
    approver: str,
    action: str,
    as_user: str | None = None,
    message: dict | None = None,
    trigger_id: str | None = None,
) -> None:
    """Press ``action`` in ``approver``'s latest DM holding it (or in ``message``: a DM as it
    was before a decision took its buttons away, as a late press in an open Slack client)."""
    status, _ = await bot.send.block_action(
        action,
        None,
        user_id=as_user or approver,
        channel_id=bot.slack.dm_channel_id(approver),
        message=message or bot.latest_dm(approver, action),
        trigger_id=trigger_id,
    )
    assert status == 200


async def reject_form(bot: Harness, approver: str) -> dict[str, Any]:
    """``approver`` presses Reject in their latest DM holding it; returns the form asking the
    reason that this press opened (by its own trigger id)."""
    trigger = bot.send.new_trigger_id(approver)
    await press(bot, approver, "request_reject", trigger_id=trigger)
    call = await bot.opened_with(trigger)
    assert call.ok, call.response
    return dict(call.response["view"])
